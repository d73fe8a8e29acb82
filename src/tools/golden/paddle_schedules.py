#!/usr/bin/python3
"""Golden data for lrsched's paddle.* types, made by PaddlePaddle's own scheduler module.

Paddle is not installable here (no PyPI), so its module is used unchanged from a scratch folder outside the
repository, the first argument (default /tmp/scratch-paddle), holding

  python/paddle/optimizer/lr.py   PaddlePaddle/Paddle python/paddle/optimizer/lr.py
                                  at 00816fcb21ade6ad4425774b0e989c8098c6d324 (129,007 characters)

It is loaded as the module paddle.optimizer.lr; its imports are shimmed: paddle.Tensor and paddle.base.core.eager.Tensor
are empty classes (no value here is one), paddle.base.framework's Variable is an empty class, default_main_program
and in_dygraph_mode, paddle.base.data_feeder.check_type and paddle.base.layer_helper.LayerHelper are stubs that only
the static-graph helper functions at the end of the module call (never called here). The scheduler classes are
plain Python floats, math and numpy: no arithmetic is touched.

Calling convention (Paddle's documented per-iteration use): the scheduler is built (its constructor calls step()
once, so last_epoch is 0), and scheduler.step() is called once after each optimizer.step(). Row s is scheduler()
(last_lr), the learning rate the optimizer uses for its s-th update (0-based), i.e. after s calls of step().
ReduceOnPlateau: row 0 is learning_rate, row k follows scheduler.step(metrics[k-1]); past the trace the rate stays.
A step that raises ends the case: CASE.raises names the first row that cannot be computed. A constructor that
raises gives CASE.error (param: the parameter lrsched blames, message: "ExceptionType: Paddle's message").

Writes src/test/resources/golden/paddle/CASE.yaml (lrsched spec), CASE.csv (step,CASE; Python repr, exact),
CASE.raises and CASE.error, deleting the other files it owns there.
Run: /usr/bin/python3 src/tools/golden/paddle_schedules.py /tmp/scratch-paddle
"""
import glob
import importlib.util
import math
import os
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "test", "resources", "golden", "paddle"))
SCRATCH = sys.argv[1] if len(sys.argv) > 1 else "/tmp/scratch-paddle"
SOURCE = "PaddlePaddle/Paddle python/paddle/optimizer/lr.py@00816fcb21ade6ad4425774b0e989c8098c6d324"


def module(name, **attrs):
    """A shim module named name with attrs, registered in sys.modules."""
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    sys.modules[name] = m
    return m


def load_file(name, path):
    """The module at path, loaded unchanged as name (registered in sys.modules)."""
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def clean(folder, suffixes=(".yaml", ".csv", ".error", ".run"), recursive=False):
    """Creates folder, and deletes the files with these suffixes a generator owns there."""
    os.makedirs(folder, exist_ok=True)
    pattern = os.path.join(folder, "**", "*") if recursive else os.path.join(folder, "*")
    for f in glob.glob(pattern, recursive=recursive):
        if f.endswith(suffixes):
            os.remove(f)


def write_rows(path, column, rows):
    """step,<column> and row s's value as Python's repr (exact)."""
    with open(path, "w") as f:
        f.write("step," + column + "\n")
        for s, v in enumerate(rows):
            f.write("%d,%r\n" % (s, float(v)))


def load():
    class Tensor:  # no value passed here is a Tensor
        pass

    def unused(*a, **k):
        raise AssertionError("static-graph helper called")

    module("paddle", Tensor=Tensor).__path__ = []
    module("paddle.base", core=types.SimpleNamespace(eager=types.SimpleNamespace(Tensor=Tensor))).__path__ = []
    module("paddle.base.core", eager=types.SimpleNamespace(Tensor=Tensor))
    module("paddle.base.data_feeder", check_type=unused)
    module("paddle.base.framework", Variable=type("Variable", (), {}), default_main_program=unused,
           in_dygraph_mode=unused)
    module("paddle.base.layer_helper", LayerHelper=unused)
    module("paddle.optimizer").__path__ = []
    return load_file("paddle.optimizer.lr", os.path.join(SCRATCH, "python", "paddle", "optimizer", "lr.py"))


