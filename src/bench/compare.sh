#!/usr/bin/env bash
# Whole-process benchmarks of lrsched, side by side with what users would otherwise run, printed with ratios.
#
#   src/bench/compare.sh            # all sections (a few minutes)
#   RUNS=3 src/bench/compare.sh     # fewer repetitions
#   SECTIONS="startup first-run" BASELINE=/tmp/old src/bench/compare.sh   # some sections, against another checkout
#
# Sections: machine; CSV throughput (1,000,000 steps x 4 schedules, ns per value once started, and against this
# machine's steady state: the marginal cost of a value from 10^6 to 10^7 rows with C2; peak memory at 10^2 .. 10^8
# steps); PyTorch (torch_cawr.py, 200,000 steps of CosineAnnealingWarmRestarts written to CSV);
# startup (100-step csv against a bare `java -version`); plot (when this build has `lrsched plot`; matplotlib when
# /usr/bin/python3 has it); first-run (`./lrsched --version` on a fresh `git clone` of this checkout's last commit:
# the launcher's build and its start-up archive, with the Maven repository warm; wall and CPU time). SECTIONS picks
# some (machine, throughput, pytorch, startup, plot, first-run); BASELINE, another checkout (e.g. a `git worktree`
# of an older commit, built), adds its launcher to the startup and first-run rounds, interleaved with this one. Times are wall-clock medians (and the fastest run) of RUNS rounds (default 7; sections
# with PyTorch or matplotlib: SLOW_RUNS, default 5) in which the compared commands take turns, after one warm-up
# run each; peak RSS comes from /usr/bin/time (Debian package `time`) when installed. Needs only bash,
# coreutils and java; the PyTorch and matplotlib sections need /usr/bin/python3 with torch / matplotlib.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
bench="$here/src/bench"
lrsched="$here/lrsched"
python="${PYTHON:-/usr/bin/python3}"
runs="${RUNS:-7}"
slow_runs="${SLOW_RUNS:-5}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Interleaved timing: `measure N CMD1 CMD2 ...` runs every command once (warm-up, and it must succeed), then N
# rounds of CMD1, CMD2, ... so that a busy spell of the machine hits all of them alike. It sets med[i] and min[i]
# (milliseconds) for the i-th command. Commands are strings of this script's own making, run with eval.
measure() {
  local n="$1" i k start end
  shift
  local -a cmds=("$@")
  for ((k = 0; k < ${#cmds[@]}; k++)); do
    if ! eval "${cmds[k]}" >/dev/null 2>"$tmp/err"; then
      echo "compare.sh: failed: ${cmds[k]} ($(head -c 300 "$tmp/err"))" >&2
      exit 1
    fi
    : >"$tmp/times.$k"
  done
  for ((i = 0; i < n; i++)); do
    for ((k = 0; k < ${#cmds[@]}; k++)); do
      start=$(date +%s%N)
      eval "${cmds[k]}" >/dev/null 2>&1
      end=$(date +%s%N)
      echo $(((end - start) / 1000)) >>"$tmp/times.$k"
    done
  done
  med=() min=()
  for ((k = 0; k < ${#cmds[@]}; k++)); do
    med[k]=$(sort -n "$tmp/times.$k" | awk '{a[NR] = $1} END {printf "%.1f", ((NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) / 1000}')
    min[k]=$(sort -n "$tmp/times.$k" | awk 'NR == 1 {printf "%.1f", $1 / 1000}')
  done
}

# peak resident set size in MB of one run, or "n/a"
peak_mb() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M -o "$tmp/rss" "$@" >/dev/null 2>&1 && awk '{printf "%.0f\n", $1 / 1024}' "$tmp/rss"
  else
    echo n/a
  fi
}

sections="${SECTIONS:-machine throughput pytorch startup plot first-run}"
baseline="${BASELINE:-}"
section() { case " $sections " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }

has_type() { "$lrsched" types "$1" >/dev/null 2>&1; }

if section machine; then
echo "== machine"
echo "date:   $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu:    $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
echo "memory: $(free -g 2>/dev/null | awk '/^Mem:/ {print $2 " GB"}')"
echo "java:   $(java -version 2>&1 | head -1)"
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (1, 5, 15 min; timings are only as quiet as the machine)"

fi

# build the jar and write the start-up archive now, not inside a timing (LRSCHED_CDS=wait: before the command, not in
# the background; launchers that write it first anyway ignore the setting)
LRSCHED_CDS=wait "$lrsched" --version >/dev/null 2>&1 || LRSCHED_CDS=wait "$lrsched" --version
if [ -n "$baseline" ]; then
  LRSCHED_CDS=wait "$baseline/lrsched" --version >/dev/null 2>&1 || LRSCHED_CDS=wait "$baseline/lrsched" --version
fi
if has_type torch.CosineAnnealingWarmRestarts; then cawr="$bench/cawr.yaml"; else cawr="$bench/cawr-native.yaml"; fi

if section throughput; then
echo
echo "== CSV throughput"
if has_type torch.CosineAnnealingWarmRestarts && has_type hf.cosine && has_type torch.OneCycleLR; then
  spec="$bench/throughput.yaml"
  echo "schedules: noam, torch.CosineAnnealingWarmRestarts, hf.cosine, torch.OneCycleLR ($spec)"
else
  spec="$bench/throughput-native.yaml"
  echo "schedules: native stand-ins noam, cosine_restarts, cosine, one_cycle ($spec): library types not in this build"
fi
measure "$runs" "\"$lrsched\" csv --spec \"$spec\" --steps 100 -o \"$tmp/small.csv\"" \
  "\"$lrsched\" csv --spec \"$spec\" --steps 1000000 -o \"$tmp/large.csv\"" \
  "\"$lrsched\" csv --spec \"$spec\" --steps 1000000 >/dev/null" \
  "\"$lrsched\" csv --spec \"$spec\" --steps 1000000 >\"$tmp/redirected.csv\""
per_value() { awk -v l="$1" -v s="$2" -v n="$((4 * (1000000 - 100)))" 'BEGIN {printf "%.1f", (l - s) * 1e6 / n}'; }
echo "wall times: median (fastest) of $runs interleaved runs"
echo "100 steps:                        ${med[0]} ms (${min[0]})"
echo "1,000,000 steps to a file (-o):   ${med[1]} ms (${min[1]}), $(du -m "$tmp/large.csv" | cut -f1) MB of CSV"
echo "1,000,000 steps to /dev/null:     ${med[2]} ms (${min[2]})"
echo "1,000,000 steps, stdout to a file: ${med[3]} ms (${min[3]})"
echo "once started, to a file:          $(per_value "${med[1]}" "${med[0]}") ns per value ($(per_value "${min[1]}" "${min[0]}")) (target <= 40)"
echo "once started, to /dev/null:       $(per_value "${med[2]}" "${med[0]}") ns per value ($(per_value "${min[2]}" "${min[0]}"))"
echo "once started, stdout to a file:   $(per_value "${med[3]}" "${med[0]}") ns per value ($(per_value "${min[3]}" "${min[0]}"))"
echo "(each timed run replaces the previous run's file; the file system frees the old one meanwhile)"
echo "overall, to a file:               $(awk -v l="${med[1]}" 'BEGIN {printf "%.1f", l * 1e6 / 4e6}') ns per value, startup included"
rm -f "$tmp/large.csv" "$tmp/redirected.csv"
# The same four schedules stretched over 10^7 steps, C2 forced: the marginal cost of a value between 10^6 and 10^7
# rows is what this machine can do once every method is compiled (C2, all cores). The target above was set on a
# faster machine; this row says how far from the machine's own steady state the 10^6-row run is.
stretch="--set one_cycle.total_steps=10000000 --set hf_cosine.num_training_steps=10000000"
if [ "$spec" = "$bench/throughput-native.yaml" ]; then stretch="--set one_cycle.total=10000000 --set hf_cosine.total=10000000"; fi
started_file=$(per_value "${med[1]}" "${med[0]}")
measure "$runs" "LRSCHED_JAVA_OPTS=-XX:TieredStopAtLevel=4 \"$lrsched\" csv --spec \"$spec\" $stretch --steps 1000000 -o \"$tmp/m6.csv\"" \
  "LRSCHED_JAVA_OPTS=-XX:TieredStopAtLevel=4 \"$lrsched\" csv --spec \"$spec\" $stretch --steps 10000000 -o \"$tmp/m7.csv\""
steady=$(awk -v a="${med[1]}" -v b="${med[0]}" 'BEGIN {printf "%.1f", (a - b) * 1e6 / (4 * 9000000)}')
echo "steady state, C2, to a file:      $steady ns per value (10^7 rows less 10^6, $runs interleaved runs)"
echo "1,000,000 rows against it:        $(awk -v a="$started_file" -v s="$steady" 'BEGIN {printf "%.1f", a / s}')x the steady state once started (to a file)"
rm -f "$tmp/m6.csv" "$tmp/m7.csv"
echo "peak RSS of the 1,000,000-step run: $(peak_mb "$lrsched" csv --spec "$spec" --steps 1000000) MB"
# OneCycleLR refuses steps past its total, so memory against the step count is shown with the open-ended schedule
for n in 100 100000 10000000 100000000; do
  echo "peak RSS, $(basename "$cawr") to stdout, $n steps: $(peak_mb "$lrsched" csv --spec "$cawr" --steps "$n") MB"
done
# a schedule replayed step by step (torch's chainable SequentialLR of LinearLR and CosineAnnealingLR): no garbage per
# step either, so the heap does not grow with the rows
for n in 100 100000 10000000 100000000; do
  echo "peak RSS, warmup-cosine.yaml to stdout, $n steps: $(peak_mb "$lrsched" csv --spec "$bench/warmup-cosine.yaml" \
    --steps "$n") MB"
done
fi

if section pytorch; then
echo
echo "== PyTorch: CosineAnnealingWarmRestarts(T_0=1000, T_mult=2), 200,000 steps to CSV"
if "$python" -c 'import torch' >/dev/null 2>&1; then
  measure "$slow_runs" "\"$lrsched\" csv --spec \"$cawr\" --steps 200000 -o \"$tmp/lrsched.csv\"" \
    "\"$python\" \"$bench/torch_cawr.py\" 200000 \"$tmp/torch.csv\"" "\"$python\" -c 'import torch'"
  echo "wall times: median (fastest) of $slow_runs interleaved runs"
  echo "lrsched ($(basename "$cawr")): ${med[0]} ms (${min[0]})"
  echo "torch $("$python" -c 'import torch; print(torch.__version__)'): ${med[1]} ms (${min[1]}); import torch alone: ${med[2]} ms"
  echo "ratio:           lrsched is $(ratio "${med[1]}" "${med[0]}")x faster ($(ratio "${min[1]}" "${min[0]}")x fastest to fastest) (target >= 15)"
  "$python" - "$tmp/torch.csv" "$tmp/lrsched.csv" <<'EOF'
import csv, sys
a = list(csv.reader(open(sys.argv[1])))[1:]
b = list(csv.reader(open(sys.argv[2])))[1:]
worst = max(abs(float(x[1]) - float(y[1])) / abs(float(x[1])) for x, y in zip(a, b))
same = sum(x[1] == y[1] for x, y in zip(a, b))
print(f"agreement:       {len(a)} vs {len(b)} rows, {same} byte-identical, largest relative difference {worst:.1e}")
EOF
else
  echo "lrsched: $("$lrsched" csv --spec "$cawr" --steps 200000 -o "$tmp/lrsched.csv" >/dev/null && echo ok)"
  echo "torch:           skipped ($python cannot import torch; Debian package python3-torch)"
fi
fi

if section startup; then
echo
echo "== startup"
startup=("java -version" "\"$lrsched\" csv --spec \"$cawr\" --steps 100"
  "LRSCHED_CDS=0 \"$lrsched\" csv --spec \"$cawr\" --steps 100")
if [ -n "$baseline" ]; then startup+=("\"$baseline/lrsched\" csv --spec \"$cawr\" --steps 100"); fi
measure "$runs" "${startup[@]}"
echo "wall times: median (fastest) of $runs interleaved runs"
echo "java -version:             ${med[0]} ms (${min[0]})"
echo "lrsched csv (100 steps):   ${med[1]} ms (${min[1]}) = $(ratio "${med[1]}" "${med[0]}")x java -version ($(ratio "${min[1]}" "${min[0]}")x fastest to fastest) (target <= 1.5)"
echo "  without the archive:     ${med[2]} ms (${min[2]}) (LRSCHED_CDS=0)"
if [ -n "$baseline" ]; then
  echo "  baseline ($baseline): ${med[3]} ms (${min[3]}) = $(ratio "${med[3]}" "${med[0]}")x java -version"
fi
fi

if section plot; then
echo
echo "== plot"
if "$lrsched" --help 2>/dev/null | grep -q '^ *plot '; then
  measure "$runs" "\"$lrsched\" plot --spec \"$cawr\" --steps 1000 -o \"$tmp/small.png\""
  echo "lrsched plot, 1,000 steps:       ${med[0]} ms (${min[0]}) (target <= 500)"
  m_big=$(peak_mb "$lrsched" plot --spec "$cawr" --steps 10000000 -o "$tmp/big.png")
  if "$python" -c 'import matplotlib, numpy' >/dev/null 2>&1; then
    measure "$slow_runs" "\"$lrsched\" plot --spec \"$cawr\" --steps 10000000 -o \"$tmp/big.png\"" \
      "\"$python\" \"$bench/mpl_cawr.py\" 10000000 \"$tmp/mpl.png\""
    m_mpl=$(peak_mb "$python" "$bench/mpl_cawr.py" 10000000 "$tmp/mpl.png")
    echo "lrsched plot, 10,000,000 steps:  ${med[0]} ms (${min[0]}), peak RSS ${m_big} MB"
    echo "matplotlib, 10,000,000 steps:    ${med[1]} ms (${min[1]}), peak RSS ${m_mpl} MB"
    echo "ratio:                           $(ratio "${med[1]}" "${med[0]}")x faster (target >= 3)$(
      [ "$m_big" != n/a ] && echo ", $(ratio "$m_mpl" "$m_big")x less memory (target >= 4)")"
  else
    measure "$slow_runs" "\"$lrsched\" plot --spec \"$cawr\" --steps 10000000 -o \"$tmp/big.png\""
    echo "lrsched plot, 10,000,000 steps:  ${med[0]} ms (${min[0]}), peak RSS ${m_big} MB"
    echo "matplotlib:                      skipped ($python lacks matplotlib or numpy)"
  fi
  # issue 18: a chart's time should not grow with the step count (the curve is evaluated per column and piece)
  measure "$runs" "\"$lrsched\" plot --spec \"$cawr\" --steps 10000 -o \"$tmp/e4.png\"" \
    "\"$lrsched\" plot --spec \"$cawr\" --steps 100000000 -o \"$tmp/e8.png\""
  echo "lrsched plot, 10^4 / 10^8 steps: ${med[0]} ms (${min[0]}) / ${med[1]} ms (${min[1]})"
  echo "plot 10^8 / plot 10^4:           $(awk -v a="${med[1]}" -v b="${med[0]}" 'BEGIN {printf "%.2f", a / b}')x (target <= 1.3)"
else
  echo "skipped: this build has no 'lrsched plot'"
fi
fi

if section first-run; then
echo
echo "== first run on a fresh clone (Maven repository warm)"
first_runs="${FIRST_RUNS:-3}"
# first_run CHECKOUT: wall and CPU seconds of `lrsched --version` on a fresh clone of CHECKOUT's last commit, and
# the wall seconds until its start-up archive is ready (written in the background after the command, by launchers
# that do so: waited for on its lock; the writer's CPU is not counted, it is no child of this shell)
first_run() {
  local clone="$tmp/first-run" start end cpu me=$BASHPID
  rm -rf "$clone"
  git -c advice.detachedHead=false clone -q "$1" "$clone" # (a detached checkout: no advice)
  local -a t0 t1
  read -r -a t0 < <(awk '{print $14 + $15 + $16 + $17}' /proc/$me/stat)
  start=$(date +%s%N)
  "$clone/lrsched" --version >/dev/null 2>"$tmp/first-run.err" || { cat "$tmp/first-run.err" >&2; exit 1; }
  end=$(date +%s%N)
  read -r -a t1 < <(awk '{print $14 + $15 + $16 + $17}' /proc/$me/stat)
  cpu=$(awk -v a="${t0[0]}" -v b="${t1[0]}" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", (b - a) / hz}')
  local lock
  for lock in "$clone"/target/cds/*/lock; do if [ -e "$lock" ]; then flock "$lock" true; fi; done
  local ready=$(date +%s%N)
  echo "$(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.1f", (e - s) / 1e9}') $cpu $(awk -v s="$start" -v e="$ready" 'BEGIN {printf "%.1f", (e - s) / 1e9}')"
  rm -rf "$clone"
}
declare -a here_runs=() base_runs=()
for ((i = 0; i < first_runs; i++)); do
  here_runs+=("$(first_run "$here")")
  if [ -n "$baseline" ]; then base_runs+=("$(first_run "$baseline")"); fi
done
summary() { printf '%s\n' "$@" | sort -n | awk '{w[NR] = $1; c[NR] = $2; r[NR] = $3} END {m = int((NR + 1) / 2); printf "%s s wall (fastest %s), %s s CPU; start-up archive ready after %s s", w[m], w[1], c[m], r[m]}'; }
echo "median of $first_runs interleaved rounds (CPU: user + system of the launcher and all it started)"
echo "this checkout:  $(summary "${here_runs[@]}") (target <= 10 s)"
if [ -n "$baseline" ]; then echo "baseline:       $(summary "${base_runs[@]}")"; fi
fi
