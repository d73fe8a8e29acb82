#!/usr/bin/python3
"""Golden data for lrsched's LightningCLI config reader (src/docs/configs/lightning.md).

Runs PyTorch Lightning's own code for everything that decides the learning rate of a LightningCLI run, on the
real torch (Debian's python3-torch 1.13) optimizers and schedulers:

  Lightning-AI/pytorch-lightning at 7f0c3436cd3f6ad3753125672024fc415cbcb414:
    src/lightning/pytorch/cli.py                         LightningCLI.configure_optimizers (what a config's
                                                         optimizer/lr_scheduler become)
    src/lightning/pytorch/core/optimizer.py              _configure_schedulers_automatic_opt (interval, frequency)
    src/lightning/pytorch/utilities/types.py             LRSchedulerConfig (the defaults: interval "epoch")
    src/lightning/pytorch/trainer/setup.py               _determine_batch_limits (limit_train_batches)
    src/lightning/pytorch/trainer/connectors/data_connector.py  _parse_num_batches (num_training_batches)
    src/lightning/pytorch/loops/utilities.py             _parse_loop_limits (max_epochs 1000), _is_max_limit_reached
    src/lightning/pytorch/loops/training_epoch_loop.py   _accumulated_batches_reached, _num_ready_batches_reached,
                                                         _should_accumulate, update_lr_schedulers,
                                                         _update_learning_rates (when the optimizer and the
                                                         scheduler step)

Lightning itself cannot be imported here (it needs lightning_utilities, torchmetrics, fsspec, jsonargparse, and
torch >= 2.1; PyPI is unreachable), so these functions are taken out of the fetched source files with `ast` and
run unchanged with minimal shims (exceptions, warnings, a progress counter, the hook that calls scheduler.step()),
none of which does arithmetic. The loop that calls them (batches of an epoch, epochs of the run, the fit loop's
stop conditions) follows _TrainingEpochLoop.advance/run and _FitLoop.done of the same commit. jsonargparse's class
resolution (a bare class name or a torch.optim / torch.optim.lr_scheduler path) is mirrored by a lookup in
torch.optim.

Before writing anything, the shims reproduce values Lightning's own tests publish (tests/tests_pytorch/...):
test_limit_batches.py (num_training_batches 64 and 7), test_estimated_stepping_batches.py
(test_num_stepping_batches_accumulate_gradients: 64 batches, accumulate 2 -> 32 and 3 -> 22 optimizer steps),
test_optimizers.py (test_lr_scheduler_epoch_step_frequency: 4 epochs of 2 batches -> 5 scheduler.step() calls with
interval "epoch"; the step-interval StepLR of test_lr_scheduler_step_hook-style: 3 x 2 + 1 calls).

Usage: /usr/bin/python3 src/tools/golden/lightning_configs.py /tmp/golden-lightning
  where /tmp/golden-lightning/src/ holds the files above (src/lightning/pytorch/<path> copied to src/<path>).
Reads the cases in src/test/resources/golden/configs/lightning/: CASE.yaml (a LightningCLI config as a user writes
it, its first line saying which trap it holds) and CASE.run (the --run facts, one KEY=VALUE per line; absent when
none are needed); writes CASE.csv (step,lr: the lr each optimizer update uses); and for the example configs examples/configs/lightning-*.yaml, examples/NAME.run (the facts, and steps=
the run's length) and examples/NAME.csv (the rows on both sides of every epoch boundary, the first and the last).
"""
import ast
import dataclasses
import math
import os
import sys
import types
import typing
import warnings

import torch
import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
OUT = os.path.join(REPO, "src", "test", "resources", "golden", "configs", "lightning")


class MisconfigurationException(Exception):
    pass


class Timer:  # lightning.pytorch.callbacks.Timer, only for the isinstance check in _parse_loop_limits
    pass


class LightningReduceLROnPlateau(torch.optim.lr_scheduler.ReduceLROnPlateau):  # cli.ReduceLROnPlateau
    def __init__(self, optimizer, monitor, *args, **kwargs):
        super().__init__(optimizer, *args, **kwargs)
        self.monitor = monitor