LR = load()
FORMULAS = ("lr_lambda", "scale_fn")  # lrsched formulas of epoch (lr_lambda) or x (scale_fn)


def instantiate(cls_name, kwargs):
    args = {}
    for k, v in kwargs.items():
        if isinstance(v, dict):  # a nested paddle schedule (LinearWarmup's learning_rate)
            inner = dict(v)
            args[k] = instantiate(inner.pop("type"), inner)
        elif k == "lr_lambda":
            args[k] = eval("lambda epoch: " + v, {"math": math})
        elif k == "scale_fn":
            args[k] = eval("lambda x: " + v, {"math": math})
        else:
            args[k] = v
    return getattr(LR, cls_name)(**args)


def value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if isinstance(v, dict):
        inner = dict(v)
        return "{type: paddle." + inner.pop("type") + "".join(", %s: %s" % (k, value(x)) for k, x in inner.items()) + "}"
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, str):
        return '"' + v + '"'
    return str(v)


CASES = []


def case(name, note, cls, steps, **kwargs):
    CASES.append((name, note, cls, steps, kwargs, None))


def refused(name, note, cls, param, **kwargs):
    CASES.append((name, note, cls, 0, kwargs, param))


# defaults and each class alone
case("noam", "NoamDecay: row 0 is 0 (epoch 0 * warmup^-1.5), peak at warmup_steps", "NoamDecay", 300,
     d_model=512, warmup_steps=100)
case("noam_lr", "NoamDecay with a learning_rate factor and a float d_model", "NoamDecay", 60,
     d_model=0.01, warmup_steps=20, learning_rate=0.5)
case("piecewise", "PiecewiseDecay: values[i] while epoch < boundaries[i]", "PiecewiseDecay", 30,
     boundaries=[3, 6, 9], values=[0.1, 0.2, 0.3, 0.4])
case("piecewise_extra_values", "PiecewiseDecay with more values than boundaries + 1: the last one follows",
     "PiecewiseDecay", 12, boundaries=[2, 5], values=[1.0, 0.5, 0.25, 0.125])
case("piecewise_unsorted", "PiecewiseDecay does not sort: the first boundary above epoch wins", "PiecewiseDecay",
     14, boundaries=[8, 4], values=[0.3, 0.2, 0.1])
case("natural_exp", "NaturalExpDecay: lr * exp(-gamma * epoch)", "NaturalExpDecay", 100,
     learning_rate=0.5, gamma=0.1)
case("inverse_time", "InverseTimeDecay: lr / (1 + gamma * epoch)", "InverseTimeDecay", 100,
     learning_rate=0.5, gamma=0.1)
case("inverse_time_zero", "InverseTimeDecay with a negative gamma divides by zero at epoch 4", "InverseTimeDecay",
     10, learning_rate=0.5, gamma=-0.25)
case("polynomial", "PolynomialDecay defaults: linear to end_lr 1e-4, then constant", "PolynomialDecay", 40,
     learning_rate=0.5, decay_steps=20)
case("polynomial_power", "PolynomialDecay power 2", "PolynomialDecay", 40,
     learning_rate=0.1, decay_steps=25, end_lr=0.001, power=2.0)
case("polynomial_cycle", "PolynomialDecay cycle: decay_steps * ceil(epoch / decay_steps), epoch 0 special",
     "PolynomialDecay", 70, learning_rate=0.5, decay_steps=10, end_lr=0.01, power=0.5, cycle=True)
case("warmup_number", "LinearWarmup around a number: jumps from end_lr's line to learning_rate", "LinearWarmup", 30,
     learning_rate=0.5, warmup_steps=20, start_lr=0.0, end_lr=0.4)
case("warmup_number_same", "LinearWarmup around a number equal to end_lr", "LinearWarmup", 15,
     learning_rate=0.5, warmup_steps=10, start_lr=0.05, end_lr=0.5)
case("warmup_cosine", "LinearWarmup around CosineAnnealingDecay: the inner schedule gets step(epoch - warmup), "
     "its closed form", "LinearWarmup", 140,
     learning_rate=dict(type="CosineAnnealingDecay", learning_rate=0.5, T_max=50, eta_min=0.01), warmup_steps=10,
     start_lr=0.0, end_lr=0.5)
