#!/usr/bin/env bash
# Time and peak memory of `lrsched plot` against the matplotlib script a user would otherwise write, for the
# Transformer (noam) schedule over N steps (default 10,000,000). Needs /usr/bin/time (Debian: apt-get install time)
# and, for the comparison, Debian's python3-matplotlib and python3-numpy (/usr/bin/python3).
#
#   src/bench/plot_vs_matplotlib.sh [STEPS] [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
steps="${1:-10000000}"
runs="${2:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cat >"$work/noam.yaml" <<YAML
steps: $steps
schedules:
  - name: noam
    type: noam
    d_model: 512
    warmup: 4000
YAML

# What a user writes without lrsched: numpy for the values, matplotlib for the picture (800x500 px).
cat >"$work/noam_matplotlib.py" <<PY
import sys
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

steps = np.arange($steps, dtype=np.float64)
lr = 512 ** -0.5 * np.minimum(np.maximum(steps, 1) ** -0.5, steps * 4000 ** -1.5)
fig, ax = plt.subplots(figsize=(8, 5), dpi=100)
ax.plot(steps, lr, label="noam")
ax.set_xlabel("Step")
ax.set_ylabel("Learning rate")
ax.legend()
fig.savefig(sys.argv[1])
PY

"$here/lrsched" --version >/dev/null   # builds the jar once, outside the timings

measure() { # label, command...
  local label="$1"; shift
  for ((i = 1; i <= runs; i++)); do
    /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt"
    wall="$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}')"
    rss="$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}')"
    printf '%-12s run %d  wall %8s  peak RSS %6d MB\n' "$label" "$i" "$wall" "$((rss / 1024))"
  done
}

echo "noam schedule, $steps steps, 800x500 PNG; $(nproc) cores, $(java -version 2>&1 | head -1)"
measure lrsched "$here/lrsched" plot --spec "$work/noam.yaml" -o "$work/lrsched.png"
if /usr/bin/python3 -c 'import matplotlib, numpy' 2>/dev/null; then
  echo "matplotlib $(/usr/bin/python3 -c 'import matplotlib; print(matplotlib.__version__)'), numpy $(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)')"
  measure matplotlib /usr/bin/python3 "$work/noam_matplotlib.py" "$work/matplotlib.png"
else
  echo "matplotlib: not installed (apt-get install python3-matplotlib); skipped"
fi
