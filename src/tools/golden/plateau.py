#!/usr/bin/python3
"""Golden data for lrsched's plateau types (torch.ReduceLROnPlateau, hf.reduce_lr_on_plateau,
keras.ReduceLROnPlateau, timm.PlateauLRScheduler), made by the libraries' own code on recorded metric traces.

Run with Debian's interpreter (the one that has python3-torch 1.13):

    /usr/bin/python3 src/tools/golden/plateau.py --timm DIR --keras DIR

Sources:
- torch: the installed torch.optim.lr_scheduler.ReduceLROnPlateau (torch 1.13). torch main
  (pytorch/pytorch torch/optim/lr_scheduler.py at 008f727ece1520e12c25089a7969d5b8fca75f8e) has the same
  bookkeeping (it dropped `verbose` and deprecates step's `epoch`).
- hf: huggingface/transformers src/transformers/optimization.py at 005edacb6b5dabbf0843e92c6623de9e07ca6241:
  get_scheduler("reduce_lr_on_plateau", optimizer, num_warmup_steps, num_training_steps,
  scheduler_specific_kwargs) returns get_reduce_on_plateau_schedule(optimizer, **scheduler_specific_kwargs), which is
  `ReduceLROnPlateau(optimizer, **kwargs)`: num_warmup_steps and num_training_steps are not passed. The hf cases run
  torch's class with exactly those kwargs, stepped as Trainer._evaluate does (after an evaluation, every eval_steps
  updates).
- timm: DIR holds plateau_lr.py and scheduler.py of huggingface/pytorch-image-models timm/scheduler/ at
  aa4b5850c1543fa488abf260f18390eda46cf85d (both last changed in 31a85de79aad229c070c595c5ea0c43dfc95461e). They are
  imported as a package of their own (plateau_lr.py imports .scheduler); nothing else of timm is needed. The loop is
  train.py's: lr_scheduler.step(epoch + 1, latest_metric) after each epoch.
- keras: DIR holds keras/src/callbacks/reduce_lr_on_plateau.py and monitor_callback.py of keras-team/keras at
  3422977a5e38fb2f7709aaa9a08e47f0c43d0f60 (last changed in c559fa8cd50f1b6ee7984ff2b451457761b1e6a2 and
  37a0920a3d83efcb6754fe7f09d991484198f17a). Their imports are shimmed as Keras' numpy backend has them:
  backend.convert_to_numpy = np.array, ops.less/ops.greater = np.less/np.greater (keras/src/ops/numpy.py calls
  backend.numpy.less, which is np.less in keras/src/backend/numpy/numpy.py); keras_export = a no-op decorator,
  Callback = a base with .model, compile_utils = empty metric classes (the model lists no metrics), print_msg =
  print. The model's optimizer is shimmed as keras/src/optimizers/base_optimizer.py holds its learning rate: a
  backend.Variable of dtype floatx() (float32) that the setter assign()s, so the lr read back is float32. The
  callback's comparison and bookkeeping run unchanged. The loop is model.fit's: on_train_begin, then
  on_epoch_end(epoch, logs) after each epoch, logs holding the monitored metric.

For every case it writes src/test/resources/golden/plateau/<case>.yaml and .csv (`step,<case>`: row k = the lr in
use after k calls of the scheduler; with stepping: epoch, row u = the lr update u used, read just before
optimizer.step()), or .error when the library's constructor raised, and <case>.log.csv for cases whose spec names its
trace by a log. Rows past the trace are the lr with no further calls. Any other file in that directory is deleted.
"""

import argparse
import importlib
import math
import os
import random
import sys
import types
import warnings

import numpy as np
import torch
from torch.optim import lr_scheduler as S

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_yaml import yaml_number  # noqa: E402
from torch_golden import debian_version  # noqa: E402

warnings.filterwarnings("ignore")

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(REPO, "src", "test", "resources", "golden", "plateau")
EXTRA = 3  # rows after the last call


# ---------------------------------------------------------------- traces (plain data, seeded)

def noisy_decreasing(n, seed):
    r = random.Random(seed)
    return [round(2.0 * math.exp(-k / 8.0) + 0.35 + r.uniform(-0.06, 0.06), 6) for k in range(n)]


def rising_accuracy(n, seed):
    r = random.Random(seed)
    return [round(min(0.93, 0.5 + 0.03 * k) + r.uniform(-0.01, 0.01), 4) for k in range(n)]