case("warmup_piecewise", "LinearWarmup around PiecewiseDecay", "LinearWarmup", 40,
     learning_rate=dict(type="PiecewiseDecay", boundaries=[10, 20], values=[0.1, 0.01, 0.001]), warmup_steps=5,
     start_lr=0.01, end_lr=0.1)
case("warmup_restarts", "LinearWarmup around CosineAnnealingWarmRestarts with T_mult 2: the epoch form (float T_cur "
     "from math.log)", "LinearWarmup", 200,
     learning_rate=dict(type="CosineAnnealingWarmRestarts", learning_rate=0.1, T_0=5, T_mult=2, eta_min=0.001),
     warmup_steps=8, start_lr=0.0, end_lr=0.1)
case("warmup_linear_lr", "LinearWarmup around LinearLR (recursive, stepped with epochs in order)", "LinearWarmup",
     40, learning_rate=dict(type="LinearLR", learning_rate=0.2, total_steps=15, start_factor=0.5), warmup_steps=6,
     start_lr=0.0, end_lr=0.2)
case("warmup_onecycle", "LinearWarmup around OneCycleLR raises when the inner one passes total_steps",
     "LinearWarmup", 40, learning_rate=dict(type="OneCycleLR", max_learning_rate=0.1, total_steps=20),
     warmup_steps=5, start_lr=0.0, end_lr=0.05)
case("warmup_nested_warmup", "LinearWarmup around LinearWarmup around ExponentialDecay", "LinearWarmup", 40,
     learning_rate=dict(type="LinearWarmup", learning_rate=dict(type="ExponentialDecay", learning_rate=0.3,
                                                                  gamma=0.9),
                        warmup_steps=4, start_lr=0.1, end_lr=0.3), warmup_steps=3, start_lr=0.0, end_lr=0.1)
case("exponential", "ExponentialDecay: lr * gamma ** epoch (closed form)", "ExponentialDecay", 120,
     learning_rate=0.5, gamma=0.9)
case("multistep", "MultiStepDecay defaults", "MultiStepDecay", 60, learning_rate=0.5, milestones=[30, 50])
case("multistep_gamma", "MultiStepDecay gamma 0.8", "MultiStepDecay", 12, learning_rate=0.5, milestones=[2, 4, 6],
     gamma=0.8)
case("step", "StepDecay defaults", "StepDecay", 40, learning_rate=0.5, step_size=10)
case("step_gamma", "StepDecay gamma 0.8", "StepDecay", 30, learning_rate=0.5, step_size=5, gamma=0.8)
case("lambda", "LambdaDecay: lr * lr_lambda(epoch)", "LambdaDecay", 50, learning_rate=0.5, lr_lambda="0.95 ** epoch")
case("lambda_warmup", "LambdaDecay with a min() formula", "LambdaDecay", 50, learning_rate=0.1,
     lr_lambda="min(1.0, (epoch + 1) / 10)")
case("multiplicative", "MultiplicativeDecay with a constant lambda: repeated products, not a power",
     "MultiplicativeDecay", 200, learning_rate=0.5, lr_lambda="0.95")
case("multiplicative_epoch", "MultiplicativeDecay with a lambda of epoch", "MultiplicativeDecay", 80,
     learning_rate=0.5, lr_lambda="1 - 0.01 * (epoch % 3)")
case("cosine", "CosineAnnealingDecay (recursive), past T_max it rises again", "CosineAnnealingDecay", 60,
     learning_rate=0.5, T_max=10)
case("cosine_eta_min", "CosineAnnealingDecay with eta_min, 8 periods: the recursion drifts from the closed form",
     "CosineAnnealingDecay", 1000, learning_rate=0.1, T_max=61, eta_min=0.001)
case("onecycle", "OneCycleLR defaults: cos, two phases, row total_steps is the last", "OneCycleLR", 101,
     max_learning_rate=1.0, total_steps=100)
case("onecycle_raises", "OneCycleLR raises past total_steps", "OneCycleLR", 40, max_learning_rate=0.1,
     total_steps=30)
