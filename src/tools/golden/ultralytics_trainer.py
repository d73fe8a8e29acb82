#!/usr/bin/python3
"""Golden data for lrsched's ultralytics.BaseTrainer type, made by ultralytics' own trainer code.

ultralytics is not installed here (no PyPI); its lines that touch the learning rate are copied unchanged, as read
with the search tool's read_file, into a scratch folder outside the repository, the first argument (default
/tmp/scratch-ultralytics):

  new/trainer.py      ultralytics/ultralytics ultralytics/engine/trainer.py at
                      00016300105e79eb8b1646ab03c3d1df9274523f (8.4.103 or later: _setup_scheduler,
                      _get_warmup_iterations, the iterations line of _build_train_pipeline, _do_train's nb/nw lines,
                      its scheduler.step() at the start of each epoch and its warmup block `if ni < nw:`,
                      build_optimizer's `if name == "auto":` block)
  new/torch_utils.py  ultralytics/ultralytics ultralytics/utils/torch_utils.py at
                      0009995d900e4a1697c8a6d7d928dcb2e75da9e0 (one_cycle)
  old/trainer.py      ultralytics/ultralytics ultralytics/engine/trainer.py at
                      3c5ac618ec954b0f238c8f4ae558dac6e7f9991b (before 8.4.103: _setup_scheduler, the nw line
                      `max(round(warmup_epochs * nb), 100) if warmup_epochs > 0 else -1`, the warmup block
                      `if ni <= nw:` with the bias group at index 0)

Each excerpt keeps a method's or statement's lines verbatim inside `class BaseTrainer:` ("..." marks lines left
out). This script takes the statements from them with ast and executes them unchanged on a shim trainer
(types.SimpleNamespace args holding the case's arguments, a real torch 1.13 SGD optimizer with the trainer's param
groups, a real LambdaLR, numpy's np.interp); the shims only supply names the statements read (optim, math, np,
LOGGER, colorstr, self.data, self.train_loader.dataset). The loop around them is the trainer's order: the optimizer
and scheduler are built, scheduler.last_epoch = start_epoch - 1, then each epoch starts with scheduler.step() and
each batch ni = i + nb * epoch runs the warmup block before its forward pass. Row ni is the LR of the case's
param_group as the optimizer step at batch ni would use it (read after the warmup block); every batch is a row,
whether or not it steps the optimizer (accumulate).

Writes src/test/resources/golden/ultralytics/CASE.yaml (the lrsched spec), CASE.csv (step,CASE; Python repr) or
CASE.error, deleting any other file it owns there.
Run: /usr/bin/python3 src/tools/golden/ultralytics_trainer.py /tmp/scratch-ultralytics
"""
import ast
import glob
import math
import os
import sys
import types
import warnings

import numpy as np
import torch
from torch import optim

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_yaml import yaml_number  # noqa: E402

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "test", "resources", "golden", "ultralytics")

DEFAULTS = dict(lr0=0.01, lrf=0.01, cos_lr=False, epochs=100, warmup_epochs=3.0, warmup_bias_lr=0.1,
                optimizer="auto", batch=16, nbs=64, momentum=0.937, warmup_momentum=0.8)

