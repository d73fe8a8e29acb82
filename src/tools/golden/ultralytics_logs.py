#!/usr/bin/python3
"""Golden logs for lrsched's ultralytics results.csv reader (src/test/resources/golden/logs/ultralytics/).

Writes results.csv with ultralytics' own BaseTrainer.save_metrics, fed by a real torch LambdaLR with the trainer's
lf and its per-iteration warmup (np.interp), stepped in the trainer's loop order, and writes beside each log the
curve the run followed, ``expected.csv`` (``update,lr``: the LR of param group 1 read just before
optimizer.step(), update = the iteration ni counted from 0; batch = nbs, so every iteration is an update), and
``expected.lr-pg2.csv`` for the bias group.

Sources (ultralytics/ultralytics), read with the search tool's read_file:
- ``new``: ultralytics/engine/trainer.py at 00016300105e79eb8b1646ab03c3d1df9274523f (save_metrics writes
  ``epoch,time,<keys>`` and ``"%.6g,"`` values with epoch = self.epoch + 1; _do_train steps the scheduler at the
  start of each epoch, warms up while ni < nw with nw = round(min(warmup_epochs, epochs - 1) * nb); param groups
  weight, bn, bias, the bias group warming down from warmup_bias_lr);
- ``old``: ultralytics/yolo/engine/trainer.py at 006b75a4be7aa938e75e447385ba568fa0885577 (save_metrics writes
  ``"%23s,"`` headers and ``"%23.5g,"`` values with epoch = self.epoch, 0-based; _do_train steps the scheduler after
  the epoch, warms up while ni <= nw with nw = max(round(warmup_epochs * nb), 100); param groups bias, weight, bn).
SCRATCH/new/trainer.py and SCRATCH/old/trainer.py hold each file (or an excerpt with class BaseTrainer and its
save_metrics, as read); this script takes save_metrics from them with ast and runs it unchanged. The loops below
are the trainers' _do_train lines that touch the learning rate, in their order.

Usage: /usr/bin/python3 src/tools/golden/ultralytics_logs.py SCRATCH [OUT_DIR]
"""
import ast
import csv
import os
import shutil
import sys
import types
from pathlib import Path

import warnings

import numpy as np
import torch

warnings.filterwarnings("ignore")
LR0, LRF, WARMUP_BIAS_LR, NBS = 0.01, 0.01, 0.1, 64


def save_metrics_from(trainer_py):
    tree = ast.parse(Path(trainer_py).read_text())
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "BaseTrainer")
    fn = next(n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == "save_metrics")
    clock = types.SimpleNamespace(now=0.0)
    namespace = {"time": types.SimpleNamespace(time=lambda: clock.now)}  # a deterministic clock for the time column
    exec(compile(ast.Module(body=[fn], type_ignores=[]), trainer_py, "exec"), namespace)
    return namespace["save_metrics"], clock


def optimizer(groups):
    return torch.optim.SGD([{"params": [torch.nn.Parameter(torch.zeros(1))], "lr": LR0, "param_group": g}
                            for g in groups], lr=LR0, momentum=0.937, nesterov=True)


def metrics(epoch):
    losses = {"train/box_loss": 1.5 - 0.1 * epoch, "train/cls_loss": 2.25 - 0.2 * epoch}
    return {**losses, "metrics/mAP50(B)": 0.1 * epoch, "val/box_loss": 1.75 - 0.1 * epoch}


def run_new(save_metrics, clock, csv_path, epochs, nb, warmup_epochs):
    opt = optimizer(["weight", "bn", "bias"])
    lf = lambda x: max(1 - x / epochs, 0) * (1.0 - LRF) + LRF  # noqa: E731  linear, cos_lr=False
    scheduler = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda=lf)
    scheduler.last_epoch = 0 - 1  # start_epoch - 1
    nw = round(min(warmup_epochs, max(epochs - 1, 0)) * nb) if warmup_epochs > 0 else 0
    trainer = types.SimpleNamespace(csv=Path(csv_path), train_time_start=0.0, epoch=0)
    used = {}
    for epoch in range(epochs):
        trainer.epoch = epoch
        scheduler.step()
        for i in range(nb):
            ni = i + nb * epoch
            if ni < nw:
                xi = [0, nw]
                for x in opt.param_groups:
                    x["lr"] = float(np.interp(ni, xi, [WARMUP_BIAS_LR if x.get("param_group") == "bias" else 0.0,
                                                       x["initial_lr"] * lf(epoch)]))
            used[ni] = [g["lr"] for g in opt.param_groups]
            opt.step()
        lr = {f"lr/pg{ir}": x["lr"] for ir, x in enumerate(opt.param_groups)}
        clock.now = 12.5 * (epoch + 1)
        save_metrics(trainer, metrics={**metrics(epoch), **lr})
    return used


def run_old(save_metrics, csv_path, epochs, nb, warmup_epochs):
    opt = optimizer(["bias", "weight", "bn"])
    lf = lambda x: (1 - x / epochs) * (1.0 - LRF) + LRF  # noqa: E731  linear, cos_lr=False
    scheduler = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda=lf)
    scheduler.last_epoch = 0 - 1  # start_epoch - 1
    nw = max(round(warmup_epochs * nb), 100)
    trainer = types.SimpleNamespace(csv=Path(csv_path), epoch=0)
    used = {}
    for epoch in range(epochs):
        trainer.epoch = epoch
        for i in range(nb):
            ni = i + nb * epoch
            if ni <= nw:
                xi = [0, nw]
                for j, x in enumerate(opt.param_groups):
                    x["lr"] = np.interp(ni, xi, [WARMUP_BIAS_LR if j == 0 else 0.0, x["initial_lr"] * lf(epoch)])
            used[ni] = [float(g["lr"]) for g in opt.param_groups]
            opt.step()
        lr = {f"lr/pg{ir}": x["lr"] for ir, x in enumerate(opt.param_groups)}
        scheduler.step()
        save_metrics(trainer, metrics={**metrics(epoch), **lr})
    return used


def write_used(path, used, group):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["update", "lr"])
        for update in sorted(used):
            w.writerow([update, repr(used[update][group])])


def main():
    scratch = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else "src/test/resources/golden/logs/ultralytics"
    if os.path.isdir(out):
        shutil.rmtree(out)
    new_save, clock = save_metrics_from(os.path.join(scratch, "new", "trainer.py"))
    old_save, _ = save_metrics_from(os.path.join(scratch, "old", "trainer.py"))

    d = os.path.join(out, "linear-warmup")  # 5 epochs of 8 updates, warmup 1.5 epochs (12 iterations)
    os.makedirs(d)
    used = run_new(new_save, clock, os.path.join(d, "results.csv"), epochs=5, nb=8, warmup_epochs=1.5)
    write_used(os.path.join(d, "expected.csv"), used, 1)
    write_used(os.path.join(d, "expected.lr-pg2.csv"), used, 2)

    d = os.path.join(out, "padded-0-based")  # the early 8.0 writer: 6 epochs of 25 updates, warmup 100 iterations
    os.makedirs(d)
    used = run_old(old_save, os.path.join(d, "results.csv"), epochs=6, nb=25, warmup_epochs=3.0)
    write_used(os.path.join(d, "expected.csv"), used, 1)
    write_used(os.path.join(d, "expected.lr-pg2.csv"), used, 2)


if __name__ == "__main__":
    main()