case("onecycle_three_linear", "OneCycleLR three_phase linear: initial -> max -> initial -> end_learning_rate",
     "OneCycleLR", 81, max_learning_rate=0.1, total_steps=80, divide_factor=10.0, end_learning_rate=1e-5,
     phase_pct=0.25, anneal_strategy="linear", three_phase=True)
case("onecycle_three_cos", "OneCycleLR three_phase cos with fractional phase ends", "OneCycleLR", 38,
     max_learning_rate=0.05, total_steps=37, phase_pct=0.3, three_phase=True)
case("onecycle_full_pct", "OneCycleLR phase_pct 1.0: row total_steps divides by zero", "OneCycleLR", 12,
     max_learning_rate=0.1, total_steps=10, phase_pct=1.0)
case("cyclic", "CyclicLR triangular, asymmetric", "CyclicLR", 100, base_learning_rate=0.5, max_learning_rate=1.0,
     step_size_up=15, step_size_down=5)
case("cyclic_triangular2", "CyclicLR triangular2 halves the amplitude each cycle", "CyclicLR", 90,
     base_learning_rate=0.001, max_learning_rate=0.01, step_size_up=10, mode="triangular2")
case("cyclic_exp_range", "CyclicLR exp_range: exp_gamma ** iterations", "CyclicLR", 90, base_learning_rate=0.001,
     max_learning_rate=0.01, step_size_up=7, step_size_down=13, mode="exp_range", exp_gamma=0.98)
case("cyclic_scale_fn", "CyclicLR scale_fn by iterations", "CyclicLR", 60, base_learning_rate=0.1,
     max_learning_rate=0.3, step_size_up=6, scale_fn="1 / (1 + x / 20)", scale_mode="iterations")
case("linear_lr", "LinearLR defaults (recursive), frozen after total_steps", "LinearLR", 20, learning_rate=0.5,
     total_steps=5)
case("linear_lr_decay", "LinearLR from 1.0 down to end_factor 0.05", "LinearLR", 120, learning_rate=0.1,
     total_steps=100, start_factor=1.0, end_factor=0.05)
case("restarts", "CosineAnnealingWarmRestarts T_mult 1", "CosineAnnealingWarmRestarts", 50, learning_rate=0.5,
     T_0=10)
case("restarts_mult", "CosineAnnealingWarmRestarts T_mult 2, eta_min", "CosineAnnealingWarmRestarts", 160,
     learning_rate=0.1, T_0=5, T_mult=2, eta_min=0.001)
# ReduceOnPlateau (metric traces)
case("plateau_min", "ReduceOnPlateau defaults except patience: the first metric is the best", "ReduceOnPlateau",
     None, learning_rate=1.0, patience=2,
     metrics=[1.0, 0.9, 0.95, 0.97, 0.96, 0.8, 0.85, 0.86, 0.87, 0.9, 0.7, 0.7, 0.7, 0.7, 0.7])
case("plateau_max_abs", "ReduceOnPlateau mode max, threshold_mode abs", "ReduceOnPlateau", None,
     learning_rate=0.1, mode="max", factor=0.5, patience=1, threshold=0.01, threshold_mode="abs",
     metrics=[0.5, 0.505, 0.6, 0.605, 0.609, 0.62, 0.625, 0.628, 0.7, 0.701, 0.702, 0.703])
case("plateau_cooldown", "ReduceOnPlateau cooldown: metrics in cooldown are not compared at all", "ReduceOnPlateau",
     None, learning_rate=0.1, factor=0.5, patience=0, cooldown=2,
     metrics=[1.0, 1.1, 0.5, 0.4, 1.2, 1.3, 0.3, 0.35, 0.36, 0.37, 0.38, 0.2, 0.2])
case("plateau_min_lr", "ReduceOnPlateau min_lr and epsilon: a reduction smaller than epsilon is skipped",
     "ReduceOnPlateau", None, learning_rate=0.01, factor=0.5, patience=0, min_lr=0.002, epsilon=1e-3,
     metrics=[3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0])
