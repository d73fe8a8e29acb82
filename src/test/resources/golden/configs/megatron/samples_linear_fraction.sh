#!/bin/bash
# Sample-based linear decay over fewer samples than the run, warmup as a fraction of the decay samples.
python3 -m torch.distributed.run --nproc_per_node 4 pretrain_t5.py --train-samples 3000000 \
    --global-batch-size 384 --lr 0.0002 --min-lr 0.00001 --lr-decay-samples 2500000 --lr-warmup-fraction 0.015