def _quiet(*args, **kwargs):
    pass


def extract(path, names, cls=None):
    """The source of top-level functions/classes (or methods of class `cls`) named `names`, decorators removed."""
    with open(path) as f:
        tree = ast.parse(f.read())
    body = tree.body
    if cls is not None:
        body = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls).body
    found = {}
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in names:
            if isinstance(node, ast.FunctionDef):
                node.decorator_list = []
            found[node.name] = ast.unparse(node)
    missing = set(names) - set(found)
    if missing:
        raise SystemExit(f"{path}: not found: {sorted(missing)}")
    return [found[n] for n in names]


def load(src):
    ns = {
        "Any": typing.Any, "Optional": typing.Optional, "Union": typing.Union, "Callable": typing.Callable,
        "TypedDict": typing.TypedDict, "dataclass": dataclasses.dataclass, "fields": dataclasses.fields,
        "optim": torch.optim, "Optimizer": torch.optim.Optimizer,
        "LRScheduler": torch.optim.lr_scheduler._LRScheduler,  # torch 1.13's name for it
        "ReduceLROnPlateau": LightningReduceLROnPlateau,
        "MisconfigurationException": MisconfigurationException, "rank_zero_warn": _quiet,
        "rank_zero_info": _quiet, "PossibleUserWarning": UserWarning, "Timer": Timer, "math": math, "pl": None,
        "LRSchedulerTypeUnion": typing.Any, "LightningModule": typing.Any, "RunningStage": typing.Any,
    }
    code = []
    code += extract(f"{src}/utilities/types.py", ["LRSchedulerConfig"])
    code += extract(f"{src}/core/optimizer.py", ["_configure_schedulers_automatic_opt"])
    code += extract(f"{src}/cli.py", ["configure_optimizers"], cls="LightningCLI")
    code += extract(f"{src}/trainer/setup.py", ["_determine_batch_limits"])
    code += extract(f"{src}/trainer/connectors/data_connector.py", ["_parse_num_batches"])
    code += extract(f"{src}/loops/utilities.py", ["_parse_loop_limits", "_is_max_limit_reached"])
    for c in code:
        exec(compile(c, "<lightning>", "exec"), ns)
    ns["LRSchedulerConfig"].__annotations__["scheduler"] = typing.Any
    methods = extract(f"{src}/loops/training_epoch_loop.py",
                      ["_accumulated_batches_reached", "_num_ready_batches_reached", "_should_accumulate",
                       "update_lr_schedulers", "_update_learning_rates"], cls="_TrainingEpochLoop")
    loop_ns = dict(ns)
    loop_ns["call"] = types.SimpleNamespace(_call_lightning_module_hook=call_hook)
    for m in methods:
        exec(compile(m, "<lightning>", "exec"), loop_ns)
    return ns, loop_ns


class Counter:
    """The parts of lightning.pytorch.loops.progress that the methods read."""

    def __init__(self):
        self.ready = 0

    def increment_ready(self):
        pass

    def increment_completed(self):
        pass


def make_loop_class(loop_ns):
    names = ["_accumulated_batches_reached", "_num_ready_batches_reached", "_should_accumulate",
             "update_lr_schedulers", "_update_learning_rates"]
    return type("EpochLoop", (), {n: loop_ns[n] for n in names})


def call_hook(trainer, name, scheduler, metric):
    # LightningModule.lr_scheduler_step's default body (core/module.py): scheduler.step() without a metric
    assert name == "lr_scheduler_step"
    if metric is None:
        scheduler.step()
    else:
        scheduler.step(metric)


def resolve(class_path, module):
    """jsonargparse's resolution of a torch class: the bare name or the full path."""
    name = class_path.rsplit(".", 1)[-1]
    if class_path not in (name, module.__name__ + "." + name):
        raise SystemExit(f"not a {module.__name__} class: {class_path}")
    return getattr(module, name)


def instantiate(section, module, first_arg):
    if isinstance(section, str):
        return resolve(section, module)(first_arg)
    return resolve(section["class_path"], module)(first_arg, **(section.get("init_args") or {}))