case("plateau_upper_mode", "ReduceOnPlateau lower-cases mode and threshold_mode", "ReduceOnPlateau", None,
     learning_rate=0.2, mode="MAX", threshold_mode="Rel", patience=0, factor=0.25,
     metrics=[1.0, 1.00005, 1.2, 1.1, 1.0, 0.9])
case("plateau_nan_first", "ReduceOnPlateau: a first NaN becomes the best; nothing improves on it", "ReduceOnPlateau",
     None, learning_rate=0.1, patience=1, metrics=[float("nan"), 1.0, 0.5, 0.2, 0.1])
case("plateau_negative", "ReduceOnPlateau rel threshold on negative metrics (best - best * threshold)",
     "ReduceOnPlateau", None, learning_rate=0.1, patience=0, threshold=0.1,
     metrics=[-1.0, -1.05, -1.2, -1.25, -1.4])
# refusals: Paddle's own exceptions when the scheduler is built
refused("bad_noam_d_model", "NoamDecay d_model <= 0", "NoamDecay", "d_model", d_model=0, warmup_steps=10)
refused("bad_noam_warmup", "NoamDecay warmup_steps 0", "NoamDecay", "warmup_steps", d_model=16, warmup_steps=0)
refused("bad_lr", "a negative learning_rate (LRScheduler)", "StepDecay", "learning_rate", learning_rate=-0.1,
        step_size=3)
refused("bad_piecewise_empty", "PiecewiseDecay with no boundaries", "PiecewiseDecay", "boundaries", boundaries=[],
        values=[0.1])
refused("bad_piecewise_values", "PiecewiseDecay with too few values", "PiecewiseDecay", "values",
        boundaries=[3, 6], values=[0.1, 0.2])
refused("bad_natural_exp_gamma", "NaturalExpDecay gamma <= 0", "NaturalExpDecay", "gamma", learning_rate=0.1,
        gamma=0.0)
refused("bad_polynomial_steps", "PolynomialDecay decay_steps <= 0", "PolynomialDecay", "decay_steps",
        learning_rate=0.1, decay_steps=0)
refused("bad_polynomial_power", "PolynomialDecay power <= 0", "PolynomialDecay", "power", learning_rate=0.1,
        decay_steps=10, power=0.0)
refused("bad_warmup_steps", "LinearWarmup warmup_steps <= 0", "LinearWarmup", "warmup_steps", learning_rate=0.1,
        warmup_steps=0, start_lr=0.0, end_lr=0.1)
refused("bad_warmup_order", "LinearWarmup end_lr <= start_lr", "LinearWarmup", "end_lr", learning_rate=0.1,
        warmup_steps=5, start_lr=0.1, end_lr=0.1)
refused("bad_warmup_start", "LinearWarmup with a negative start_lr (the base class checks it)", "LinearWarmup",
        "start_lr", learning_rate=0.1, warmup_steps=5, start_lr=-0.1, end_lr=0.1)
refused("bad_exponential_gamma", "ExponentialDecay gamma outside (0, 1)", "ExponentialDecay", "gamma",
        learning_rate=0.1, gamma=1.0)
refused("bad_multistep_order", "MultiStepDecay milestones not increasing", "MultiStepDecay", "milestones",
        learning_rate=0.1, milestones=[5, 5])
refused("bad_multistep_gamma", "MultiStepDecay gamma >= 1", "MultiStepDecay", "gamma", learning_rate=0.1,
        milestones=[5], gamma=1.5)
refused("bad_step_gamma", "StepDecay gamma >= 1", "StepDecay", "gamma", learning_rate=0.1, step_size=5, gamma=1.0)
refused("bad_step_size", "StepDecay step_size <= 0", "StepDecay", "step_size", learning_rate=0.1, step_size=0)
refused("bad_plateau_mode", "ReduceOnPlateau unknown mode", "ReduceOnPlateau", "mode", learning_rate=0.1,
        mode="mean", metrics=[1.0])
refused("bad_plateau_factor", "ReduceOnPlateau factor >= 1", "ReduceOnPlateau", "factor", learning_rate=0.1,
        factor=1.0, metrics=[1.0])
