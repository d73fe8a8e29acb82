#!/usr/bin/env bash
# Whole-process benchmarks of lrsched, side by side with what users would otherwise run, printed with ratios.
#
#   src/bench/compare.sh            # all sections (a few minutes)
#   RUNS=3 src/bench/compare.sh     # fewer repetitions
#
# Sections: machine; CSV throughput (1,000,000 steps x 4 schedules, ns per value once started, peak memory at
# 10^2 .. 10^7 steps); PyTorch (torch_cawr.py, 200,000 steps of CosineAnnealingWarmRestarts written to CSV);
# startup (100-step csv against a bare `java -version`); plot (when this build has `lrsched plot`; matplotlib when
# /usr/bin/python3 has it). Times are medians of RUNS wall-clock runs (default 7; PyTorch and matplotlib 3), each
# after a warm-up run; peak RSS comes from /usr/bin/time (Debian package `time`) when installed. Needs only bash,
# coreutils and java; the PyTorch and matplotlib sections need /usr/bin/python3 with torch / matplotlib.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
bench="$here/src/bench"
lrsched="$here/lrsched"
python="${PYTHON:-/usr/bin/python3}"
runs="${RUNS:-7}"
slow_runs="${SLOW_RUNS:-3}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# median wall time in milliseconds (3 decimals) of $1 runs of the command after it, after one warm-up run;
# a failing command stops the script with its error
median_ms() {
  local n="$1" i start end
  shift
  if ! "$@" >/dev/null 2>"$tmp/err"; then
    echo "compare.sh: failed: $* ($(head -c 300 "$tmp/err"))" >&2
    exit 1
  fi
  for ((i = 0; i < n; i++)); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    echo $(((end - start) / 1000))
  done | sort -n | awk '{a[NR] = $1} END {m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.3f\n", m / 1000}'
}

# peak resident set size in MB of one run, or "n/a"
peak_mb() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M -o "$tmp/rss" "$@" >/dev/null 2>&1 && awk '{printf "%.0f\n", $1 / 1024}' "$tmp/rss"
  else
    echo n/a
  fi
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }

has_type() { "$lrsched" types "$1" >/dev/null 2>&1; }

echo "== machine"
echo "date:   $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu:    $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
echo "memory: $(free -g 2>/dev/null | awk '/^Mem:/ {print $2 " GB"}')"
echo "java:   $(java -version 2>&1 | head -1)"
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (1, 5, 15 min; timings are only as quiet as the machine)"

# build the jar and write the class-data archive now, not inside a timing
"$lrsched" --version >/dev/null 2>&1 || "$lrsched" --version

echo
echo "== CSV throughput"
if has_type torch.CosineAnnealingWarmRestarts && has_type hf.cosine && has_type torch.OneCycleLR; then
  spec="$bench/throughput.yaml"
  echo "schedules: noam, torch.CosineAnnealingWarmRestarts, hf.cosine, torch.OneCycleLR ($spec)"
else
  spec="$bench/throughput-native.yaml"
  echo "schedules: native stand-ins noam, cosine_restarts, cosine, one_cycle ($spec): library types not in this build"
fi
t_small=$(median_ms "$runs" "$lrsched" csv --spec "$spec" --steps 100 -o "$tmp/small.csv")
t_large=$(median_ms "$runs" "$lrsched" csv --spec "$spec" --steps 1000000 -o "$tmp/large.csv")
t_null=$(median_ms "$runs" "$lrsched" csv --spec "$spec" --steps 1000000)
per_value() { awk -v l="$1" -v s="$t_small" -v n="$((4 * (1000000 - 100)))" 'BEGIN {printf "%.1f", (l - s) * 1e6 / n}'; }
echo "100 steps:                        ${t_small} ms"
echo "1,000,000 steps to a file (-o):   ${t_large} ms ($(du -m "$tmp/large.csv" | cut -f1) MB of CSV)"
echo "1,000,000 steps to /dev/null:     ${t_null} ms"
echo "once started, to a file:          $(per_value "$t_large") ns per value (target <= 60)"
echo "once started, to /dev/null:       $(per_value "$t_null") ns per value"
echo "overall, to a file:               $(awk -v l="$t_large" 'BEGIN {printf "%.1f", l * 1e6 / 4e6}') ns per value, startup included"
rm -f "$tmp/large.csv"
if has_type torch.CosineAnnealingWarmRestarts; then cawr="$bench/cawr.yaml"; else cawr="$bench/cawr-native.yaml"; fi
echo "peak RSS of the 1,000,000-step run: $(peak_mb "$lrsched" csv --spec "$spec" --steps 1000000) MB"
# OneCycleLR refuses steps past its total, so memory against the step count is shown with the open-ended schedule
for n in 100 100000 10000000 100000000; do
  echo "peak RSS, $(basename "$cawr") to stdout, $n steps: $(peak_mb "$lrsched" csv --spec "$cawr" --steps "$n") MB"