def run(ns, EpochLoop, config, batches_per_epoch):
    """The lr of every optimizer update of `trainer.fit` under a LightningCLI config; also counts scheduler steps."""
    config = config.get("fit", config)
    t = config.get("trainer") or {}
    trainer = types.SimpleNamespace()
    trainer.callbacks = []
    trainer.accumulate_grad_batches = t.get("accumulate_grad_batches", 1)
    trainer.limit_train_batches = ns["_determine_batch_limits"](t.get("limit_train_batches"), "limit_train_batches")
    max_steps = t.get("max_steps", -1)
    _, max_epochs = ns["_parse_loop_limits"](None, max_steps, None, t.get("max_epochs"), trainer)
    stage = types.SimpleNamespace(dataloader_prefix="train")
    trainer.num_training_batches = ns["_parse_num_batches"](stage, batches_per_epoch, trainer.limit_train_batches)
    trainer.strategy = types.SimpleNamespace(handles_gradient_accumulation=False)
    trainer.lightning_module = types.SimpleNamespace(automatic_optimization=True)

    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = instantiate(config["optimizer"], torch.optim, [param])
    scheduler = None
    if config.get("lr_scheduler"):
        scheduler = instantiate(config["lr_scheduler"], torch.optim.lr_scheduler, optimizer)
    returned = ns["configure_optimizers"](None, optimizer, scheduler)
    if isinstance(returned, tuple) or isinstance(returned, list):
        _, schedulers = returned
        trainer.lr_scheduler_configs = ns["_configure_schedulers_automatic_opt"](schedulers, None)
    else:
        trainer.lr_scheduler_configs = []
    # every LightningCLI scheduler is stepped per epoch: the defaults of LRSchedulerConfig
    assert all(c.interval == "epoch" and c.frequency == 1 for c in trainer.lr_scheduler_configs)
    return fit(ns, EpochLoop, trainer, optimizer, max_epochs, max_steps)


def fit(ns, EpochLoop, trainer, optimizer, max_epochs, max_steps):
    limit = ns["_is_max_limit_reached"]
    loop = EpochLoop()
    loop.trainer = trainer
    loop.scheduler_progress = Counter()
    lrs = []
    global_step = 0
    epoch = 0
    while not (limit(global_step, max_steps) or limit(epoch, max_epochs)):  # _FitLoop.done
        trainer.current_epoch = epoch
        loop.batch_progress = types.SimpleNamespace(current=Counter(), is_last_batch=False)  # reset_on_run
        loop.batch_idx = -1
        for batch_idx in range(trainer.num_training_batches):  # _TrainingEpochLoop.advance
            loop.batch_idx = batch_idx
            loop.batch_progress.is_last_batch = batch_idx == trainer.num_training_batches - 1
            loop.batch_progress.current.ready += 1
            if not loop._should_accumulate():  # _AutomaticOptimization.run: optimizer.step()
                lrs.append(optimizer.param_groups[0]["lr"])
                global_step += 1
            loop.update_lr_schedulers("step", update_plateau_schedulers=False)
            if loop._num_ready_batches_reached():
                loop.update_lr_schedulers("epoch", update_plateau_schedulers=False)
            if limit(global_step, max_steps) or loop._num_ready_batches_reached():  # _is_training_done
                break
        epoch += 1
    return lrs