# name: (what it shows, the arguments given (else ultralytics' defaults), batches per epoch, param_group, release)
CASES = {
    "linear": ("linear lf, warmup 3 epochs of 20 batches, weight group", dict(
        optimizer="SGD", epochs=10), 20, "weight", None),
    "linear_bias": ("the bias group warms down from warmup_bias_lr 0.1", dict(
        optimizer="SGD", epochs=10), 20, "bias", None),
    "cosine": ("cos_lr: one_cycle(1, lrf, epochs)", dict(
        optimizer="SGD", epochs=12, cos_lr=True, lrf=0.05), 15, "weight", None),
    "cosine_bias": ("cos_lr, bias group", dict(
        optimizer="SGD", epochs=12, cos_lr=True, lrf=0.05), 15, "bias", None),
    "no_warmup": ("warmup_epochs 0: nw = 0, the LambdaLR from batch 0", dict(
        optimizer="SGD", epochs=6, warmup_epochs=0.0), 10, "weight", None),
    "no_warmup_bias": ("warmup_epochs 0, bias group: no warmup either", dict(
        optimizer="SGD", epochs=6, warmup_epochs=0), 10, "bias", None),
    "fractional_warmup": ("warmup_epochs 1.3 of 10 batches: nw = round(13.0) = 13, ends mid-epoch; the rest of "
                          "that epoch keeps the LR of batch 12", dict(
        optimizer="SGD", epochs=5, warmup_epochs=1.3, lr0=0.02), 10, "weight", None),
    "fractional_warmup_bias": ("as fractional_warmup, bias group", dict(
        optimizer="SGD", epochs=5, warmup_epochs=1.3, lr0=0.02), 10, "bias", None),
    "half_even_down": ("warmup_epochs 0.5 of 5 batches: round(2.5) = 2 (half to even)", dict(
        optimizer="SGD", epochs=4, warmup_epochs=0.5), 5, "weight", None),
    "half_even_up": ("warmup_epochs 1.5 of 5 batches: round(7.5) = 8 (half to even)", dict(
        optimizer="SGD", epochs=4, warmup_epochs=1.5), 5, "bias", None),
    "warmup_capped": ("warmup_epochs 3 in a 3-epoch run: capped at epochs - 1 = 2 epochs", dict(
        optimizer="SGD", epochs=3, warmup_epochs=3.0), 7, "weight", None),
    "single_epoch": ("epochs 1: min(warmup_epochs, 0) = 0, no warmup", dict(
        optimizer="SGD", epochs=1, warmup_epochs=3.0), 9, "bias", None),
    "tiny_epochs": ("2 batches per epoch: nw = 6 (no 100-iteration floor since 8.4.103)", dict(
        optimizer="SGD", epochs=10, warmup_epochs=3.0), 2, "weight", None),
    "lrf_one": ("lrf 1: constant after warmup", dict(
        optimizer="AdamW", epochs=5, lrf=1.0, lr0=0.001, warmup_epochs=1.0), 8, "weight", None),
    "auto_small": ("optimizer auto, 200 images, batch 16, 30 epochs: iterations = ceil(200 / 64) * 30 = 120 "
                   "<= 10000, AdamW with lr0 = round(0.002 * 5 / (4 + nc), 6) and warmup_bias_lr 0", dict(
        epochs=30, nc=80, dataset_size=200), 13, "bias", None),
    "auto_small_weight": ("optimizer auto, nc 3: lr0 = round(0.01 / 7, 6) = 0.001429", dict(
        epochs=30, nc=3, dataset_size=200), 13, "weight", None),
    "auto_large": ("optimizer auto, 120000 images, batch 32, 10 epochs: iterations = 18750 * 10 > 10000: lr 0.01 "
                   "(MuSGD), warmup_bias_lr 0", dict(
        epochs=10, batch=32, nc=80, dataset_size=120000), 3750, "bias", None),
    "legacy_floor": ("ultralytics 8.3: nw = max(round(3 * 2), 100) = 100 iterations over 10 epochs of 2 batches: "
                     "the whole run warms up", dict(
        optimizer="SGD", epochs=10), 2, "weight", "8.3.40"),
    "legacy_floor_bias": ("as legacy_floor, bias group (param group 0 in that release)", dict(
        optimizer="SGD", epochs=10), 2, "bias", "8.3.40"),
    "legacy_mid_epoch": ("ultralytics 8.3: nw = 100 ends in epoch 2 of 40 batches; ni <= nw, so batch 100 "
                         "already has the epoch's LR", dict(
        optimizer="SGD", epochs=5, cos_lr=True), 40, "weight", "8.3.40"),
    "legacy_no_warmup": ("ultralytics 8.3, warmup_epochs 0: nw = -1", dict(
        optimizer="SGD", epochs=4, warmup_epochs=0.0), 6, "bias", "8.3.40"),
    "legacy_long": ("ultralytics 8.3: 3 epochs of 50 batches = 150 > 100", dict(
        optimizer="SGD", epochs=6, warmup_epochs=3.0), 50, "bias", "8.3.40"),
}


def excerpt(path):
    tree = ast.parse(open(path).read())
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "BaseTrainer")
    return {n.name: n for n in cls.body if isinstance(n, ast.FunctionDef)}


def method(fn, path, namespace):
    """A method of the excerpt, compiled unchanged with the module-level names it reads."""
    ns = dict(namespace)
    exec(compile(ast.Module(body=[fn], type_ignores=[]), path, "exec"), ns)
    return ns[fn.name]


def statement(fn, path, test):
    """The statement of fn whose source starts with `test` (searched through nested blocks), compiled unchanged."""
    for node in ast.walk(fn):
        if isinstance(node, ast.stmt) and ast.get_source_segment(open(path).read(), node).startswith(test):
            return compile(ast.Module(body=[node], type_ignores=[]), path, "exec")
    raise LookupError(test + " in " + fn.name)


