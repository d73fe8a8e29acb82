#!/bin/bash
# BERT pretraining, older single-node style (python -m torch.distributed.launch): inverse-square-root decay
# after a 10000-iteration warmup from 1e-7, decayed over 990000 iterations, then min-lr.
#   lrsched plot --spec examples/configs/megatron-bert-isr.sh --steps 1000000 -o bert.png

CHECKPOINT_PATH=checkpoints/bert_345m
VOCAB_FILE=bert-vocab.txt
DATA_PATH=my-bert_text_sentence

BERT_ARGS="--num-layers 24 \
           --hidden-size 1024 \
           --num-attention-heads 16 \
           --seq-length 512 \
           --max-position-embeddings 512 \
           --micro-batch-size 4 \
           --global-batch-size 32"

python -m torch.distributed.launch --nproc_per_node 8 pretrain_bert.py \
       $BERT_ARGS \
       --train-iters 2000000 \
       --lr 0.0001 \
       --lr-warmup-init 1e-7 \
       --lr-decay-style inverse-square-root \
       --lr-decay-iters 990000 \
       --min-lr 1.0e-5 \
       --lr-warmup-iters 10000 \
       --weight-decay 1e-2 \
       --clip-grad 1.0 \
       --fp16 \
       --data-path $DATA_PATH \
       --vocab-file $VOCAB_FILE \
       --save $CHECKPOINT_PATH \
       --load $CHECKPOINT_PATH
