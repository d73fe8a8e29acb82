#!/usr/bin/python3
"""Golden logs for lrsched's timm summary.csv reader (src/test/resources/golden/logs/timm/).

Writes summary.csv with timm's own update_summary, fed by a real torch CosineAnnealingLR stepped once per epoch in
train.py's order, and writes beside each log the curve the run followed, ``expected.csv`` (``update,lr``: the
param group's LR read just before optimizer.step(), update counted from 0).

Sources (huggingface/pytorch-image-models, commit aa4b5850c1543fa488abf260f18390eda46cf85d, the newest stored):
timm/utils/summary.py (update_summary: a csv.DictWriter row epoch, train_*, eval_*, lr; the header when
write_header), run unchanged from SCRATCH:

    mkdir -p SCRATCH/timm/utils
    git -C pytorch-image-models show aa4b585:timm/utils/summary.py > SCRATCH/timm/utils/summary.py

The loop is train.py's main loop at that commit: for epoch in range(start_epoch, num_epochs): train_one_epoch (one
optimizer step per update), then update_summary(epoch, ..., lr=mean of the param groups' 'lr',
write_header=best_metric is None), saver.save_checkpoint (sets best_metric), lr_scheduler.step(epoch + 1). A resumed
run starts with best_metric None (so its first row repeats the header) and calls lr_scheduler.step(start_epoch).

Usage: /usr/bin/python3 src/tools/golden/timm_logs.py SCRATCH [OUT_DIR]
"""
import csv
import importlib.util
import os
import shutil
import sys
import warnings

import torch

warnings.filterwarnings("ignore")
EPOCHS, UPDATES_PER_EPOCH, LR = 6, 5, 0.05


def load_summary(scratch):
    spec = importlib.util.spec_from_file_location("timm_summary", os.path.join(scratch, "timm/utils/summary.py"))
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


def fit(summary, filename, start_epoch, stop_after, used):
    """train.py's loop from start_epoch; returns after the epoch stop_after (a crash in the next one)."""
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=LR)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=EPOCHS, eta_min=1e-5)
    if start_epoch > 0:
        scheduler.step(start_epoch)
    best_metric = None
    for epoch in range(start_epoch, EPOCHS):
        for i in range(UPDATES_PER_EPOCH):
            used[epoch * UPDATES_PER_EPOCH + i] = optimizer.param_groups[0]["lr"]
            param.grad = torch.zeros_like(param)
            optimizer.step()
        train_metrics = {"loss": 2.0 - 0.25 * epoch}
        eval_metrics = {"loss": 2.5 - 0.25 * epoch, "top1": 10.0 * epoch, "top5": 15.0 * epoch}
        lrs = [param_group["lr"] for param_group in optimizer.param_groups]
        summary.update_summary(epoch, train_metrics, eval_metrics, filename=filename, lr=sum(lrs) / len(lrs),
                               write_header=best_metric is None)
        best_metric = eval_metrics["top1"]  # saver.save_checkpoint
        scheduler.step(epoch + 1)
        if epoch == stop_after:
            return


def write_used(path, used):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["update", "lr"])
        for update in sorted(used):
            w.writerow([update, repr(used[update])])


def main():
    scratch = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else "src/test/resources/golden/logs/timm"
    summary = load_summary(scratch)
    if os.path.isdir(out):
        shutil.rmtree(out)

    d = os.path.join(out, "cosine")
    os.makedirs(d)
    used = {}
    fit(summary, os.path.join(d, "summary.csv"), 0, None, used)
    write_used(os.path.join(d, "expected.csv"), used)

    # dies in epoch 4 after writing epoch 3's row; resumed from the checkpoint of epoch 2, so epoch 3 is written twice
    d = os.path.join(out, "resumed")
    os.makedirs(d)
    used = {}
    fit(summary, os.path.join(d, "summary.csv"), 0, 3, used)
    fit(summary, os.path.join(d, "summary.csv"), 3, None, used)
    write_used(os.path.join(d, "expected.csv"), used)


if __name__ == "__main__":
    main()
