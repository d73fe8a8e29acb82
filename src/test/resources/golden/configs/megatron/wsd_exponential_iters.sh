#!/usr/bin/env bash
# Iteration-based WSD with the default (exponential) anneal over the last 300 iterations; the batch size comes from
# an arithmetic expansion and the whole command from one continued line.
NODES=2
GPUS=8
MBS=4
GBS=$(( NODES * GPUS * MBS * 2 ))
ITERS=1200

torchrun --nnodes $NODES --nproc-per-node $GPUS pretrain_mamba.py \
  --train-iters ${ITERS} --global-batch-size $GBS --micro-batch-size $MBS \
  --lr 8e-4 --min-lr 8e-5 --lr-warmup-iters 50 \
  --lr-decay-style WSD --lr-wsd-decay-iters 300 \
  --seq-length 2048