TRACES = {
    "noisy": noisy_decreasing(40, 1),
    "noisy_long": noisy_decreasing(60, 7),
    "flat": [1.0] * 50,
    "accuracy": rising_accuracy(40, 3),
    # steps of 3% of the first value, then of 0.1%: with threshold 0.05, rel (5% of best) and abs (0.05, a quarter
    # of the values) disagree
    "threshold": [round(0.2 * v, 6) for v in (1.0, 0.97, 0.94, 0.91, 0.88, 0.85, 0.849, 0.848, 0.80, 0.799, 0.798,
                                              0.797, 0.796, 0.70, 0.699, 0.698, 0.697, 0.696, 0.695, 0.694, 0.693,
                                              0.692)],
    "negative": [-1.0, -1.05, -1.04, -1.1, -1.0999, -1.1001, -1.2, -1.19, -1.18, -1.17, -1.25, -1.24, -1.23],
    "with_nan": [0.9, 0.8, float("nan"), 0.85, 0.82, float("nan"), float("nan"), 0.7, 0.75, 0.76, 0.77, 0.78],
    "short": [0.5, 0.6, 0.7],
}


# ---------------------------------------------------------------- torch / hf

def torch_rows(lr, kwargs, trace):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=lr)
    sched = S.ReduceLROnPlateau(opt, **kwargs)
    rows = [opt.param_groups[0]["lr"]]
    for m in trace:
        sched.step(m)
        rows.append(opt.param_groups[0]["lr"])
    return rows + [rows[-1]] * EXTRA  # no further calls: torch leaves the lr as it is


def torch_updates(lr, kwargs, trace, updates_per_call):
    """The lr each update used, in a loop that steps the scheduler after every `updates_per_call` updates."""
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=lr)
    sched = S.ReduceLROnPlateau(opt, **kwargs)
    used = []
    calls = 0
    total = (len(trace) + 2) * updates_per_call
    for update in range(total):
        used.append(opt.param_groups[0]["lr"])  # just before optimizer.step()
        p.grad = torch.zeros(1)
        opt.step()
        global_step = update + 1
        if global_step % updates_per_call == 0 and calls < len(trace):
            sched.step(trace[calls])  # Trainer._evaluate / end of epoch
            calls += 1
    return used


# ---------------------------------------------------------------- timm

def load_timm(folder):
    package = types.ModuleType("timm_plateau_golden")
    package.__path__ = [folder]
    sys.modules["timm_plateau_golden"] = package
    return importlib.import_module("timm_plateau_golden.plateau_lr").PlateauLRScheduler


def timm_rows(cls, lr, kwargs, trace):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=lr)
    sched = cls(opt, **kwargs)
    rows = []
    for epoch, metric in enumerate(trace):
        rows.append(opt.param_groups[0]["lr"])  # the lr of epoch `epoch`
        sched.step(epoch + 1, metric)  # train.py: lr_scheduler.step(epoch_p_1, latest_metric)
    rows.append(opt.param_groups[0]["lr"])
    return rows + [rows[-1]] * EXTRA


# ---------------------------------------------------------------- keras

class _Callback:
    def __init__(self):
        self.model = None

    def set_model(self, model):
        self.model = model


class _Float32Optimizer:
    """Keras 3 BaseOptimizer's learning rate: a float32 variable, assigned on every set."""

    def __init__(self, learning_rate):
        self._value = np.float32(learning_rate)

    @property
    def learning_rate(self):
        return self._value

    @learning_rate.setter
    def learning_rate(self, value):
        self._value = np.float32(value)


