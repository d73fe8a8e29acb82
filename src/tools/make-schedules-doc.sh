#!/usr/bin/env bash
# Regenerates the per-type sections of src/docs/schedules.md from `lrsched types` (the type declarations).
# The test TypesDocumentationTest fails when the document and the declarations drift apart.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
doc="$root/src/docs/schedules.md"
head="$(sed -n '1,/^## constant$/p' "$doc" | sed '$d')"
tail="$(sed -n '/^## Examples$/,$p' "$doc")"
{
  printf '%s\n' "$head"
  for t in $("$root/lrsched" types native | sed -n 's/^  \([a-z_0-9]*\) .*/\1/p'); do
    printf '## %s\n\n```text\n' "$t"
    "$root/lrsched" types "$t"
    printf '```\n\n'
  done
  printf '%s\n' "$tail"
} > "$doc.new"
mv "$doc.new" "$doc"
echo "wrote $doc"
