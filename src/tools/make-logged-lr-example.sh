#!/usr/bin/env bash
# Makes examples/logged-lr.csv: what TensorBoard's "download CSV" gives for the learning rate of a training run
# that followed examples/noam.yaml, logged every 100 steps, until it was resumed from its step-12000 checkpoint
# without the scheduler's state (the scheduler restarted from step 0, so the rate warms up a second time).
#
# The format is the scalars plugin's (tensorflow/tensorboard, tensorboard/plugins/scalar/scalars_plugin.py):
# Python's csv.writer (lines end in \r\n) under the header 'Wall time,Step,Value', the value a float32 (TensorBoard
# stores scalars as float32) printed as a Python float. TensorBoard drops the steps the crashed run logged after the
# checkpoint, so the export is in step order. Values are the schedule's own, without noise.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

./lrsched csv --spec examples/noam.yaml --every 100 | /usr/bin/python3 -c '
import csv, random, struct, sys
rows = list(csv.reader(sys.stdin))[1:]
lr = {int(step): float(value) for step, value in rows}
resumed_at = 12000
random.seed(0)
out = csv.writer(sys.stdout)
out.writerow(["Wall time", "Step", "Value"])
wall = 1714000000.0
for step in sorted(lr):
    planned_step = step if step < resumed_at else step - resumed_at
    value = struct.unpack("f", struct.pack("f", lr[planned_step]))[0]
    wall += 100 * 0.31 + random.uniform(-0.5, 0.5)
    if step == resumed_at:
        wall += 1800.0  # the crash, and the time to notice it
    out.writerow([round(wall, 6), step, value])
' > examples/logged-lr.csv
