#!/usr/bin/env bash
# The launcher's start-up archive (target/cds/), run by .ci/run after the build (the jar exists), on copies of the
# checkout (the launcher, pom.xml, src/main and the jar, with their times) in a temporary directory:
# - under LC_ALL=C, a checkout path with non-ASCII letters, '|' and a space, and a spec named with an accent, work;
#   the first run writes the archive in the background, the second run maps it (-Xshare:on would fail otherwise)
#   and does not rewrite it; picocli's classes come from the archive
# - the background writer: a caller reading the first run's output to its end is not kept waiting for it; a run
#   meanwhile starts without the archive and writes none; the terminal's SIGINT and SIGHUP do not stop it; SIGTERM
#   does, leaving no work folder; after SIGKILL the next run cleans up; a jar rebuilt while it works is not paired
#   with the archive of the old one
# - a moved checkout writes its archive again; a second JDK (when /usr/lib/jvm has one) gets its own beside it
# - an archive damaged in place (same size) is written again, never mapped: no crash, no hs_err file
# - LRSCHED_CDS=wait writes it before the command; SIGINT (as Ctrl-C, to the process group) then: exit 130, the -o
#   file keeps its old contents, no work folder; SIGTERM: exit 143; a SIGKILLed run's work folder is removed by the
#   next run; an archive left stale after a failed attempt is not mapped
# Usage: src/test/launcher/archive.sh (needs flock, from util-linux, to wait for the background writer)
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "launcher archive test: $*" >&2; exit 1; }
[ -f "$root/target/lrsched.jar" ] || fail "build first (target/lrsched.jar is missing)"
unset LRSCHED_CDS LRSCHED_JAVA_OPTS JAVA_TOOL_OPTIONS

# checkout DIR: a copy of this checkout that needs no build
checkout() {
  mkdir -p "$1/target" "$1/src"
  cp -p "$root/lrsched" "$root/pom.xml" "$1/"
  cp -a "$root/src/main" "$1/src/"
  cp -p "$root/target/lrsched.jar" "$1/target/"
}
# settle CHECKOUT: waits for the background writer of its archives, if one is at work
settle() {
  local lock
  for lock in "$1"/target/cds/*/lock; do
    if [ -e "$lock" ]; then timeout 120 flock "$lock" true || fail "the background writer of $lock still works after 120 s"; fi
  done
}
# writer CHECKOUT: the process id of the background writer holding its lock (none: empty)
writer() {
  local p
  for p in /proc/[0-9]*; do
    if ls -l "$p/fd" 2>/dev/null | grep -q -- "-> $1/target/cds/.*/lock\$"; then echo "${p#/proc/}"; return; fi
  done
}
archive_of() {
  local f
  for f in "$1"/target/cds/*/lrsched.jsa "$1"/target/cds/*/lrsched.aot; do
    if [ -f "$f" ]; then echo "$f"; return; fi
  done
}
expected="$(printf 'step,wärme\n0,1.0\n1,0.5\n2,0.0\n')"
printf 'steps: 3\nschedules:\n  - {name: wärme, type: cosine, lr: 1.0, total: 2}\n' >"$tmp/spéc.yaml"

# under the C locale, with a path a JVM in that locale cannot spell
co="$tmp/chéck|out dir"
checkout "$co"
cd "$tmp"
out="$(LC_ALL=C "$co/lrsched" csv --spec "$tmp/spéc.yaml" 2>"$tmp/err")" || fail "C locale: exit $? ($(cat "$tmp/err"))"
[ "$out" = "$expected" ] || fail "C locale: printed '$out'"
grep -q "writing a start-up archive in the background" "$tmp/err" || fail "C locale: no archive written ($(cat "$tmp/err"))"
settle "$co"
archive="$(archive_of "$co")"
[ -n "$archive" ] || fail "no archive in $co/target/cds ($(cat "$tmp/err"))"
before="$(ls -li --time-style=full-iso "$archive")"
out="$(LC_ALL=C LRSCHED_JAVA_OPTS=-Xshare:on "$co/lrsched" csv --spec "$tmp/spéc.yaml" 2>"$tmp/err")" ||
  fail "second run: exit $? ($(cat "$tmp/err"))"
[ "$out" = "$expected" ] || fail "second run: printed '$out'"
[ ! -s "$tmp/err" ] || fail "second run: said '$(cat "$tmp/err")'"
[ "$(ls -li --time-style=full-iso "$archive")" = "$before" ] || fail "the second run rewrote the archive"

# a moved checkout writes its archive again (and maps it: -Xshare:on); from a path that needs no escaping in a URL
# (JDK 17 takes no classes of the jar from the archive otherwise, only the JDK's), picocli's classes come from it
mv "$co" "$tmp/moved"
co="$tmp/moved"
"$co/lrsched" csv --spec "$tmp/spéc.yaml" >/dev/null 2>"$tmp/err" || fail "moved: exit $? ($(cat "$tmp/err"))"
grep -q "writing a start-up archive" "$tmp/err" || fail "moved: the archive was not written again"
settle "$co"
LRSCHED_JAVA_OPTS="-Xshare:on -Xlog:class+load=info:file=$tmp/classes.log" "$co/lrsched" csv --spec "$tmp/spéc.yaml" \
  >/dev/null 2>"$tmp/err" || fail "moved, second run: exit $? ($(cat "$tmp/err"))"
grep -q "picocli.CommandLine source: shared objects file" "$tmp/classes.log" ||
  fail "picocli's classes do not come from the archive: $(grep 'picocli.CommandLine ' "$tmp/classes.log")"
archive="$(archive_of "$co")"

# a second JDK: its own archive beside the first; neither is rewritten when the other runs
other=""
this_java="$(readlink -f "$(command -v java)")"
for j in /usr/lib/jvm/*/bin/java; do
  if [ -x "$j" ] && [ "$(readlink -f "$j")" != "$this_java" ] && "$j" -version 2>&1 | grep -q 'version "\(1[7-9]\|[2-9][0-9]\)'; then
    other="${j%/bin/java}"
    break
  fi
done
if [ -n "$other" ]; then
  JAVA_HOME="$other" "$co/lrsched" csv --spec "$tmp/spéc.yaml" >/dev/null 2>"$tmp/err" || fail "JAVA_HOME=$other: $(cat "$tmp/err")"
  grep -q "writing a start-up archive" "$tmp/err" || fail "JAVA_HOME=$other: no archive written"
  settle "$co"
  [ "$(ls -d "$co"/target/cds/*/ | wc -l)" = 2 ] || fail "JAVA_HOME=$other: not two archives: $(ls "$co"/target/cds)"
  before="$(ls -li --time-style=full-iso "$co"/target/cds/*/lrsched.*)"
  for home in "$other" ""; do
    JAVA_HOME="$home" "$co/lrsched" csv --spec "$tmp/spéc.yaml" >/dev/null 2>"$tmp/err"
    [ ! -s "$tmp/err" ] || fail "JAVA_HOME=$home, second run: said '$(cat "$tmp/err")'"
  done
  [ "$(ls -li --time-style=full-iso "$co"/target/cds/*/lrsched.*)" = "$before" ] || fail "two JDKs rewrote archives"