def load_keras(folder):
    def module(name, **attrs):
        m = types.ModuleType(name)
        m.__dict__.update(attrs)
        sys.modules[name] = m
        return m

    module("keras")
    src = module("keras.src")
    src.backend = module("keras.src.backend", convert_to_numpy=np.array)  # numpy backend: np.array(x)
    # keras.ops.less/greater on eager values call the backend's; the numpy backend's are np.less/np.greater
    src.ops = module("keras.src.ops", less=np.less, greater=np.greater)
    module("keras.src.api_export", keras_export=lambda *a, **k: (lambda f: f))
    module("keras.src.callbacks")
    module("keras.src.callbacks.callback", Callback=_Callback)
    module("keras.src.trainers")
    src.trainers = sys.modules["keras.src.trainers"]
    src.trainers.compile_utils = module("keras.src.trainers.compile_utils",
                                        CompileMetrics=type("CompileMetrics", (), {}),
                                        MetricsList=type("MetricsList", (), {}))
    src.utils = module("keras.src.utils")
    src.utils.io_utils = module("keras.src.utils.io_utils", print_msg=print)

    def load(name, file):
        spec = importlib.util.spec_from_file_location(name, os.path.join(folder, file))
        m = importlib.util.module_from_spec(spec)
        sys.modules[name] = m
        spec.loader.exec_module(m)
        return m

    load("keras.src.callbacks.monitor_callback", "monitor_callback.py")
    return load("keras.src.callbacks.reduce_lr_on_plateau", "reduce_lr_on_plateau.py").ReduceLROnPlateau


def keras_rows(cls, lr, kwargs, trace):
    callback = cls(**kwargs)
    monitor = kwargs.get("monitor", "val_loss")
    model = types.SimpleNamespace(optimizer=_Float32Optimizer(lr), metrics=[])
    callback.set_model(model)
    callback.on_train_begin()
    rows = []
    for epoch, metric in enumerate(trace):
        rows.append(float(model.optimizer.learning_rate))
        callback.on_epoch_end(epoch, {monitor: metric, "loss": 0.0})
    rows.append(float(model.optimizer.learning_rate))
    return rows + [rows[-1]] * EXTRA


# ---------------------------------------------------------------- cases

