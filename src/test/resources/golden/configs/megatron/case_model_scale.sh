#!/bin/bash
# A case statement picks the batch size (as Megatron-LM's examples/mamba/train.sh does): only the matching branch
# runs; an if block whose values the launch command does not use changes nothing.
MODEL_SCALE="800M" # or "8B"

case "${MODEL_SCALE}" in
    "8B")
        GLOBAL_BATCH_SIZE=8
        LR=1.0e-4
        ;;
    "800M"|"400M")
        GLOBAL_BATCH_SIZE=32
        LR=2.5e-4
        ;;
    *)
        echo "Invalid version specified"
        exit 1
        ;;
esac

EXTRA_ARGS=()
if [ -n "${PROFILE:-}" ]; then
    EXTRA_ARGS+=(--profile --profile-step-start 4)
fi

torchrun --nproc_per_node 8 pretrain_mamba.py \
       --train-samples 7324218 \
       --lr-warmup-samples 5000 \
       --lr-decay-samples 7319218 \
       --lr-decay-style cosine \
       --lr ${LR} --min-lr 2.5e-5 \
       --global-batch-size ${GLOBAL_BATCH_SIZE} \
       "${EXTRA_ARGS[@]}"