else
  echo "launcher archive test: no second JDK 17+ under /usr/lib/jvm; two-JDK case skipped"
fi

# an archive damaged in place, same size: written again, never mapped
size="$(stat -c %s "$archive")"
chmod u+w "$archive"
dd if=/dev/urandom of="$archive" bs=4096 count=64 seek=64 conv=notrunc 2>/dev/null
[ "$(stat -c %s "$archive")" = "$size" ] || fail "the damage changed the size"
mkdir "$tmp/wd"
cd "$tmp/wd"
out="$("$co/lrsched" csv --spec "$tmp/spéc.yaml" 2>"$tmp/err")" || fail "damaged: exit $? ($(cat "$tmp/err"))"
[ "$out" = "$expected" ] || fail "damaged: printed '$out'"
grep -q "writing a start-up archive" "$tmp/err" || fail "damaged: not written again ($(cat "$tmp/err"))"
settle "$co"
[ -z "$(ls -A "$tmp/wd")" ] || fail "damaged: left $(ls -A "$tmp/wd") in the working directory"
LRSCHED_JAVA_OPTS="-Xshare:on -XX:+VerifySharedSpaces" "$co/lrsched" --version >/dev/null 2>"$tmp/err" ||
  fail "the archive written again does not verify: $(cat "$tmp/err")"
cd "$tmp"

# the background writer, on a fresh checkout
co="$tmp/background"
checkout "$co"
no_work_left() { ! compgen -G "$co/target/cds/*/.work.*" >/dev/null || fail "$1: left $(ls -d "$co"/target/cds/*/.work.*)"; }
# the caller reads the first run's output (and its messages) to their end while the writer still works
out="$("$co/lrsched" csv --spec "$tmp/spéc.yaml" 2>&1)" || fail "background: exit $? ($out)"
[ "$out" = "$expected"$'\n'"lrsched: writing a start-up archive in the background (once for this build and this Java; later runs start faster)" ] ||
  fail "background: printed '$out'"
pid="$(writer "$co")"
[ -n "$pid" ] || fail "background: no writer at work once the first run returned (too fast to test, or the caller waited for it)"
# a run meanwhile: the right output, without the archive, and no second writer
out="$("$co/lrsched" csv --spec "$tmp/spéc.yaml" 2>"$tmp/err")" || fail "background, a run meanwhile: exit $?"
[ "$out" = "$expected" ] || fail "background, a run meanwhile: printed '$out'"
[ ! -s "$tmp/err" ] || fail "background, a run meanwhile: said '$(cat "$tmp/err")'"
# the terminal's signals (to the writer's process group) do not stop it
kill -INT -- "-$pid" 2>/dev/null || true
kill -HUP -- "-$pid" 2>/dev/null || true
settle "$co"
[ -n "$(archive_of "$co")" ] || fail "background: no archive after SIGINT and SIGHUP to the writer"
LRSCHED_JAVA_OPTS="-Xshare:on -XX:+VerifySharedSpaces" "$co/lrsched" --version >/dev/null 2>"$tmp/err" ||
  fail "background: the archive does not verify: $(cat "$tmp/err")"
