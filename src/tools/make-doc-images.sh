#!/usr/bin/env bash
# Regenerates the example charts in src/docs/images from the examples (README and src/docs/plotting.md show them).
# Each `./lrsched plot` line below is also run by DocImagesTest, which checks that the committed images still
# match what the tool makes; keep one command per line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

./lrsched plot --spec examples/noam.yaml -o src/docs/images/noam.png
./lrsched plot --spec examples/decay-shapes.yaml --title 'Five decay shapes after a 1000-step warmup' -o src/docs/images/decay-shapes.png
./lrsched plot -s 'type=hf.cosine,lr=3e-4,num_warmup_steps=0,num_training_steps=10000' --steps 10000 --sweep num_warmup_steps=0,500,1000,2000 --title 'hf.cosine with four warmup lengths' -o src/docs/images/warmup-sweep.png
./lrsched plot --spec examples/warmup-lengths.yaml --layout grid -o src/docs/images/warmup-grid.png
./lrsched plot --spec examples/noam.yaml --overlay examples/logged-lr.csv --title 'Planned and logged learning rate' -o src/docs/images/logged-overlay.png
./lrsched plot --spec examples/verify/plan.yaml --overlay examples/verify/run-k2.csv --overlay-label logged --title 'Stepped 2 times per update' --width 480 --height 300 -o src/docs/images/verify-k2.png
./lrsched plot --spec examples/verify/plan.yaml --overlay examples/verify/run-epoch7.csv --overlay-label logged --title 'Stepped once per epoch (7 updates)' --width 480 --height 300 -o src/docs/images/verify-epoch7.png
./lrsched plot --spec examples/verify/plan.yaml --overlay examples/verify/run-restart.csv --overlay-label logged --title 'Restarted at update 97' --width 480 --height 300 -o src/docs/images/verify-restart.png
./lrsched plot --spec examples/verify/plan.yaml --overlay examples/verify/run-ahead.csv --from 0 --to 30 --overlay-label logged --title 'One update ahead (updates 0-30)' --width 480 --height 300 -o src/docs/images/verify-ahead.png
./lrsched plot --spec examples/verify/plan.yaml --overlay examples/verify/run-behind.csv --from 0 --to 30 --overlay-label logged --title 'One update behind (updates 0-30)' --width 480 --height 300 -o src/docs/images/verify-behind.png
