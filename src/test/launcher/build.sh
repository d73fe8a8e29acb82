#!/usr/bin/env bash
# The launcher's build step, run by .ci/run after the build (the jar exists), on a copy of the checkout with a stand-in
# `mvn` on the PATH that takes two seconds, writes a broken jar first (as the jar plugin does before shade replaces
# it) and then this checkout's jar, and counts its runs:
# - four concurrent first runs build once; none fails or runs the half-made jar
# - a rerun builds nothing; a source edited in place, a new file in a new folder, a removed file and an edited
#   pom.xml each build again (the rule at the top of ./lrsched)
# - SIGINT (as Ctrl-C) during the build: exit 130 and the next run builds again
# Usage: src/test/launcher/build.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "launcher build test: $*" >&2; exit 1; }
[ -f "$root/target/lrsched.jar" ] || fail "build first (target/lrsched.jar is missing)"
unset LRSCHED_JAVA_OPTS JAVA_TOOL_OPTIONS
export LRSCHED_CDS=0

mkdir -p "$tmp/bin" "$tmp/co/src"
cat >"$tmp/bin/mvn" <<EOF
#!/usr/bin/env bash
echo run >>"$tmp/mvn-runs"
echo "[INFO] --- maven-compiler-plugin:3.14.0:compile (default-compile) @ lrsched ---"
sleep 0.5
mkdir -p target
echo "not a jar" >target/lrsched.jar
sleep 0.5
cp "$root/target/lrsched.jar" target/lrsched.jar.part && mv target/lrsched.jar.part target/lrsched.jar
EOF
chmod +x "$tmp/bin/mvn"
export PATH="$tmp/bin:$PATH"
co="$tmp/co"
cp -p "$root/lrsched" "$root/pom.xml" "$co/"
cp -a "$root/src/main" "$co/src/"
find "$co" -exec touch -h -d @1000000000 {} +
runs() { if [ -f "$tmp/mvn-runs" ]; then wc -l <"$tmp/mvn-runs" | tr -d ' '; else echo 0; fi; }

# concurrent first runs
pids=()
for i in 1 2 3 4; do
  "$co/lrsched" --version >"$tmp/out.$i" 2>"$tmp/err.$i" &
  pids+=($!)
done
for i in 1 2 3 4; do
  wait "${pids[i - 1]}" || fail "concurrent run $i: exit $? ($(cat "$tmp/err.$i"))"
  [ "$(cat "$tmp/out.$i")" = "$("$co/lrsched" --version)" ] || fail "concurrent run $i printed '$(cat "$tmp/out.$i")'"
done
[ "$(runs)" = 1 ] || fail "four concurrent first runs built $(runs) times"

# what builds again, and what does not (the copy's files are dated 2001; a change is newer than the jar by at
# least the stand-in build's two seconds)
rerun() { # $1: what changed, $2: the builds expected by now
  "$co/lrsched" --version >/dev/null 2>"$tmp/err" || fail "$1: exit $? ($(cat "$tmp/err"))"
  [ "$(runs)" = "$2" ] || fail "$1: $(runs) builds, want $2"
}
rerun "nothing changed" 1
file="$co/src/main/java/lrsched/cli/Main.java"
echo "// edited" >>"$file"
rerun "a source edited in place" 2
mkdir -p "$co/src/main/java/lrsched/newpkg"
echo "package lrsched.newpkg;" >"$co/src/main/java/lrsched/newpkg/A.java"
touch -d "@$(($(date +%s) - 100))" "$co/src/main/java/lrsched/newpkg/A.java" # an old file copied in
rerun "a new file in a new folder" 3
rerun "nothing changed after that" 3
rm "$co/src/main/java/lrsched/newpkg/A.java"
rerun "a file removed" 4
echo "<!-- edited -->" >>"$co/pom.xml"
rerun "pom.xml edited" 5

# Ctrl-C during the build
echo "// edited again" >>"$file"
set -m
"$co/lrsched" --version >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do [ "$(runs)" = 6 ] && break; sleep 0.05; done
kill -INT -- "-$pid"
code=0
wait "$pid" || code=$?
set +m
[ "$code" = 130 ] || fail "SIGINT during the build: exit $code, want 130"
sleep 2.5 # the stand-in mvn of the stopped build, had it outlived the launcher, would be done by now
rerun "the run after SIGINT" 7
echo "launcher build test: passed"
