#!/usr/bin/env bash
# The launcher's faults, run by .ci/run after the build (the jar exists): each ends with its documented exit code and
# one line, never bash's own "exec: java: not found" (127). Usage: src/test/launcher/faults.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# a PATH with the tools the launcher uses, and no java
mkdir "$tmp/bin"
for t in bash find stat mkdir rm rmdir cat readlink; do ln -s "$(command -v "$t")" "$tmp/bin/$t"; done
fail() { echo "launcher test: $*" >&2; exit 1; }

# no java anywhere: exit 1 and how to get one
set +e
err="$(env -i PATH="$tmp/bin" HOME="$tmp" "$tmp/bin/bash" "$root/lrsched" --version 2>&1 >/dev/null)"; code=$?
set -e
[ "$code" = 1 ] || fail "no java: exit $code, want 1"
case "$err" in "lrsched: Java 17 or newer is needed and none was found; install one"*) ;;
  *) fail "no java: message '$err'" ;; esac

# JAVA_HOME pointing nowhere, and no java on the PATH: says so
set +e
err="$(env -i PATH="$tmp/bin" HOME="$tmp" JAVA_HOME=/nonexistent "$tmp/bin/bash" "$root/lrsched" --version 2>&1)"
code=$?
set -e
[ "$code" = 1 ] || fail "bad JAVA_HOME: exit $code, want 1"
case "$err" in *"(JAVA_HOME=/nonexistent has no bin/java)"*) ;; *) fail "bad JAVA_HOME: message '$err'" ;; esac

# JAVA_HOME is honoured without java on the PATH
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
out="$(env -i PATH="$tmp/bin" HOME="$tmp" JAVA_HOME="$java_home" LRSCHED_CDS=0 "$tmp/bin/bash" "$root/lrsched" --version)"
case "$out" in "lrsched "*) ;; *) fail "JAVA_HOME: printed '$out'" ;; esac
# out of memory: one line and exit 1, no stack trace, nothing on stdout, no partial -o file
mkdir "$tmp/wd"
cd "$tmp/wd"
set +e
LRSCHED_CDS=0 LRSCHED_JAVA_OPTS=-Xmx16m "$root/lrsched" plot -s type=cosine,lr=1,total=10 --steps 10 --width 10000 \
  --height 9000 -o big.png >"$tmp/out" 2>"$tmp/err"
code=$?
set -e
[ "$code" = 1 ] || fail "out of memory: exit $code, want 1 ($(cat "$tmp/err"))"
[ ! -s "$tmp/out" ] || fail "out of memory: stdout '$(cat "$tmp/out")'"
[ "$(wc -l <"$tmp/err")" = 1 ] || fail "out of memory: not one line: $(cat "$tmp/err")"
grep -q "^lrsched: out of memory (Java heap space); .*LRSCHED_JAVA_OPTS=-Xmx4g" "$tmp/err" ||
  fail "out of memory: said '$(cat "$tmp/err")'"
[ -z "$(ls -A)" ] || fail "out of memory: left $(ls -A)"

# a fatal JVM error (forced: a crash on running out of memory): nothing on stdout, no report or core file in the
# working directory, and a line saying what happened; exit 1. Where the JDK's own message on that crash goes
# (stderr) shows that its tty output goes there too (-XX:+DisplayVMOutputToStderr).
set +e
TMPDIR="$tmp" LRSCHED_CDS=0 LRSCHED_JAVA_OPTS="-Xmx16m -XX:+CrashOnOutOfMemoryError" "$root/lrsched" plot \
  -s type=cosine,lr=1,total=10 --steps 10 --width 10000 --height 9000 -o big.png >"$tmp/out" 2>"$tmp/err"
code=$?
set -e
[ "$code" = 1 ] || fail "fatal error: exit $code, want 1 ($(cat "$tmp/err"))"
[ ! -s "$tmp/out" ] || fail "fatal error: stdout '$(cat "$tmp/out")'"
grep -q "^lrsched: Java stopped with a fatal error (signal 6), not a problem in your input" "$tmp/err" ||
  fail "fatal error: said '$(cat "$tmp/err")'"
# (the -o file's temporary file may stay: a crashed JVM runs no shutdown hooks)
! ls -A | grep -v '^\.big\.png\.[0-9]*\.tmp$' || fail "fatal error: left $(ls -A)"
echo "launcher test: passed"