# (name, library, lr, kwargs, trace key, how) with how: "inline", ("log", step column), ("updates", n)
CASES = [
    ("torch_noisy_default", "torch", 0.1, {}, "noisy_long", "inline"),
    ("torch_noisy_patience2", "torch", 0.1, {"factor": 0.5, "patience": 2}, "noisy", "inline"),
    ("torch_flat_default", "torch", 0.01, {}, "flat", "inline"),
    ("torch_max_accuracy", "torch", 0.05, {"mode": "max", "patience": 3, "factor": 0.2}, "accuracy", "inline"),
    ("torch_threshold_rel", "torch", 1.0, {"threshold": 0.05, "patience": 1, "factor": 0.5}, "threshold", "inline"),
    ("torch_threshold_abs", "torch", 1.0, {"threshold": 0.05, "threshold_mode": "abs", "patience": 1,
                                           "factor": 0.5}, "threshold", "inline"),
    ("torch_max_abs", "torch", 0.05, {"mode": "max", "threshold_mode": "abs", "threshold": 0.01, "patience": 2},
     "accuracy", "inline"),
    ("torch_cooldown", "torch", 0.1, {"patience": 1, "cooldown": 3, "factor": 0.5}, "flat", "inline"),
    ("torch_min_lr", "torch", 0.1, {"patience": 2, "min_lr": 1e-4}, "flat", "inline"),
    ("torch_eps_blocks_tiny_lr", "torch", 1e-7, {"patience": 0, "factor": 0.5, "eps": 1e-7}, "flat", "inline"),
    ("torch_eps_blocks_near_min_lr", "torch", 0.1, {"patience": 1, "factor": 0.5, "min_lr": 0.1 - 5e-9},
     "flat", "inline"),
    ("torch_negative_metric_rel", "torch", 0.1, {"patience": 1, "threshold": 0.01}, "negative", "inline"),
    ("torch_nan_metric", "torch", 0.1, {"patience": 1, "factor": 0.5}, "with_nan", "inline"),
    ("torch_negative_factor", "torch", 0.1, {"patience": 0, "factor": -0.5}, "short", "inline"),
    ("torch_log_epoch_column", "torch", 0.1, {"factor": 0.5, "patience": 2}, "noisy", ("log", "epoch")),
    ("torch_log_step_column", "torch", 0.1, {"factor": 0.5, "patience": 2}, "noisy", ("log", "step")),
    ("torch_stepping_epoch", "torch", 0.1, {"factor": 0.5, "patience": 2}, "noisy", ("updates", 3)),
    ("torch_factor_one", "torch", 0.1, {"factor": 1.0}, "short", "inline"),
    ("torch_mode_unknown", "torch", 0.1, {"mode": "mean"}, "short", "inline"),
    ("torch_threshold_mode_unknown", "torch", 0.1, {"threshold_mode": "relative"}, "short", "inline"),

    ("hf_defaults", "hf", 5e-5, {}, "noisy_long", "inline"),
    ("hf_kwargs", "hf", 3e-4, {"mode": "min", "factor": 0.5, "patience": 1, "cooldown": 1}, "noisy", "inline"),
    ("hf_eval_steps", "hf", 3e-4, {"factor": 0.5, "patience": 1}, "noisy", ("updates", 25)),
    ("hf_factor_one", "hf", 3e-4, {"factor": 1.5}, "short", "inline"),

    ("keras_val_loss_auto", "keras", 0.001, {"patience": 2}, "noisy", "inline"),
    ("keras_defaults", "keras", 0.01, {}, "noisy_long", "inline"),
    ("keras_accuracy_max", "keras", 0.05, {"monitor": "val_accuracy", "mode": "max", "patience": 3,
                                           "factor": 0.2}, "accuracy", "inline"),
    ("keras_min_delta_zero", "keras", 0.05, {"mode": "min", "patience": 1, "min_delta": 0.0}, "threshold",
     "inline"),
    ("keras_negative_min_delta", "keras", 0.05, {"patience": 1, "min_delta": -0.05}, "threshold", "inline"),
    ("keras_mode_max", "keras", 0.05, {"monitor": "val_auc", "mode": "max", "patience": 2, "min_delta": 0.01},
     "accuracy", "inline"),
    ("keras_flat_cooldown", "keras", 0.1, {"patience": 1, "cooldown": 2, "factor": 0.5}, "flat", "inline"),
    ("keras_min_lr", "keras", 0.1, {"patience": 1, "min_lr": 1e-3, "factor": 0.3}, "flat", "inline"),
    ("keras_min_lr_not_float32", "keras", 0.1, {"patience": 0, "min_lr": 0.0123456789, "factor": 0.5}, "flat",
     "inline"),
    ("keras_patience_zero", "keras", 0.1, {"patience": 0, "factor": 0.5}, "short", "inline"),
    ("keras_nan_metric", "keras", 0.1, {"patience": 1, "factor": 0.5}, "with_nan", "inline"),
    ("keras_log", "keras", 0.001, {"patience": 2}, "noisy", ("log", "epoch")),
    ("keras_factor_one", "keras", 0.1, {"factor": 1.0}, "short", "inline"),

    ("timm_defaults_max", "timm", 0.1, {}, "accuracy", "inline"),
    ("timm_min_loss", "timm", 0.1, {"mode": "min", "patience_t": 2, "decay_rate": 0.5}, "noisy", "inline"),
    ("timm_warmup", "timm", 0.3, {"mode": "min", "patience_t": 1, "decay_rate": 0.5, "warmup_t": 3,
                                  "warmup_lr_init": 1e-4}, "noisy", "inline"),
    ("timm_warmup_no_init", "timm", 0.3, {"mode": "min", "patience_t": 0, "warmup_t": 5, "cooldown_t": 2,
                                          "lr_min": 1e-3}, "flat", "inline"),
    ("timm_threshold_cooldown", "timm", 0.05, {"mode": "max", "patience_t": 2, "threshold": 0.02,
                                               "cooldown_t": 2}, "accuracy", "inline"),
    ("timm_decay_rate_one", "timm", 0.1, {"decay_rate": 1.0}, "short", "inline"),
]

# lrsched's parameter names, where the library's differ (the kwargs are the library's)
LR_KEY = {"torch": "lr", "hf": "lr", "keras": "learning_rate", "timm": "lr"}
TYPE = {"torch": "torch.ReduceLROnPlateau", "hf": "hf.reduce_lr_on_plateau", "keras": "keras.ReduceLROnPlateau",
        "timm": "timm.PlateauLRScheduler"}
# the parameter a constructor error is about, by the library's kwarg
ERROR_PARAM = {"factor": "factor", "mode": "mode", "threshold_mode": "threshold_mode", "decay_rate": "decay_rate"}


def trace_text(v):
    if math.isnan(v):
        return "nan"
    return yaml_number(v)


