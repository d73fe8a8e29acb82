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
echo "launcher test: passed"
