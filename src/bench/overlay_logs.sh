#!/usr/bin/env bash
# Wall time, CPU time (user + system, less disturbed by other work on the machine) and peak memory (RSS) of
# `lrsched plot --overlay LOG` for long logged curves: TensorBoard-format CSV exports ('Wall time,Step,Value', lines
# ending in \r\n) of the Transformer schedule with one row per step, in step order and shuffled, of 10^5, 10^6 and
# 10^7 rows (one row per update for a million updates is the realistic upper end:
# Lightning or TensorBoard logging every step; the HF Trainer logs every 10 to 500 steps). The logs are made here,
# in a temporary directory, and deleted afterwards. Needs /usr/bin/time (Debian: apt-get install time), awk, shuf.
#
#   src/bench/overlay_logs.sh [ROWS...]                      # default: 100000 1000000 10000000
#   RUNS=3 LRSCHED=/path/to/other/lrsched src/bench/overlay_logs.sh 1000000   # another build, 3 runs each
#
# The build before logs were held in memory (two streaming passes, bounded-memory sorting), for comparison:
#   mkdir /tmp/before && git archive baad84b | tar -x -C /tmp/before && (cd /tmp/before && mvn -q -DskipTests package)
#   LRSCHED=/tmp/before/lrsched src/bench/overlay_logs.sh
#
# Only the logs: src/bench/overlay_logs.sh make ROWS ordered|shuffled > FILE writes one and exits.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
lrsched="${LRSCHED:-$here/lrsched}"
runs="${RUNS:-3}"

# make ROWS ORDER: the noam curve (d_model 512, warmup 4000) at steps 0..ROWS-1, a wall time per row
make_log() {
  local rows="$1" order="$2"
  printf 'Wall time,Step,Value\r\n'
  awk -v n="$rows" 'BEGIN {
    for (s = 0; s < n; s++) {
      a = (s < 1 ? 1 : s) ^ -0.5; b = s * 4000 ^ -1.5
      printf "%.6f,%d,%.17g\r\n", 1714000000 + s * 0.31, s, 512 ^ -0.5 * (a < b ? a : b)
    }
  }' | if [ "$order" = shuffled ]; then shuf --random-source=<(yes); else cat; fi
}

if [ "${1:-}" = make ]; then
  make_log "$2" "$3"
  exit 0
fi

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000 10000000)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$lrsched" --version >/dev/null   # builds the jar once, outside the timings

echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), $(java -version 2>&1 | head -1); $lrsched"
for rows in "${sizes[@]}"; do
  for order in ordered shuffled; do
    log="$work/log-$rows-$order.csv"
    make_log "$rows" "$order" >"$log"
    for ((i = 1; i <= runs; i++)); do
      status=0
      /usr/bin/time -v "$lrsched" plot --spec "$here/examples/noam.yaml" --overlay "$log" -o "$work/x.png" \
        >/dev/null 2>"$work/time.txt" || status=$?
      wall="$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}')"
      rss="$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}')"
      cpu="$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$work/time.txt")"
      printf '%9d rows %-8s %4d MB  run %d  wall %8s  cpu %6s s  peak RSS %6d MB  exit %d\n' "$rows" "$order" \
        "$(( $(stat -c %s "$log") / 1000000 ))" "$i" "$wall" "$cpu" "$((rss / 1024))" "$status"
    done
    rm -f "$log"
  done
done