done

echo
echo "== PyTorch: CosineAnnealingWarmRestarts(T_0=1000, T_mult=2), 200,000 steps to CSV"
t_lr=$(median_ms "$runs" "$lrsched" csv --spec "$cawr" --steps 200000 -o "$tmp/lrsched.csv")
echo "lrsched ($(basename "$cawr")): ${t_lr} ms"
if "$python" -c 'import torch' >/dev/null 2>&1; then
  t_py=$(median_ms "$slow_runs" "$python" "$bench/torch_cawr.py" 200000 "$tmp/torch.csv")
  t_import=$(median_ms "$slow_runs" "$python" -c 'import torch')
  echo "torch $("$python" -c 'import torch; print(torch.__version__)'): ${t_py} ms (import torch alone: ${t_import} ms)"
  echo "ratio:           lrsched is $(ratio "$t_py" "$t_lr")x faster (target >= 30)"
  "$python" - "$tmp/torch.csv" "$tmp/lrsched.csv" <<'EOF'
import csv, sys
a = list(csv.reader(open(sys.argv[1])))[1:]
b = list(csv.reader(open(sys.argv[2])))[1:]
worst = max(abs(float(x[1]) - float(y[1])) / abs(float(x[1])) for x, y in zip(a, b))
same = sum(x[1] == y[1] for x, y in zip(a, b))
print(f"agreement:       {len(a)} vs {len(b)} rows, {same} byte-identical, largest relative difference {worst:.1e}")
EOF
else
  echo "torch:           skipped ($python cannot import torch; Debian package python3-torch)"
fi

echo
echo "== startup"
t_java=$(median_ms "$runs" java -version)
t_start=$(median_ms "$runs" "$lrsched" csv --spec "$cawr" --steps 100)
echo "java -version:             ${t_java} ms"
echo "lrsched csv (100 steps):   ${t_start} ms = $(ratio "$t_start" "$t_java")x java -version (target <= 3)"
t_nocds=$(LRSCHED_CDS=0 median_ms "$runs" "$lrsched" csv --spec "$cawr" --steps 100)
echo "  without the CDS archive: ${t_nocds} ms (LRSCHED_CDS=0)"

echo
echo "== plot"
if "$lrsched" --help 2>/dev/null | grep -q '^ *plot '; then
  t_plot=$(median_ms "$runs" "$lrsched" plot --spec "$cawr" --steps 1000 -o "$tmp/small.png")
  echo "lrsched plot, 1,000 steps:       ${t_plot} ms (target <= 500)"
  t_big=$(median_ms "$slow_runs" "$lrsched" plot --spec "$cawr" --steps 10000000 -o "$tmp/big.png")
  m_big=$(peak_mb "$lrsched" plot --spec "$cawr" --steps 10000000 -o "$tmp/big.png")
  echo "lrsched plot, 10,000,000 steps:  ${t_big} ms, peak RSS ${m_big} MB"
  if "$python" -c 'import matplotlib, numpy' >/dev/null 2>&1; then
    t_mpl=$(median_ms "$slow_runs" "$python" "$bench/mpl_cawr.py" 10000000 "$tmp/mpl.png")
    m_mpl=$(peak_mb "$python" "$bench/mpl_cawr.py" 10000000 "$tmp/mpl.png")
    echo "matplotlib, 10,000,000 steps:    ${t_mpl} ms, peak RSS ${m_mpl} MB"
    echo "ratio:                           $(ratio "$t_mpl" "$t_big")x faster (target >= 3)$(
      [ "$m_big" != n/a ] && echo ", $(ratio "$m_mpl" "$m_big")x less memory (target >= 4)")"
  else
    echo "matplotlib:                      skipped ($python lacks matplotlib or numpy)"
  fi
else
  echo "skipped: this build has no 'lrsched plot'"
fi