def write_case(name, lib, lr, kwargs, trace_key, how, header, runners):
    trace = TRACES[trace_key]
    spec = [header, "schedules:", "  - name: " + name, "    type: " + TYPE[lib],
            "    %s: %s" % (LR_KEY[lib], yaml_number(lr))]
    if lib == "hf":
        spec.append("    num_warmup_steps: 10  # dropped by get_scheduler")
    for k, v in kwargs.items():
        spec.append("    %s: %s" % (k, v if isinstance(v, str) else yaml_number(v)))
    metric = "val_accuracy" if trace_key == "accuracy" else "val_loss"
    if isinstance(how, tuple) and how[0] == "log":
        log = name + ".log.csv"
        with open(os.path.join(OUT, log), "w") as f:
            if how[1] == "epoch":
                f.write("epoch,%s,lr\n" % metric)
                for e, v in enumerate(trace):
                    f.write("%d,%s,0.1\n" % (e, repr(v)))
            else:  # Lightning-like: sparse rows, the metric on its own rows at each epoch's last step
                f.write("step,train_loss,%s\n" % metric)
                for e, v in enumerate(trace):
                    f.write("%d,0.5,\n" % (e * 10 + 4))
                    f.write("%d,,%s\n" % (e * 10 + 9, repr(v)))
        spec.append("    metrics: {log: %s, column: %s%s}" % (log, metric,
                                                              ", step: epoch" if how[1] == "epoch" else ""))
    else:
        spec.append("    metrics: [" + ", ".join(trace_text(v) for v in trace) + "]")
    updates = how[1] if isinstance(how, tuple) and how[0] == "updates" else None
    if updates:
        spec += ["    stepping: epoch", "    steps_per_epoch: %d" % updates]
    try:
        if updates:
            rows = torch_updates(lr, kwargs, trace, updates)
        else:
            rows = runners[lib](lr, kwargs, trace)
    except ValueError as e:
        key = next(k for k in kwargs if k in ERROR_PARAM)
        with open(os.path.join(OUT, name + ".yaml"), "w") as f:
            f.write("\n".join(spec) + "\n")
        with open(os.path.join(OUT, name + ".error"), "w") as f:
            f.write("param: %s\nmessage: %s\n" % (ERROR_PARAM[key], e))
        return
    with open(os.path.join(OUT, name + ".yaml"), "w") as f:
        f.write("\n".join(spec) + "\n")
    with open(os.path.join(OUT, name + ".csv"), "w") as f:
        f.write("step,%s\n" % name)
        for k, v in enumerate(rows):
            f.write("%d,%r\n" % (k, v))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timm", required=True, help="folder with timm/scheduler/plateau_lr.py and scheduler.py")
    parser.add_argument("--keras", required=True, help="folder with keras/src/callbacks/reduce_lr_on_plateau.py "
                        "and monitor_callback.py")
    args = parser.parse_args()
    timm_cls = load_timm(os.path.abspath(args.timm))
    keras_cls = load_keras(os.path.abspath(args.keras))
    runners = {
        "torch": torch_rows,
        "hf": torch_rows,  # get_reduce_on_plateau_schedule = ReduceLROnPlateau(optimizer, **kwargs)
        "timm": lambda lr, kw, tr: timm_rows(timm_cls, lr, kw, tr),
        "keras": lambda lr, kw, tr: keras_rows(keras_cls, lr, kw, tr),
    }
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    header = ("# Generated by src/tools/golden/plateau.py with torch %s (Debian python3-torch %s), numpy %s.\n"
              "# Row k = the lr after k calls of the scheduler (rows past the trace: no further calls)."
              % (torch.__version__, debian_version(), np.__version__))
    for name, lib, lr, kwargs, trace_key, how in CASES:
        write_case(name, lib, lr, kwargs, trace_key, how, header, runners)
    with open(os.path.join(OUT, "README.md"), "w") as f:
        f.write("Made by src/tools/golden/plateau.py (see its docstring for the sources and commits); do not edit.\n"
                "Each <case>.yaml is a spec whose metrics trace drove the library's own scheduler; <case>.csv holds\n"
                "`step,<case>` rows (the lr after k calls, or per update with stepping: epoch), <case>.error the\n"
                "parameter the library's constructor refused, <case>.log.csv the log a spec names.\n\n"
                "| case | library | kwargs | trace | form |\n|---|---|---|---|---|\n")
        for name, lib, lr, kwargs, trace_key, how in CASES:
            form = how if isinstance(how, str) else "%s (%s)" % how
            f.write("| %s | %s | lr=%r %s | %s | %s |\n" % (name, lib, lr, " ".join(
                "%s=%r" % kv for kv in kwargs.items()), trace_key, form))


if __name__ == "__main__":
    main()
