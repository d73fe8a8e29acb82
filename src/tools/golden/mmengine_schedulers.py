#!/usr/bin/python3
"""Golden data for lrsched's mmengine.* types, made by mmengine's own scheduler code.

mmengine is not installable here, so its two scheduler modules are used unchanged from a scratch folder outside the
repository, the first argument (default /tmp/scratch-mmengine), holding

  param_scheduler.py   open-mmlab/mmengine mmengine/optim/scheduler/param_scheduler.py
  lr_scheduler.py      open-mmlab/mmengine mmengine/optim/scheduler/lr_scheduler.py

both at 254342938d9bde1775c39ea7d5181c5d294026c4. They are loaded as the package mmengine.optim.scheduler; their
imports are shimmed: mmengine.registry.PARAM_SCHEDULERS.register_module() returns the class unchanged,
mmengine.logging.print_log does nothing, and mmengine.optim.BaseOptimWrapper/OptimWrapper are empty classes (the
schedulers get a plain torch.optim.SGD, which they accept). No arithmetic is touched.

The runner is followed as mmengine/runner/runner.py (_build_param_scheduler: a deep copy of each dict, `end`
defaulting to max_epochs for by_epoch (default True) and max_iters otherwise when the train loop knows them) and
mmengine/registry/build_functions.py (build_scheduler_from_cfg: convert_to_iter_based pops and calls
cls.build_iter_from_epoch(**args, epoch_length=len(train_dataloader)); otherwise epoch_length is dropped) do it,
and the training loop as mmengine/hooks/param_scheduler_hook.py steps it: after every iteration
(after_train_iter) each scheduler with by_epoch False, in list order; after each epoch (after_train_epoch, after
the epoch's last after_train_iter) each scheduler with by_epoch True. Row s is param_groups[0]['lr'] read just
before optimizer.step() of iteration s (0-based). A ValueError raised by a step (OneCycleLR past total_steps) ends
the case: CASE.raises names the first row that cannot be computed (the row whose step raised).

Writes src/test/resources/golden/mmengine/CASE.yaml (lrsched spec), CASE.csv (step,CASE; Python repr, exact) and
CASE.raises when the library raised, deleting other files it owns there.
Run: /usr/bin/python3 src/tools/golden/mmengine_schedulers.py /tmp/scratch-mmengine
"""
import copy
import glob
import importlib.util
import os
import sys
import types

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "test", "resources", "golden", "mmengine"))
SCRATCH = sys.argv[1] if len(sys.argv) > 1 else "/tmp/scratch-mmengine"
SOURCE = "open-mmlab/mmengine mmengine/optim/scheduler/{param_scheduler,lr_scheduler}.py@" \
         "254342938d9bde1775c39ea7d5181c5d294026c4"


def load():
    def module(name, **attrs):
        m = types.ModuleType(name)
        m.__dict__.update(attrs)
        sys.modules[name] = m
        return m

    class Registry:
        def register_module(self, *a, **k):
            return lambda cls: cls

    class BaseOptimWrapper:
        pass

    module("mmengine").__path__ = []
    module("mmengine.registry", PARAM_SCHEDULERS=Registry())
    module("mmengine.logging", print_log=lambda *a, **k: None)
    module("mmengine.optim", BaseOptimWrapper=BaseOptimWrapper, OptimWrapper=BaseOptimWrapper).__path__ = []
    module("mmengine.optim.scheduler").__path__ = [SCRATCH]
    for name in ("param_scheduler", "lr_scheduler"):
        full = "mmengine.optim.scheduler." + name
        spec = importlib.util.spec_from_file_location(full, os.path.join(SCRATCH, name + ".py"))
        mod = importlib.util.module_from_spec(spec)
        sys.modules[full] = mod
        spec.loader.exec_module(mod)
    return sys.modules["mmengine.optim.scheduler.lr_scheduler"]


LR = load()


def run(lr, entries, steps, epoch_length=None, max_epochs=None, max_iters=None):
    # metrics: a ReduceOnPlateauLR entry's trace, one value per validation (every epoch)
    """The rows, and the first row that raised (or None)."""
    opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=lr)
    schedulers = []
    for entry in entries:
        args = copy.deepcopy(entry)
        if args.get("by_epoch", True) and max_epochs is not None:
            args.setdefault("end", max_epochs)
        if not args.get("by_epoch", True) and max_iters is not None:
            args.setdefault("end", max_iters)
        args.pop("metrics", None)
        cls = getattr(LR, args.pop("type"))
        if args.pop("convert_to_iter_based", False):
            schedulers.append(cls.build_iter_from_epoch(optimizer=opt, epoch_length=epoch_length, **args))
        else:
            schedulers.append(cls(optimizer=opt, **args))
    rows = []
    s = 0
    try:
        while s < steps:
            rows.append(opt.param_groups[0]["lr"])
            opt.step()
            for sch in schedulers:  # after_train_iter
                if not sch.by_epoch:
                    sch.step()
            if epoch_length and (s + 1) % epoch_length == 0:  # after_train_epoch
                for sch in schedulers:
                    if sch.by_epoch:
                        sch.step()
                epoch = (s + 1) // epoch_length  # the validation after it (val_interval 1): after_val_epoch
                for entry, sch in zip(entries, schedulers):
                    if sch.by_epoch and getattr(sch, "need_val_args", False) and epoch <= len(entry["metrics"]):
                        sch.step({entry.get("monitor", "loss"): entry["metrics"][epoch - 1]})
            s += 1
    except ValueError:
        return rows, s + 1
    return rows, None