class Source:
    def __init__(self, root, which):
        self.path = os.path.join(root, which, "trainer.py")
        fns = excerpt(self.path)
        cycle_ns = {"math": math}
        tu = os.path.join(root, "new", "torch_utils.py")
        exec(compile(open(tu).read(), tu, "exec"), cycle_ns)
        module = {"optim": optim, "one_cycle": cycle_ns["one_cycle"], "math": math, "np": np}
        self.setup_scheduler = method(fns["_setup_scheduler"], self.path, module)
        self.new = which == "new"
        if self.new:
            self.get_warmup_iterations = method(fns["_get_warmup_iterations"], self.path, module)
            self.iterations = statement(fns["_build_train_pipeline"], self.path, "iterations = ")
            self.auto = statement(fns["build_optimizer"], self.path, 'if name == "auto":')
            self.warmup = statement(fns["_do_train"], self.path, "if ni < nw:")
        else:
            self.nw = statement(fns["_do_train"], self.path, "nw = ")
            self.warmup = statement(fns["_do_train"], self.path, "if ni <= nw:")


def run(src, given, nb, group):
    args = dict(DEFAULTS)
    args.update({k: v for k, v in given.items() if k not in ("nc", "dataset_size")})
    trainer = types.SimpleNamespace(args=types.SimpleNamespace(**args), epochs=args["epochs"],
                                    batch_size=args["batch"], data={"nc": given.get("nc", 10)})
    lr, momentum = args["lr0"], args["momentum"]
    if args["optimizer"] == "auto":
        ns = {"self": trainer, "math": math, "len": len}
        trainer.train_loader = types.SimpleNamespace(dataset=range(given["dataset_size"]))
        exec(src.iterations, ns)
        ns.update(name="auto", lr=lr, momentum=momentum, LOGGER=types.SimpleNamespace(info=lambda *a: None),
                  colorstr=lambda *a: "")
        exec(src.auto, ns)
        lr = ns["lr"]
    names = ["weight", "bn", "bias"] if src.new else ["bias", "weight", "bn"]
    trainer.optimizer = optim.SGD([{"params": [torch.nn.Parameter(torch.zeros(1))], "lr": lr, "param_group": g}
                                   for g in names], lr=lr, momentum=0.9, nesterov=True)
    src.setup_scheduler(trainer)
    trainer.scheduler.last_epoch = 0 - 1  # start_epoch - 1, as _setup_train leaves it
    if src.new:
        nw = src.get_warmup_iterations(trainer, nb)
    else:
        ns = {"self": trainer, "nb": nb, "round": round, "max": max}
        exec(src.nw, ns)
        nw = ns["nw"]
    index = names.index(group)
    rows = {}
    for epoch in range(trainer.epochs):
        trainer.epoch = epoch
        trainer.scheduler.step()
        for i in range(nb):
            ni = i + nb * epoch
            exec(src.warmup, {"self": trainer, "ni": ni, "nw": nw, "epoch": epoch, "np": np})
            rows[ni] = float(trainer.optimizer.param_groups[index]["lr"])
            trainer.optimizer.step()
    return rows


def write(name, header, spec, release, rows):
    with open(os.path.join(OUT, name + ".yaml"), "w") as f:
        f.write("# generated by src/tools/golden/ultralytics_trainer.py from ultralytics' own trainer code\n")
        f.write("# (ultralytics/ultralytics@%s ultralytics/engine/trainer.py, "
                "@0009995d900e4a1697c8a6d7d928dcb2e75da9e0 ultralytics/utils/torch_utils.py)\n"
                % ("00016300105e79eb8b1646ab03c3d1df9274523f" if release is None
                   else "3c5ac618ec954b0f238c8f4ae558dac6e7f9991b"))
        f.write("# " + header + "\n")
        if release is not None:
            f.write("versions: {ultralytics: \"%s\"}\n" % release)
        f.write("steps: %d\nschedules:\n  - name: %s\n    type: ultralytics.BaseTrainer\n" % (len(rows), name))
        for k, v in spec.items():
            f.write("    %s: %s\n" % (k, v if isinstance(v, str) else yaml_number(v)))
    with open(os.path.join(OUT, name + ".csv"), "w") as f:
        f.write("step,%s\n" % name)
        for i in sorted(rows):
            if len(rows) <= 5000 or i < 300 or i % 97 == 0 or i == len(rows) - 1:  # long runs: a sample
                f.write("%d,%r\n" % (i, rows[i]))


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "/tmp/scratch-ultralytics"
    new, old = Source(root, "new"), Source(root, "old")
    os.makedirs(OUT, exist_ok=True)
    for f in glob.glob(os.path.join(OUT, "*")):
        if f.endswith((".yaml", ".csv", ".error")):
            os.remove(f)
    for name, (header, given, nb, group, release) in CASES.items():
        rows = run(new if release is None else old, given, nb, group)
        spec = dict(given, batches_per_epoch=nb, param_group=group)
        write(name, header, spec, release, rows)


if __name__ == "__main__":
    main()