def self_check(ns, EpochLoop):
    stage = types.SimpleNamespace(dataloader_prefix="train")
    limits = ns["_determine_batch_limits"]
    assert ns["_parse_num_batches"](stage, 64, limits(100, "limit_train_batches")) == 64
    assert ns["_parse_num_batches"](stage, 64, limits(7, "limit_train_batches")) == 7
    param = torch.nn.Parameter(torch.zeros(1))
    for accumulate, expected in [(2, 32), (3, 22)]:
        lrs = run(ns, EpochLoop, {"trainer": {"max_epochs": 1, "accumulate_grad_batches": accumulate},
                                  "optimizer": {"class_path": "SGD", "init_args": {"lr": 0.1}}}, 64)
        assert len(lrs) == expected, (accumulate, len(lrs))

    class Counted(torch.optim.lr_scheduler.StepLR):
        calls = 0

        def step(self, *args, **kwargs):
            Counted.calls += 1
            super().step(*args, **kwargs)

    def counted(interval, max_epochs, limit_train_batches):
        Counted.calls = 0
        optimizer = torch.optim.SGD([param], lr=1e-2)
        scheduler = Counted(optimizer, step_size=1)
        trainer = types.SimpleNamespace(
            callbacks=[], accumulate_grad_batches=1,
            num_training_batches=ns["_parse_num_batches"](stage, 64, limits(limit_train_batches, "x")),
            strategy=types.SimpleNamespace(handles_gradient_accumulation=False),
            lightning_module=types.SimpleNamespace(automatic_optimization=True),
            lr_scheduler_configs=ns["_configure_schedulers_automatic_opt"](
                [{"scheduler": scheduler, "interval": interval}], None))
        fit(ns, EpochLoop, trainer, optimizer, max_epochs, -1)
        return Counted.calls

    assert counted("epoch", 4, 2) == 5  # test_lr_scheduler_epoch_step_frequency
    assert counted("step", 3, 2) == 3 * 2 + 1  # test_optimizers.py: max_epochs * limit_train_batches + 1


# examples/configs files (name, batches_per_epoch): rows at every epoch boundary, the first and the last
EXAMPLES = [("lightning-cosine", 195), ("lightning-onecycle", 782), ("lightning-multistep", 1252)]


def boundaries(lrs, per_epoch):
    steps = {0, len(lrs) - 1}
    for k in range(per_epoch, len(lrs), per_epoch):
        steps.update((k - 1, k))
    return sorted(s for s in steps if 0 <= s < len(lrs))


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    warnings.simplefilter("ignore")  # torch 1.13 warns that the constructor steps the scheduler
    ns, loop_ns = load(os.path.join(sys.argv[1], "src"))
    EpochLoop = make_loop_class(loop_ns)
    self_check(ns, EpochLoop)
    os.makedirs(OUT, exist_ok=True)
    for config in sorted(f for f in os.listdir(OUT) if f.endswith(".yaml")):
        name = config[:-len(".yaml")]
        with open(os.path.join(OUT, config)) as f:
            text = f.read()
        batches = None
        run_file = os.path.join(OUT, name + ".run")
        if os.path.exists(run_file):
            with open(run_file) as f:
                batches = int(dict(line.strip().split("=") for line in f if line.strip())["batches_per_epoch"])
        lrs = run(ns, EpochLoop, yaml.safe_load(text), batches if batches is not None else 10**9)
        with open(os.path.join(OUT, name + ".csv"), "w") as f:
            f.write("step,lr\n")
            for step, lr in enumerate(lrs):
                f.write(f"{step},{lr!r}\n")
        print(f"{name}: {len(lrs)} rows")
    examples_out = os.path.join(OUT, "examples")
    os.makedirs(examples_out, exist_ok=True)
    for name, batches in EXAMPLES:
        with open(os.path.join(REPO, "examples", "configs", name + ".yaml")) as f:
            config = yaml.safe_load(f)
        lrs = run(ns, EpochLoop, config, batches)
        t = config["trainer"]
        per_epoch = math.ceil(batches * t.get("limit_train_batches", 1.0) / t.get("accumulate_grad_batches", 1))
        with open(os.path.join(examples_out, name + ".run"), "w") as f:
            f.write(f"batches_per_epoch={batches}\nsteps={len(lrs)}\n")
        with open(os.path.join(examples_out, name + ".csv"), "w") as f:
            f.write("step,lr\n")
            for step in boundaries(lrs, per_epoch):
                f.write(f"{step},{lrs[step]!r}\n")
        print(f"examples/configs/{name}.yaml: {len(lrs)} rows, {len(boundaries(lrs, per_epoch))} written")


if __name__ == "__main__":
    main()