refused("bad_plateau_threshold_mode", "ReduceOnPlateau unknown threshold_mode", "ReduceOnPlateau",
        "threshold_mode", learning_rate=0.1, threshold_mode="relative", metrics=[1.0])
refused("bad_cosine_t_max", "CosineAnnealingDecay T_max <= 0", "CosineAnnealingDecay", "T_max", learning_rate=0.1,
        T_max=0)
refused("bad_onecycle_max", "OneCycleLR negative max_learning_rate", "OneCycleLR", "max_learning_rate",
        max_learning_rate=-1.0, total_steps=10)
refused("bad_onecycle_end", "OneCycleLR negative end_learning_rate", "OneCycleLR", "end_learning_rate",
        max_learning_rate=0.1, total_steps=10, end_learning_rate=-0.1)
refused("bad_onecycle_total", "OneCycleLR total_steps <= 0", "OneCycleLR", "total_steps", max_learning_rate=0.1,
        total_steps=0)
refused("bad_onecycle_pct", "OneCycleLR phase_pct > 1", "OneCycleLR", "phase_pct", max_learning_rate=0.1,
        total_steps=10, phase_pct=1.5)
refused("bad_onecycle_three_pct", "OneCycleLR three_phase with phase_pct >= 0.5", "OneCycleLR", "phase_pct",
        max_learning_rate=0.1, total_steps=10, phase_pct=0.5, three_phase=True)
refused("bad_onecycle_anneal", "OneCycleLR unknown anneal_strategy", "OneCycleLR", "anneal_strategy",
        max_learning_rate=0.1, total_steps=10, anneal_strategy="cosine")
refused("bad_onecycle_zero_phase", "OneCycleLR whose first phase has zero length", "OneCycleLR", "phase_pct",
        max_learning_rate=0.1, total_steps=10, phase_pct=0.1)
refused("bad_cyclic_max", "CyclicLR negative max_learning_rate", "CyclicLR", "max_learning_rate",
        base_learning_rate=0.1, max_learning_rate=-0.5, step_size_up=5)
refused("bad_cyclic_up", "CyclicLR step_size_up <= 0", "CyclicLR", "step_size_up", base_learning_rate=0.1,
        max_learning_rate=0.5, step_size_up=0)
refused("bad_cyclic_down", "CyclicLR step_size_down <= 0", "CyclicLR", "step_size_down", base_learning_rate=0.1,
        max_learning_rate=0.5, step_size_up=5, step_size_down=-2)
refused("bad_cyclic_mode", "CyclicLR unknown mode without scale_fn", "CyclicLR", "mode", base_learning_rate=0.1,
        max_learning_rate=0.5, step_size_up=5, mode="triangle")
refused("bad_cyclic_scale_mode", "CyclicLR unknown scale_mode", "CyclicLR", "scale_mode", base_learning_rate=0.1,
        max_learning_rate=0.5, step_size_up=5, scale_mode="epoch")
refused("bad_cyclic_base", "CyclicLR negative base_learning_rate (the base class checks it)", "CyclicLR",
        "base_learning_rate", base_learning_rate=-0.1, max_learning_rate=0.5, step_size_up=5)
refused("bad_linear_lr_start", "LinearLR start_factor 0", "LinearLR", "start_factor", learning_rate=0.1,
        total_steps=5, start_factor=0.0)
refused("bad_linear_lr_end", "LinearLR end_factor > 1", "LinearLR", "end_factor", learning_rate=0.1,
        total_steps=5, end_factor=1.5)
refused("bad_linear_lr_total", "LinearLR total_steps <= 0", "LinearLR", "total_steps", learning_rate=0.1,
        total_steps=0)
refused("bad_restarts_t0", "CosineAnnealingWarmRestarts T_0 <= 0", "CosineAnnealingWarmRestarts", "T_0",
        learning_rate=0.1, T_0=0)
refused("bad_restarts_mult", "CosineAnnealingWarmRestarts T_mult < 1", "CosineAnnealingWarmRestarts", "T_mult",
        learning_rate=0.1, T_0=5, T_mult=0)