def value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if isinstance(v, float):
        return repr(v)
    return str(v)


def mapping(d):
    return "{" + ", ".join(k + ": " + value(v) for k, v in d.items()) + "}"


CASES = []


def case(name, note, lr, entries, steps, single=False, **run_args):
    CASES.append((name, note, lr, entries, steps, single, run_args))


# one scheduler each (lrsched type mmengine.CLASS)
case("constant_iter", "ConstantLR restores the lr at end - 1", 0.1,
     [dict(type="ConstantLR", factor=0.5, begin=2, end=10, by_epoch=False)], 15, True)
case("constant_epoch", "ConstantLR by epoch, default factor 1/3", 0.1,
     [dict(type="ConstantLR", end=4)], 18, True, epoch_length=3)
case("constant_forever", "ConstantLR with the default end (INF) never restores", 0.1,
     [dict(type="ConstantLR", factor=0.25, by_epoch=False)], 20, True)
case("linear_iter", "LinearLR warmup: end_factor reached at end - 1", 0.02,
     [dict(type="LinearLR", start_factor=0.001, begin=0, end=20, by_epoch=False)], 30, True)
case("linear_decay", "LinearLR from 1 down to end_factor, window [5, 25)", 0.02,
     [dict(type="LinearLR", start_factor=1.0, end_factor=0.1, begin=5, end=25, by_epoch=False)], 32, True)
case("cosine_iter", "CosineAnnealingLR past T_max rises again (the periodic branch)", 0.1,
     [dict(type="CosineAnnealingLR", T_max=20, eta_min=1e-5, begin=0, end=60, by_epoch=False)], 62, True)
case("cosine_ratio_converted", "CosineAnnealingLR eta_min_ratio, converted to iterations", 0.02,
     [dict(type="CosineAnnealingLR", eta_min_ratio=0.01, begin=1, end=5, by_epoch=True, convert_to_iter_based=True)],
     40, True, epoch_length=7)
case("cosine_epoch", "CosineAnnealingLR by epoch, T_max = end - begin", 0.1,
     [dict(type="CosineAnnealingLR", begin=0, end=6)], 30, True, epoch_length=4)
case("poly_iter", "PolyLR hits eta_min at end - 1", 0.01,
     [dict(type="PolyLR", eta_min=1e-4, power=0.9, begin=0, end=30, by_epoch=False)], 40, True)
case("poly_epoch", "PolyLR power 2 by epoch", 0.01,
     [dict(type="PolyLR", power=2.0, begin=0, end=5)], 20, True, epoch_length=3)
case("exponential_iter", "ExponentialLR from begin + 1", 0.1,
     [dict(type="ExponentialLR", gamma=0.9, begin=3, end=20, by_epoch=False)], 25, True)
case("step_epoch", "StepLR by epoch, default end", 0.1,
     [dict(type="StepLR", step_size=2, gamma=0.5)], 40, True, epoch_length=5)
case("step_converted", "StepLR converted to iterations", 0.1,
     [dict(type="StepLR", step_size=3, gamma=0.5, convert_to_iter_based=True, end=8)], 20, True, epoch_length=2)
case("multistep_epoch", "MultiStepLR, a repeated milestone multiplies by gamma twice", 0.1,
     [dict(type="MultiStepLR", milestones=[3, 5, 5], gamma=0.5, begin=1, end=9)], 20, True, epoch_length=2)
case("onecycle_iter", "OneCycleLR ignores the optimizer's lr", 0.01,
     [dict(type="OneCycleLR", eta_max=0.1, total_steps=30, by_epoch=False)], 30, True)
case("onecycle_three_linear", "OneCycleLR three_phase linear, total_steps = end - begin", 0.01,
     [dict(type="OneCycleLR", eta_max=0.1, pct_start=0.25, anneal_strategy="linear", three_phase=True, begin=0,
           end=40, by_epoch=False)], 45, True)
case("onecycle_raises", "OneCycleLR raises past total_steps when its window is longer", 0.01,
     [dict(type="OneCycleLR", eta_max=0.1, total_steps=10, by_epoch=False)], 20, True)
case("restart_iter", "CosineRestartLR freezes after its last period", 0.1,
     [dict(type="CosineRestartLR", periods=[5, 10, 15], restart_weights=[1.0, 0.8, 0.5], eta_min=1e-4,
           by_epoch=False)], 40, True)
case("restart_ratio_epoch", "CosineRestartLR by epoch with eta_min_ratio", 0.1,
     [dict(type="CosineRestartLR", periods=[2, 3], restart_weights=[1.0, 0.5], eta_min_ratio=0.1)], 24, True,
     epoch_length=3)
