#!/bin/bash
# Arrays built in pieces, quoted "${ARR[@]}", --flag=value forms, an exported variable and a flag given twice
# (argparse keeps the last).
set -euo pipefail

export GBS=64
WARMUP_ITERS=25

TRAINING_ARGS=(--train-iters 400 "--global-batch-size=${GBS}")
TRAINING_ARGS+=(
    --lr 1.0e-3            # overridden below
    --lr-decay-style cosine
    --lr-warmup-iters "$WARMUP_ITERS"
)
LR_ARGS=( --lr=4.5e-4 '--min-lr' 4.5e-5 --lr-warmup-init 1e-6 )

echo "launching"
srun --ntasks-per-node=8 python pretrain_gpt.py "${TRAINING_ARGS[@]}" "${LR_ARGS[@]}" --bf16