def run(cls, steps, kwargs):
    """The rows, and the first row that raised (or None)."""
    if cls == "ReduceOnPlateau":
        kwargs = dict(kwargs)
        metrics = kwargs.pop("metrics")
        sch = instantiate(cls, kwargs)
        rows = [sch()]
        for m in metrics:
            sch.step(m)
            rows.append(sch())
        return rows, None
    return stepped_rows(instantiate(cls, kwargs), steps)


def stepped_rows(sch, steps):
    """sch() after 0, 1, ... calls of sch.step(), and the first row that raised (or None)."""
    rows = []
    for s in range(steps):
        rows.append(sch())
        if s + 1 < steps:
            try:
                sch.step()
            except (ValueError, ZeroDivisionError):
                return rows, s + 1
    return rows, None


def sampler_len(dataset_size, batch_size, drop_last, nranks):
    """Paddle's DistributedBatchSampler(dataset, batch_size, drop_last=drop_last) on nranks processes: len()
    (acc_steps 1), with the expressions of PaddlePaddle/Paddle python/paddle/io/dataloader/batch_sampler.py at
    01fbd77c319d09de4211282672149f2d8e0b18ac (PaddleOCR's and PaddleDetection's train loaders)."""
    num_samples = int(math.ceil(dataset_size * 1.0 / nranks))  # __init__
    local_batch_size = batch_size * 1  # __len__
    num_samples += int(not drop_last) * (local_batch_size - 1)
    return num_samples // local_batch_size


def write_cases(out, cases, script, source, what, prefix, refuse, run):
    """Writes each case of `cases` (name, note, class, steps, kwargs, blamed param) into `out`: CASE.yaml (an lrsched
    spec of type prefix + class), then CASE.error when `refuse(cls, kwargs)` raises, else CASE.csv (and CASE.raises)
    from `run(cls, steps, kwargs)`; README.md lists the cases. Shared with paddleocr_schedules.py."""
    os.makedirs(out, exist_ok=True)
    for f in glob.glob(os.path.join(out, "*")):
        if f.endswith((".yaml", ".csv", ".raises", ".error")):
            os.remove(f)
    with open(os.path.join(out, "README.md"), "w") as f:
        f.write("# " + what + " golden cases\n\nMade by src/tools/golden/" + script + " from " + source
                + ", row s = scheduler() after s calls of scheduler.step(). One case per line: name, what it "
                  "shows.\n\n")
        for name, note, *_ in cases:
            f.write("- " + name + ": " + note + "\n")
    for name, note, cls, steps, kwargs, param in cases:
        lines = ["# generated by src/tools/golden/" + script + " from " + what + "'s own code:",
                 "# " + source, "# " + note]
        if steps:
            lines.append("steps: %d" % steps)
        lines += ["schedules:", "  - name: " + name, "    type: " + prefix + cls]
        for k, v in kwargs.items():
            lines.append("    %s: %s" % (k, value(v)))
        with open(os.path.join(out, name + ".yaml"), "w") as f:
            f.write("\n".join(lines) + "\n")
        if param is not None:
            try:
                refuse(cls, kwargs)
            except Exception as e:  # the library's refusal, quoted
                with open(os.path.join(out, name + ".error"), "w") as f:
                    f.write("param: %s\nmessage: %s: %s\n" % (param, type(e).__name__, e))
                print(name, "refused:", type(e).__name__, e)
                continue
            raise AssertionError(name + " was not refused")
        rows, raised = run(cls, steps, kwargs)
        with open(os.path.join(out, name + ".csv"), "w") as f:
            f.write("step," + name + "\n")
            for s, v in enumerate(rows):
                f.write("%d,%r\n" % (s, float(v)))
        if raised is not None:
            with open(os.path.join(out, name + ".raises"), "w") as f:
                f.write("step: %d\n" % raised)
        print(name, len(rows), "rows", "raises at row %d" % raised if raised is not None else "")


def main():
    write_cases(OUT, CASES, "paddle_schedules.py", SOURCE, "Paddle", "paddle.",
                lambda cls, kwargs: instantiate(cls, kwargs if cls != "ReduceOnPlateau" else
                                                {k: v for k, v in kwargs.items() if k != "metrics"}), run)


if __name__ == "__main__":  # paddleocr_schedules.py imports this module for load() and write_cases()
    main()