case("plateau_epoch", "ReduceOnPlateauLR from a metric trace, validated after every epoch", 0.1,
     [dict(type="ReduceOnPlateauLR", patience=1, factor=0.5, cooldown=1,
           metrics=[1.0, 0.9, 0.95, 0.97, 0.96, 0.8, 0.85, 0.86, 0.87, 0.9])], 40, True, epoch_length=3)
case("plateau_window_greater", "ReduceOnPlateauLR counts only validations inside [begin, end)", 0.1,
     [dict(type="ReduceOnPlateauLR", rule="greater", threshold_rule="abs", threshold=0.01, patience=0,
           begin=2, end=6, min_value=0.02, metrics=[0.5, 0.4, 0.3, 0.2, 0.1, 0.05, 0.04, 0.03])], 30, True,
     epoch_length=3)
# lists (lrsched type mmengine.param_scheduler)
case("list_warmup_multistep", "warmup LinearLR by iteration, MultiStepLR by epoch (mmdet style)", 0.02,
     [dict(type="LinearLR", start_factor=0.001, by_epoch=False, begin=0, end=50),
      dict(type="MultiStepLR", begin=0, end=12, by_epoch=True, milestones=[8, 11], gamma=0.1)], 130,
     epoch_length=10)
case("list_cosine_converted", "LinearLR warmup then CosineAnnealingLR by epoch converted to iterations", 0.001,
     [dict(type="LinearLR", start_factor=1e-3, by_epoch=False, begin=0, end=20),
      dict(type="CosineAnnealingLR", T_max=10, eta_min=0.0, begin=0, end=10, by_epoch=True,
           convert_to_iter_based=True)], 90, epoch_length=8)
case("list_overlap", "overlapping windows compound", 0.1,
     [dict(type="ConstantLR", factor=0.5, by_epoch=False, begin=0, end=10),
      dict(type="ExponentialLR", gamma=0.95, by_epoch=False, begin=5, end=30),
      dict(type="PolyLR", eta_min=0.001, begin=1, end=4)], 40, epoch_length=6)
case("list_default_end", "no end: max_epochs / max_iters from train_cfg", 0.1,
     [dict(type="LinearLR", start_factor=0.1, by_epoch=False, end=10),
      dict(type="CosineAnnealingLR", eta_min=1e-4, by_epoch=True, begin=1)], 25, epoch_length=4, max_epochs=5,
     max_iters=20)
case("list_onecycle_then_restart", "OneCycleLR overwrites initial_lr: the restart after it starts there", 0.1,
     [dict(type="OneCycleLR", eta_max=0.05, total_steps=20, by_epoch=False, end=20),
      dict(type="CosineRestartLR", periods=[10], eta_min=0.0, by_epoch=False, begin=20, end=30)], 35)
case("list_warmup_plateau", "warmup LinearLR by iteration, then ReduceOnPlateauLR", 0.01,
     [dict(type="LinearLR", start_factor=0.1, by_epoch=False, end=8),
      dict(type="ReduceOnPlateauLR", monitor="acc", rule="greater", patience=0, factor=0.3,
           metrics=[0.1, 0.2, 0.2, 0.3, 0.25, 0.25])], 30, epoch_length=4)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in glob.glob(os.path.join(OUT, "*")):
        if f.endswith((".yaml", ".csv", ".raises")):
            os.remove(f)
    with open(os.path.join(OUT, "README.md"), "w") as f:
        f.write("# mmengine golden cases\n\nMade by src/tools/golden/mmengine_schedulers.py from " + SOURCE
                + ", stepped as mmengine's runner does. One case per line: name, what it shows.\n\n")
        for name, note, *_ in CASES:
            f.write("- " + name + ": " + note + "\n")
    for name, note, lr, entries, steps, single, run_args in CASES:
        rows, raised = run(lr, entries, steps, **run_args)
        lines = ["# generated by src/tools/golden/mmengine_schedulers.py from mmengine's own code:",
                 "# " + SOURCE, "# " + note, "steps: %d" % steps, "schedules:", "  - name: " + name]
        if single:
            entry = dict(entries[0])
            lines.append("    type: mmengine." + entry.pop("type"))
            lines.append("    lr: " + value(lr))
            for k, v in entry.items():
                lines.append("    %s: %s" % (k, value(v)))
        else:
            lines.append("    type: mmengine.param_scheduler")
            lines.append("    lr: " + value(lr))
            lines.append("    schedulers:")
            for entry in entries:
                lines.append("      - " + mapping(entry))
        for k, v in run_args.items():
            if v is not None:
                lines.append("    %s: %s" % (k, value(v)))
        with open(os.path.join(OUT, name + ".yaml"), "w") as f:
            f.write("\n".join(lines) + "\n")
        with open(os.path.join(OUT, name + ".csv"), "w") as f:
            f.write("step," + name + "\n")
            for s, v in enumerate(rows):
                f.write("%d,%r\n" % (s, v))
        if raised is not None:
            with open(os.path.join(OUT, name + ".raises"), "w") as f:
                f.write("step: %d\n" % raised)
        print(name, len(rows), "rows", "raises at row %d" % raised if raised is not None else "")


if __name__ == "__main__":
    main()
