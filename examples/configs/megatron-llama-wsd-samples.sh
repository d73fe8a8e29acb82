#!/bin/bash
# Sample-based Llama pretraining with a WSD schedule: warm up over 2M samples, hold, then anneal linearly over
# the last 20% of 120M samples. The global batch size is computed from the parallel layout.
#   lrsched explain --spec examples/configs/megatron-llama-wsd-samples.sh

MICRO_BATCH=2
DP=64
GRAD_ACC=4
GBS=$((MICRO_BATCH * DP * GRAD_ACC))

TRAIN_SAMPLES=120000000
WSD_SAMPLES=$((TRAIN_SAMPLES / 5))
LR=${LR:-3.0e-4}

OPTIM_ARGS="
    --lr ${LR} \
    --min-lr 3.0e-5 \
    --lr-decay-style WSD \
    --lr-wsd-decay-style linear \
    --lr-wsd-decay-samples ${WSD_SAMPLES} \
    --lr-warmup-samples 2000000 \
    --weight-decay 0.1 \
    --clip-grad 1.0
"

torchrun --nproc_per_node 8 --nnodes 16 pretrain_gpt.py \
    --micro-batch-size $MICRO_BATCH \
    --global-batch-size ${GBS} \
    --train-samples $TRAIN_SAMPLES \
    $OPTIM_ARGS \
    --num-layers 32 --hidden-size 4096 --num-attention-heads 32 \
    --seq-length 4096 --max-position-embeddings 4096 \
    --swiglu --normalization RMSNorm --bf16 \
    --data-path "$DATA_PATH" --tokenizer-type HuggingFaceTokenizer \
    --save "$CHECKPOINT_PATH" --load "$CHECKPOINT_PATH"