[ ! -s "$tmp/err" ] || fail "background, a run with the archive: said '$(cat "$tmp/err")'"
# SIGTERM stops it and leaves no work folder; the next run writes the archive again
touch "$co/target/lrsched.jar" # a rebuilt jar: its archive is to be written again
"$co/lrsched" --version >/dev/null 2>&1
pid="$(writer "$co")"
[ -n "$pid" ] || fail "background: no writer for the rebuilt jar"
kill -TERM "$pid"
settle "$co"
no_work_left "SIGTERM to the writer"
"$co/lrsched" --version 2>&1 | grep -q "writing a start-up archive in the background" ||
  fail "after SIGTERM to the writer: not written again"
# SIGKILL leaves its work folder, which the next writer removes
pid="$(writer "$co")"
[ -n "$pid" ] || fail "background: no writer after SIGTERM"
kill -KILL -- "-$pid"
sleep 0.5
settle "$co"
"$co/lrsched" --version 2>&1 | grep -q "writing a start-up archive in the background" ||
  fail "after SIGKILL to the writer: not written again"
settle "$co"
no_work_left "the writer after SIGKILL"
[ -n "$(archive_of "$co")" ] || fail "after SIGKILL to the writer: no archive"
# a jar rebuilt while the writer works: the archive it writes is not taken for the new jar
touch "$co/target/lrsched.jar"
"$co/lrsched" --version >/dev/null 2>&1
for _ in $(seq 600); do compgen -G "$co/target/cds/*/.work.*/jar.time" >/dev/null && break; sleep 0.05; done
[ -n "$(writer "$co")" ] || fail "background: no writer for the jar rebuilt again"
touch "$co/target/lrsched.jar"
settle "$co"
[ ! -e "$co"/target/cds/*/failed ] || fail "a jar rebuilt during the writing: recorded as a failure"
"$co/lrsched" --version 2>&1 | grep -q "writing a start-up archive in the background" ||
  fail "a jar rebuilt during the writing: its archive was taken for the new jar"
settle "$co"

# LRSCHED_CDS=wait: signals during the archive work of a first run, stopped while it writes the archive
# (set -m: the launcher gets a process group of its own, with SIGINT not ignored, as from a terminal)
export LRSCHED_CDS=wait
co="$tmp/signals"
checkout "$co"
echo "old contents" >"$tmp/old.csv"
started() { # waits until the launcher $1 works on the archive
  local i
  for i in $(seq 600); do
    if compgen -G "$co/target/cds/*/.work.*/train.yaml" >/dev/null; then return 0; fi
    kill -0 "$1" 2>/dev/null || fail "the launcher ended before writing its archive"
    sleep 0.05
  done
  fail "no archive work folder after 30 s"
}
set -m
for sig in INT:130 TERM:143; do
  "$co/lrsched" csv --spec "$tmp/spéc.yaml" -o "$tmp/old.csv" 2>/dev/null &
  pid=$!
  started "$pid"
  kill -"${sig%:*}" -- "-$pid"
  code=0
  wait "$pid" || code=$?
  [ "$code" = "${sig#*:}" ] || fail "SIG${sig%:*} during the archive work: exit $code, want ${sig#*:}"
  [ "$(cat "$tmp/old.csv")" = "old contents" ] || fail "SIG${sig%:*}: the -o file was replaced"
  no_work_left "SIG${sig%:*}"
done
"$co/lrsched" --version >/dev/null 2>&1 &
pid=$!
started "$pid"
kill -KILL -- "-$pid"
wait "$pid" 2>/dev/null || true
set +m
out="$("$co/lrsched" csv --spec "$tmp/spéc.yaml" 2>"$tmp/err")" || fail "after SIGKILL: exit $? ($(cat "$tmp/err"))"
[ "$out" = "$expected" ] || fail "after SIGKILL: printed '$out'"
grep -q "writing a start-up archive" "$tmp/err" || fail "after SIGKILL: no archive written ($(cat "$tmp/err"))"
no_work_left "the run after SIGKILL"
# a jar rebuilt after a failed attempt for it: the archive is not written again (not retried for that jar) and the
# stale one is not mapped (-Xshare:on would fail on an archive of another jar)
sleep 1
touch "$co/target/lrsched.jar"
sleep 0.1
for d in "$co"/target/cds/*/; do : >"${d}failed"; done
out="$(LRSCHED_JAVA_OPTS=-Xshare:on "$co/lrsched" csv --spec "$tmp/spéc.yaml" 2>"$tmp/err")" ||
  fail "a stale archive after a failed attempt: exit $? ($(cat "$tmp/err"))"
[ "$out" = "$expected" ] || fail "a stale archive after a failed attempt: printed '$out'"
[ ! -s "$tmp/err" ] || fail "a stale archive after a failed attempt: said '$(cat "$tmp/err")'"
echo "launcher archive test: passed"
