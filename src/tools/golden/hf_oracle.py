#!/usr/bin/python3
"""Golden-data oracle for lrsched's hf.* and diffusers.* schedule types.

Pure Python, float64, no torch, no transformers, no diffusers. Each schedule is written here from the formulas
of the libraries (read, not copied):
  huggingface/transformers src/transformers/optimization.py @ 005edacb6b5dabbf0843e92c6623de9e07ca6241
  huggingface/diffusers    src/diffusers/optimization.py    @ 013f555075f8f500e6289568fee34651dd7fa772
Both wrap a multiplier lambda(step) in torch.optim.lr_scheduler.LambdaLR, so the learning rate the optimizer uses
for update s (lrsched's row s) is lr * lambda(s).

The oracle first reproduces the expected values published in transformers' own tests
(tests/optimization/test_optimization.py @ 74714520aed84bb44c9e6724ba805d2cd1e1eff7) and stops if it cannot.
Then it writes golden cases (spec .yaml + .csv, or .error, or .csv + .raises) under
src/test/resources/golden/{hf,diffusers}/.

Run from the repository root:  /usr/bin/python3 src/tools/golden/hf_oracle.py
"""

import math
import os
import sys
from golden_yaml import yaml_number

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
OUT = {lib: os.path.join(ROOT, "src", "test", "resources", "golden", lib) for lib in ("hf", "diffusers")}

TF_SRC = "huggingface/transformers src/transformers/optimization.py @ 005edacb6b5dabbf0843e92c6623de9e07ca6241"
DF_SRC = "huggingface/diffusers src/diffusers/optimization.py @ 013f555075f8f500e6289568fee34651dd7fa772"
TF_TEST = ("huggingface/transformers tests/optimization/test_optimization.py @ 74714520aed84bb44c9e6724ba805d2cd1e1eff7"
           " (ScheduleInitTest.test_schedulers, AdamW lr=10.0, assertAlmostEqual delta=1e-2)")


class Raises(Exception):
    """The library raises while computing this step (the training loop would crash here)."""


class SpecError(Exception):
    """The library refuses these arguments when the scheduler is built."""

    def __init__(self, param, message):
        super().__init__(message)
        self.param = param
        self.message = message


# ---------------------------------------------------------------------------------------------------------------
# Building blocks. Each returns the multiplier of lr. Operation order follows the libraries' arithmetic where a
# different order could change the last bits at a cliff (restart boundaries, `>=` tests, `% 1.0`).
# ---------------------------------------------------------------------------------------------------------------

def ramp(step, warmup):
    """Linear warmup used by most HF schedules: 0 at step 0, reaching 1 at step `warmup` (never applied there)."""
    return float(step) / float(max(1, warmup))


def half_cosine(progress, cycles):
    """0.5 * (1 + cos(2*pi*cycles*progress)), the HF cosine wave (not clamped)."""
    return 0.5 * (1.0 + math.cos(math.pi * float(cycles) * 2.0 * progress))


def decay_progress(step, warmup, total):
    return float(step - warmup) / float(max(1, total - warmup))


def py_mod1(x):
    """Python's float `x % 1.0` (result takes the sign of the divisor, so it is in [0, 1))."""
    r = math.fmod(x, 1.0)
    if r != 0.0 and r < 0.0:
        r += 1.0
    return r


def m_constant(step, p):
    return 1.0


def m_constant_with_warmup(step, p):
    w = p["num_warmup_steps"]
    return ramp(step, w) if step < w else 1.0


def m_linear(step, p):
    w, n = p["num_warmup_steps"], p["num_training_steps"]
    if step < w:
        return ramp(step, w)
    return max(0.0, float(n - step) / float(max(1, n - w)))


def m_cosine_min_lr(step, p):
    """HF cosine (min_lr_rate 0) and cosine_with_min_lr: warmup t/W, then a periodic cosine lifted by the floor."""
    w, n = p["num_warmup_steps"], p["num_training_steps"]
    if step < w:
        return ramp(step, w)
    floor = p.get("min_lr_rate", 0.0)
    wave = half_cosine(decay_progress(step, w, n), p.get("num_cycles", 0.5))
    return max(0.0, wave * (1 - floor) + floor)


def m_cosine_with_restarts(step, p):
    w, n = p["num_warmup_steps"], p["num_training_steps"]
    if step < w:
        return ramp(step, w)
    progress = decay_progress(step, w, n)
    if progress >= 1.0:
        return 0.0
    phase = py_mod1(float(p.get("num_cycles", 1)) * progress)
    return max(0.0, 0.5 * (1.0 + math.cos(math.pi * phase)))


def m_polynomial(step, p):
    w, n, lr = p["num_warmup_steps"], p["num_training_steps"], p["lr"]
    end, power = p.get("lr_end", 1e-7), p.get("power", 1.0)
    if step < w:
        return ramp(step, w)
    if step > n:
        return end / lr
    if n - w == 0:
        raise Raises("division by zero")
    remaining = 1 - (step - w) / (n - w)
    if remaining == 0.0 and power < 0:
        raise Raises("0.0 cannot be raised to a negative power")
    return ((lr - end) * remaining ** power + end) / lr


def m_inverse_sqrt(step, p):
    w = p["num_warmup_steps"]
    scale = p.get("timescale")
    if scale is None:
        scale = w if w else 10000
    if step < w:
        return ramp(step, w)
    return 1.0 / math.sqrt((step + (scale - w)) / scale)


def m_cosine_warmup_with_min_lr(step, p):
    """transformers' cosine_warmup_with_min_lr: warmup (t+1)/W (or from warmup_lr_rate), cosine progress (t-W+1)."""
    w, n = float(p["num_warmup_steps"]), float(p["num_training_steps"])
    t = float(step)
    floor = p["min_lr_rate"]
    if t < w:
        start = p.get("warmup_lr_rate")
        if start is None:
            return (t + 1.0) / max(1.0, w)
        start = float(start)
        return start + (1.0 - start) * t / max(1, w - 1)
    progress = (t - w + 1.0) / max(1.0, n - w)
    wave = half_cosine(progress, p.get("num_cycles", 0.5))
    return max(0, wave * (1 - floor) + floor)


def m_wsd(step, p):
    w, d = p["num_warmup_steps"], p["num_decay_steps"]
    s = p["num_stable_steps"]
    floor = p.get("min_lr_ratio", 0)
    if step < w:
        x = float(step) / float(max(1, w))
        shape = p.get("warmup_type", "linear")
        f = {"linear": lambda: x,
             "cosine": lambda: 0.5 * (1.0 - math.cos(math.pi * x)),
             "1-sqrt": lambda: 1.0 - math.sqrt(1.0 - x)}[shape]()
        return max(0.0, f * (1.0 - floor) + floor)
    if step < w + s:
        return 1.0
    if step < w + s + d:
        x = float(step - w - s) / float(max(1, d))
        shape = p.get("decay_type", "cosine")
        f = {"linear": lambda: 1.0 - x,
             "cosine": lambda: half_cosine(x, p.get("num_cycles", 0.5)),
             "1-sqrt": lambda: 1.0 - math.sqrt(x)}[shape]()
        return max(0.0, f * (1.0 - floor) + floor)
    return floor


def m_piecewise(step, p):
    thresholds, last = p["_rules"]
    for limit in sorted(thresholds):
        if step < limit:
            return thresholds[limit]
    return last


# ---------------------------------------------------------------------------------------------------------------
# Argument handling: what get_scheduler / the get_*_schedule functions accept, refuse and default.
# ---------------------------------------------------------------------------------------------------------------

def need_warmup(lib, name, p):
    if p.get("num_warmup_steps") is None:
        raise SpecError("num_warmup_steps", f"{enum_text(lib, name)} requires `num_warmup_steps`, please provide that argument.")


def need_training(lib, name, p):
    if p.get("num_training_steps") is None:
        raise SpecError("num_training_steps",
                        f"{enum_text(lib, name)} requires `num_training_steps`, please provide that argument.")


def enum_text(lib, name):
    # transformers' SchedulerType is a str Enum: f"{name}" prints the value (Python <= 3.11).
    # diffusers' SchedulerType is a plain Enum: f"{name}" prints "SchedulerType.MEMBER".
    return name if lib == "hf" else "SchedulerType." + name.upper()


def min_lr_rate_of(p):
    if p.get("min_lr") is not None and p.get("min_lr_rate") is not None:
        raise SpecError("min_lr", "Only one of min_lr or min_lr_rate should be set")
    if p.get("min_lr") is not None:
        return p["min_lr"] / p["lr"]
    if p.get("min_lr_rate") is None:
        raise SpecError("min_lr_rate", "One of min_lr or min_lr_rate should be set through the `lr_scheduler_kwargs`")
    return p["min_lr_rate"]


def check_polynomial(lib, p):
    end = p.get("lr_end", 1e-7)
    if not (p["lr"] > end):
        raise SpecError("lr_end", f"lr_end ({end}) must be smaller than initial lr ({p['lr']})")


def parse_step_rules(text):
    if text is None:
        raise SpecError("step_rules", "'NoneType' object has no attribute 'split'")
    rules = text.split(",")
    thresholds = {}
    for rule in rules[:-1]:
        parts = rule.split(":")
        if len(parts) < 2:
            raise SpecError("step_rules", f"not enough values to unpack (expected 2, got {len(parts)})")
        if len(parts) > 2:
            raise SpecError("step_rules", "too many values to unpack (expected 2)")
        try:
            limit = int(parts[1])
        except ValueError:
            raise SpecError("step_rules", f"invalid literal for int() with base 10: {parts[1]!r}")
        try:
            value = float(parts[0])
        except ValueError:
            raise SpecError("step_rules", f"could not convert string to float: {parts[0]!r}")
        thresholds[limit] = value
    try:
        last = float(rules[-1])
    except ValueError:
        raise SpecError("step_rules", f"could not convert string to float: {rules[-1]!r}")
    return thresholds, last


def build(lib, name, p):
    """Validate like the library and return the multiplier function (step -> lambda(step))."""
    p = dict(p)
    if name == "constant":
        return p, m_constant  # get_scheduler ignores num_warmup_steps / num_training_steps here
    if name == "piecewise_constant":
        p["_rules"] = parse_step_rules(p.get("step_rules"))
        return p, m_piecewise
    need_warmup(lib, name, p)
    if name == "constant_with_warmup":
        return p, m_constant_with_warmup
    if name == "inverse_sqrt":
        return p, m_inverse_sqrt
    if name == "warmup_stable_decay":
        if p.get("num_decay_steps") is None:
            raise SpecError("num_decay_steps", "get_wsd_schedule() missing 1 required positional argument: 'num_decay_steps'")
        if p.get("num_training_steps") is None and p.get("num_stable_steps") is None:
            raise SpecError("num_stable_steps", "Either num_training_steps or num_stable_steps must be specified.")
        for key, default in (("warmup_type", "linear"), ("decay_type", "cosine")):
            kind = p.get(key, default)
            if kind not in ("linear", "cosine", "1-sqrt"):
                word = key.split("_")[0]
                raise SpecError(key, f"Unknown {word} type: {kind}, expected 'linear', 'cosine' or '1-sqrt'")
        if p.get("num_stable_steps") is None:
            p["num_stable_steps"] = p["num_training_steps"] - p["num_warmup_steps"] - p["num_decay_steps"]
        return p, m_wsd
    need_training(lib, name, p)
    if name == "linear":
        return p, m_linear
    if name == "cosine":
        return p, m_cosine_min_lr
    if name == "cosine_with_restarts":
        return p, m_cosine_with_restarts
    if name == "polynomial":
        check_polynomial(lib, p)
        return p, m_polynomial
    if name == "cosine_with_min_lr":
        p["min_lr_rate"] = min_lr_rate_of(p)
        p.pop("min_lr", None)
        return p, m_cosine_min_lr
    if name == "cosine_warmup_with_min_lr":
        p["min_lr_rate"] = min_lr_rate_of(p)
        p.pop("min_lr", None)
        return p, m_cosine_warmup_with_min_lr
    raise KeyError(name)


def learning_rate(lib, name, params, step):
    p, mult = build(lib, name, params)
    return p["lr"] * mult(step, p)  # LambdaLR: base_lr * lambda(last_epoch)


# ---------------------------------------------------------------------------------------------------------------
# Check 1: the published expected values of transformers' own test.
# ---------------------------------------------------------------------------------------------------------------

PUBLISHED = [
    ("constant", {}, [10.0] * 10),
    ("constant_with_warmup", {"num_warmup_steps": 4}, [0.0, 2.5, 5.0, 7.5, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0]),
    ("linear", {"num_warmup_steps": 2, "num_training_steps": 10},
     [0.0, 5.0, 10.0, 8.75, 7.5, 6.25, 5.0, 3.75, 2.5, 1.25]),
    ("cosine", {"num_warmup_steps": 2, "num_training_steps": 10},
     [0.0, 5.0, 10.0, 9.61, 8.53, 6.91, 5.0, 3.08, 1.46, 0.38]),
    ("cosine_with_restarts", {"num_warmup_steps": 2, "num_training_steps": 10, "num_cycles": 2},
     [0.0, 5.0, 10.0, 8.53, 5.0, 1.46, 10.0, 8.53, 5.0, 1.46]),
    ("polynomial", {"num_warmup_steps": 2, "num_training_steps": 10, "power": 2.0, "lr_end": 1e-7},
     [0.0, 5.0, 10.0, 7.656, 5.625, 3.906, 2.5, 1.406, 0.625, 0.156]),
    ("inverse_sqrt", {"num_warmup_steps": 2}, [0.0, 5.0, 10.0, 8.165, 7.071, 6.325, 5.774, 5.345, 5.0, 4.714]),
]


def check_published():
    worst = 0.0
    for name, kwargs, expected in PUBLISHED:
        for lib in ("hf", "diffusers"):
            if lib == "diffusers" and name == "inverse_sqrt":
                continue
            params = dict(kwargs, lr=10.0)
            got = [learning_rate(lib, name, params, s) for s in range(10)]
            for s, (g, e) in enumerate(zip(got, expected)):
                digits = len(repr(e).split(".")[1]) if "." in repr(e) else 0
                # The test's own tolerance is 1e-2; the printed values are also within one unit of their last digit.
                if abs(g - e) > 1e-2 or abs(g - e) >= 10.0 ** -digits:
                    sys.exit(f"oracle disagrees with the published test: {lib}.{name} step {s}: {g!r} vs {e!r}")
                worst = max(worst, abs(g - e))
    return worst


# ---------------------------------------------------------------------------------------------------------------
# Golden cases.
# ---------------------------------------------------------------------------------------------------------------

def dense(n, extra=()):
    return list(range(n)) + [s for s in extra if s >= n]


FAR = (10 ** 6, 10 ** 9 + 7, 10 ** 12)

# (case, type name, params, steps, extra comment lines)
HF_CASES = [
    # published test settings, exact values
    ("hf_test_constant", "constant", {"lr": 10.0}, dense(10), "test"),
    ("hf_test_constant_with_warmup", "constant_with_warmup", {"lr": 10.0, "num_warmup_steps": 4}, dense(10), "test"),
    ("hf_test_linear", "linear", {"lr": 10.0, "num_warmup_steps": 2, "num_training_steps": 10}, dense(10), "test"),
    ("hf_test_cosine", "cosine", {"lr": 10.0, "num_warmup_steps": 2, "num_training_steps": 10}, dense(10), "test"),
    ("hf_test_cosine_with_restarts", "cosine_with_restarts",
     {"lr": 10.0, "num_warmup_steps": 2, "num_training_steps": 10, "num_cycles": 2}, dense(10), "test"),
    ("hf_test_polynomial", "polynomial",
     {"lr": 10.0, "num_warmup_steps": 2, "num_training_steps": 10, "power": 2.0, "lr_end": 1e-7}, dense(10), "test"),
    ("hf_test_inverse_sqrt", "inverse_sqrt", {"lr": 10.0, "num_warmup_steps": 2}, dense(10), "test"),

    # constant: get_scheduler passes nothing but the optimizer, so warmup/training steps are ignored
    ("constant_plain", "constant", {"lr": 0.1}, dense(5, FAR), None),
    ("constant_ignores_warmup", "constant", {"lr": 3e-4, "num_warmup_steps": 100, "num_training_steps": 1000},
     dense(120, (1000, 1001) + FAR), "get_scheduler('constant') ignores num_warmup_steps and num_training_steps"),

    # constant_with_warmup
    ("cww_w25", "constant_with_warmup", {"lr": 0.02, "num_warmup_steps": 25, "num_training_steps": 50},
     dense(60, FAR), "num_training_steps is accepted and ignored"),
    ("cww_w0", "constant_with_warmup", {"lr": 0.02, "num_warmup_steps": 0}, dense(5, FAR), None),
    ("cww_w1", "constant_with_warmup", {"lr": 0.5, "num_warmup_steps": 1}, dense(4), "step 0 is 0, step 1 is lr"),

    # linear
    ("linear_w10_n100", "linear", {"lr": 3e-4, "num_warmup_steps": 10, "num_training_steps": 100},
     dense(131, FAR), "clamped at 0 after num_training_steps"),
    ("linear_w0_n50", "linear", {"lr": 0.1, "num_warmup_steps": 0, "num_training_steps": 50}, dense(60, FAR), None),
    ("linear_w_eq_n", "linear", {"lr": 0.1, "num_warmup_steps": 20, "num_training_steps": 20}, dense(30), None),
    ("linear_w_gt_n", "linear", {"lr": 0.1, "num_warmup_steps": 30, "num_training_steps": 20}, dense(40),
     "warmup runs to step 29, then the lr drops straight to 0"),
    ("linear_n0", "linear", {"lr": 0.1, "num_warmup_steps": 0, "num_training_steps": 0}, dense(5, FAR), None),
    ("linear_w7_n13", "linear", {"lr": 1.5, "num_warmup_steps": 7, "num_training_steps": 13}, dense(20), None),

    # cosine
    ("cosine_w10_n100", "cosine", {"lr": 5e-4, "num_warmup_steps": 10, "num_training_steps": 100},
     dense(301, FAR), "periodic: rises again after num_training_steps (period 2*(N-W) for num_cycles 0.5)"),
    ("cosine_cycles_1p5", "cosine",
     {"lr": 0.1, "num_warmup_steps": 5, "num_training_steps": 65, "num_cycles": 1.5}, dense(130), None),
    ("cosine_cycles_0", "cosine", {"lr": 0.1, "num_warmup_steps": 5, "num_training_steps": 20, "num_cycles": 0.0},
     dense(30, FAR), "num_cycles 0: constant after warmup"),
    ("cosine_cycles_neg", "cosine",
     {"lr": 0.1, "num_warmup_steps": 3, "num_training_steps": 23, "num_cycles": -0.5}, dense(50), None),
    ("cosine_w0_n1", "cosine", {"lr": 1.0, "num_warmup_steps": 0, "num_training_steps": 1}, dense(8, FAR),
     "N-W = 1: the cosine has period 2 steps: lr, 0, lr, 0, ..."),
    ("cosine_w_gt_n", "cosine", {"lr": 0.1, "num_warmup_steps": 10, "num_training_steps": 5}, dense(16),
     "max(1, N-W) = 1"),
    ("cosine_w0_n7", "cosine", {"lr": 2.0, "num_warmup_steps": 0, "num_training_steps": 7}, dense(30), None),

    # cosine_with_restarts
    ("restarts_default", "cosine_with_restarts", {"lr": 0.1, "num_warmup_steps": 5, "num_training_steps": 65},
     dense(80, FAR), "num_cycles 1: a half cosine, then 0 from num_training_steps on"),
    ("restarts_nc3_exact", "cosine_with_restarts",
     {"lr": 0.1, "num_warmup_steps": 4, "num_training_steps": 40, "num_cycles": 3}, dense(50),
     "cycle boundaries fall exactly on steps 16 and 28 (float product rounds to 1.0 and 2.0)"),
    ("restarts_nc4_n10", "cosine_with_restarts",
     {"lr": 0.1, "num_warmup_steps": 0, "num_training_steps": 10, "num_cycles": 4}, dense(15), None),
    ("restarts_nc2p5", "cosine_with_restarts",
     {"lr": 0.3, "num_warmup_steps": 2, "num_training_steps": 42, "num_cycles": 2.5}, dense(50), None),
    ("restarts_nc0", "cosine_with_restarts",
     {"lr": 0.1, "num_warmup_steps": 2, "num_training_steps": 12, "num_cycles": 0}, dense(16), None),
    ("restarts_nc_neg", "cosine_with_restarts",
     {"lr": 0.1, "num_warmup_steps": 0, "num_training_steps": 20, "num_cycles": -1.5}, dense(24),
     "negative num_cycles: Python's float % keeps the phase in [0, 1)"),
    ("restarts_w_eq_n", "cosine_with_restarts", {"lr": 0.1, "num_warmup_steps": 10, "num_training_steps": 10},
     dense(14), "one step at lr (progress 0), then 0"),
    ("restarts_big", "cosine_with_restarts",
     {"lr": 1e-3, "num_warmup_steps": 100, "num_training_steps": 1000, "num_cycles": 7},
     dense(1101, FAR), None),

    # polynomial
    ("poly_default", "polynomial", {"lr": 1e-3, "num_warmup_steps": 10, "num_training_steps": 100},
     dense(131, FAR), "defaults lr_end=1e-7 (absolute), power=1.0; holds lr_end after the end"),
    ("poly_power0p5", "polynomial",
     {"lr": 0.5, "num_warmup_steps": 5, "num_training_steps": 45, "lr_end": 0.01, "power": 0.5},
     dense(55, FAR), None),
    ("poly_power3", "polynomial",
     {"lr": 0.1, "num_warmup_steps": 0, "num_training_steps": 30, "lr_end": 0.001, "power": 3}, dense(40), None),
    ("poly_power0", "polynomial",
     {"lr": 0.1, "num_warmup_steps": 2, "num_training_steps": 10, "lr_end": 0.01, "power": 0.0}, dense(15),
     "0.0 ** 0 == 1: lr up to and including step N, lr_end after"),
    ("poly_lr_end0", "polynomial",
     {"lr": 0.1, "num_warmup_steps": 3, "num_training_steps": 13, "lr_end": 0.0, "power": 2.0}, dense(20), None),
    ("poly_lr_end_negative", "polynomial",
     {"lr": 0.1, "num_warmup_steps": 0, "num_training_steps": 10, "lr_end": -0.05}, dense(15, FAR),
     "lr_end < 0 passes the lr_end < lr check: the lr goes negative"),
    ("poly_w_gt_n", "polynomial", {"lr": 0.1, "num_warmup_steps": 20, "num_training_steps": 10, "lr_end": 0.02},
     dense(25), "after warmup every step is past N: lr_end"),
    ("poly_w_eq_n", "polynomial", {"lr": 0.1, "num_warmup_steps": 10, "num_training_steps": 10}, dense(15),
     "raises ZeroDivisionError at step N (decay_steps = 0)"),
    ("poly_negative_power", "polynomial",
     {"lr": 0.1, "num_warmup_steps": 2, "num_training_steps": 12, "lr_end": 0.01, "power": -0.5}, dense(15),
     "lr rises towards the end and raises at step N"),
    ("poly_small_lr", "polynomial",
     {"lr": 2e-7, "num_warmup_steps": 4, "num_training_steps": 24, "power": 1.5}, dense(30), None),

    # inverse_sqrt
    ("isqrt_w100", "inverse_sqrt", {"lr": 1e-3, "num_warmup_steps": 100},
     dense(401, (1000, 10000) + FAR), "timescale defaults to num_warmup_steps"),
    ("isqrt_w0", "inverse_sqrt", {"lr": 1e-3, "num_warmup_steps": 0},
     dense(20, (10000, 30000) + FAR), "num_warmup_steps 0: timescale defaults to 10000"),
    ("isqrt_timescale", "inverse_sqrt", {"lr": 0.01, "num_warmup_steps": 10, "timescale": 50}, dense(100, FAR),
     "timescale is honoured by get_inverse_sqrt_schedule (get_scheduler does not pass it)"),
    ("isqrt_timescale_lt_w", "inverse_sqrt", {"lr": 0.01, "num_warmup_steps": 100, "timescale": 10},
     dense(200, FAR), None),
    ("isqrt_w0_timescale1", "inverse_sqrt", {"lr": 0.01, "num_warmup_steps": 0, "timescale": 1}, dense(20, FAR),
     None),
    ("isqrt_ignores_training", "inverse_sqrt", {"lr": 0.01, "num_warmup_steps": 4, "num_training_steps": 8},
     dense(20), "num_training_steps is accepted and ignored"),

    # cosine_with_min_lr
    ("cwml_rate", "cosine_with_min_lr",
     {"lr": 1e-3, "num_warmup_steps": 10, "num_training_steps": 100, "min_lr_rate": 0.1}, dense(300, FAR),
     "periodic like cosine"),
    ("cwml_min_lr", "cosine_with_min_lr",
     {"lr": 2e-4, "num_warmup_steps": 5, "num_training_steps": 55, "min_lr": 1e-5}, dense(70), None),
    ("cwml_cycles1", "cosine_with_min_lr",
     {"lr": 0.1, "num_warmup_steps": 0, "num_training_steps": 40, "num_cycles": 1, "min_lr_rate": 0.05},
     dense(50), None),
    ("cwml_rate_gt1", "cosine_with_min_lr",
     {"lr": 0.1, "num_warmup_steps": 2, "num_training_steps": 22, "min_lr_rate": 2.0}, dense(30),
     "min_lr_rate > 1 is not refused: the cosine runs up from lr to 2*lr"),
    ("cwml_rate_negative", "cosine_with_min_lr",
     {"lr": 0.1, "num_warmup_steps": 2, "num_training_steps": 22, "min_lr_rate": -0.5}, dense(45),
     "negative floor: clamped at 0"),

    # cosine_warmup_with_min_lr
    ("cwwml_rate", "cosine_warmup_with_min_lr",
     {"lr": 1e-3, "num_warmup_steps": 10, "num_training_steps": 100, "min_lr_rate": 0.1}, dense(300, FAR),
     "warmup (t+1)/W reaches lr at W-1; decay progress (t-W+1)/(N-W) reaches the floor at N-1"),
    ("cwwml_warmup_lr_rate", "cosine_warmup_with_min_lr",
     {"lr": 0.1, "num_warmup_steps": 6, "num_training_steps": 30, "min_lr_rate": 0.0, "warmup_lr_rate": 0.2},
     dense(40), None),
    ("cwwml_w0", "cosine_warmup_with_min_lr",
     {"lr": 0.1, "num_warmup_steps": 0, "num_training_steps": 20, "min_lr_rate": 0.1}, dense(25),
     "no warmup: step 0 is already one step into the cosine"),
    ("cwwml_w1_warmup_lr_rate", "cosine_warmup_with_min_lr",
     {"lr": 0.1, "num_warmup_steps": 1, "num_training_steps": 11, "min_lr_rate": 0.0, "warmup_lr_rate": 0.3},
     dense(15), None),
    ("cwwml_min_lr_cycles", "cosine_warmup_with_min_lr",
     {"lr": 3e-4, "num_warmup_steps": 4, "num_training_steps": 44, "min_lr": 3e-5, "num_cycles": 1.0},
     dense(60), None),

    # warmup_stable_decay
    ("wsd_defaults", "warmup_stable_decay",
     {"lr": 1e-3, "num_warmup_steps": 10, "num_decay_steps": 20, "num_training_steps": 100}, dense(111, FAR),
     "stable = N - W - D = 70; warmup linear, decay cosine, min_lr_ratio 0"),
    ("wsd_linear_linear", "warmup_stable_decay",
     {"lr": 0.1, "num_warmup_steps": 5, "num_decay_steps": 10, "num_training_steps": 30,
      "warmup_type": "linear", "decay_type": "linear", "min_lr_ratio": 0.1}, dense(35, FAR),
     "warmup starts at min_lr_ratio*lr"),
    ("wsd_cosine_1sqrt", "warmup_stable_decay",
     {"lr": 0.1, "num_warmup_steps": 8, "num_decay_steps": 12, "num_stable_steps": 5,
      "warmup_type": "cosine", "decay_type": "1-sqrt", "min_lr_ratio": 0.05}, dense(30), None),
    ("wsd_1sqrt_cosine_cycles", "warmup_stable_decay",
     {"lr": 0.1, "num_warmup_steps": 9, "num_decay_steps": 16, "num_stable_steps": 3,
      "warmup_type": "1-sqrt", "decay_type": "cosine", "num_cycles": 1.0}, dense(32), None),
    ("wsd_both_given", "warmup_stable_decay",
     {"lr": 0.1, "num_warmup_steps": 4, "num_decay_steps": 6, "num_training_steps": 100, "num_stable_steps": 2},
     dense(20), "num_stable_steps wins over num_training_steps (the library only warns)"),
    ("wsd_negative_stable", "warmup_stable_decay",
     {"lr": 0.1, "num_warmup_steps": 10, "num_decay_steps": 20, "num_training_steps": 25, "decay_type": "linear"},
     dense(30), "stable = 25-10-20 = -5: the decay starts half-way through"),
    ("wsd_decay0", "warmup_stable_decay",
     {"lr": 0.1, "num_warmup_steps": 2, "num_decay_steps": 0, "num_stable_steps": 5, "min_lr_ratio": 0.3},
     dense(12), None),
    ("wsd_negative_min_ratio", "warmup_stable_decay",
     {"lr": 0.1, "num_warmup_steps": 4, "num_decay_steps": 8, "num_stable_steps": 2, "min_lr_ratio": -0.1,
      "decay_type": "linear"}, dense(20, FAR),
     "phases clamp at 0, but after the decay the bare min_lr_ratio (negative) is returned"),
    ("wsd_w0", "warmup_stable_decay",
     {"lr": 0.1, "num_warmup_steps": 0, "num_decay_steps": 5, "num_training_steps": 10}, dense(12), None),
]

HF_ERRORS = [
    ("err_linear_no_warmup", "linear", {"lr": 0.1, "num_training_steps": 10}),
    ("err_cosine_no_training", "cosine", {"lr": 0.1, "num_warmup_steps": 2}),
    ("err_poly_lr_end_eq_lr", "polynomial", {"lr": 0.1, "num_warmup_steps": 0, "num_training_steps": 10, "lr_end": 0.1}),
    ("err_poly_lr_end_gt_lr", "polynomial",
     {"lr": 0.001, "num_warmup_steps": 0, "num_training_steps": 10, "lr_end": 0.01}),
    ("err_poly_default_lr_end", "polynomial", {"lr": 1e-7, "num_warmup_steps": 0, "num_training_steps": 10}),
    ("err_cwml_both", "cosine_with_min_lr",
     {"lr": 0.1, "num_warmup_steps": 0, "num_training_steps": 10, "min_lr": 0.01, "min_lr_rate": 0.1}),
    ("err_cwml_neither", "cosine_with_min_lr", {"lr": 0.1, "num_warmup_steps": 0, "num_training_steps": 10}),
    ("err_cwwml_both", "cosine_warmup_with_min_lr",
     {"lr": 0.1, "num_warmup_steps": 0, "num_training_steps": 10, "min_lr": 0.01, "min_lr_rate": 0.1}),
    ("err_cwwml_neither", "cosine_warmup_with_min_lr", {"lr": 0.1, "num_warmup_steps": 2, "num_training_steps": 10}),
    ("err_wsd_no_length", "warmup_stable_decay", {"lr": 0.1, "num_warmup_steps": 2, "num_decay_steps": 5}),
    ("err_wsd_no_decay", "warmup_stable_decay", {"lr": 0.1, "num_warmup_steps": 2, "num_training_steps": 20}),
    ("err_wsd_warmup_type", "warmup_stable_decay",
     {"lr": 0.1, "num_warmup_steps": 2, "num_decay_steps": 5, "num_training_steps": 20, "warmup_type": "exp"}),
    ("err_wsd_decay_type", "warmup_stable_decay",
     {"lr": 0.1, "num_warmup_steps": 2, "num_decay_steps": 5, "num_training_steps": 20, "decay_type": "sqrt"}),
]

DF_CASES = [
    ("diffusers_test_constant", "constant", {"lr": 10.0}, dense(10), "test"),
    ("diffusers_test_constant_with_warmup", "constant_with_warmup", {"lr": 10.0, "num_warmup_steps": 4}, dense(10),
     "test"),
    ("diffusers_test_linear", "linear", {"lr": 10.0, "num_warmup_steps": 2, "num_training_steps": 10}, dense(10),
     "test"),
    ("diffusers_test_cosine", "cosine", {"lr": 10.0, "num_warmup_steps": 2, "num_training_steps": 10}, dense(10),
     "test"),
    ("diffusers_test_cosine_with_restarts", "cosine_with_restarts",
     {"lr": 10.0, "num_warmup_steps": 2, "num_training_steps": 10, "num_cycles": 2}, dense(10), "test"),
    ("diffusers_test_polynomial", "polynomial",
     {"lr": 10.0, "num_warmup_steps": 2, "num_training_steps": 10, "power": 2.0}, dense(10), "test"),

    ("df_constant_ignores_warmup", "constant", {"lr": 1e-4, "num_warmup_steps": 50, "num_training_steps": 500},
     dense(60, FAR), "get_scheduler('constant') ignores num_warmup_steps (kohya sd-scripts raises instead)"),
    ("df_cww", "constant_with_warmup", {"lr": 1e-4, "num_warmup_steps": 10}, dense(15, FAR), None),
    ("df_linear", "linear", {"lr": 1e-4, "num_warmup_steps": 10, "num_training_steps": 100}, dense(120, FAR), None),
    ("df_linear_w0", "linear", {"lr": 1e-4, "num_warmup_steps": 0, "num_training_steps": 30}, dense(35), None),
    ("df_cosine", "cosine", {"lr": 1e-4, "num_warmup_steps": 10, "num_training_steps": 100}, dense(300, FAR),
     "periodic after num_training_steps"),
    ("df_cosine_cycles", "cosine",
     {"lr": 1e-4, "num_warmup_steps": 0, "num_training_steps": 40, "num_cycles": 2.0}, dense(50),
     "num_cycles reaches the function (direct call, or kohya lr_scheduler_args); diffusers get_scheduler drops it"),
    ("df_restarts_default", "cosine_with_restarts", {"lr": 1e-4, "num_warmup_steps": 5, "num_training_steps": 55},
     dense(70, FAR), None),
    ("df_restarts_nc3", "cosine_with_restarts",
     {"lr": 1e-4, "num_warmup_steps": 4, "num_training_steps": 40, "num_cycles": 3}, dense(50), None),
    ("df_restarts_nc_neg", "cosine_with_restarts",
     {"lr": 1e-4, "num_warmup_steps": 0, "num_training_steps": 20, "num_cycles": -1.5}, dense(24), None),
    ("df_poly_default", "polynomial", {"lr": 1e-4, "num_warmup_steps": 10, "num_training_steps": 100},
     dense(120, FAR), "lr_end defaults to 1e-7 (absolute)"),
    ("df_poly_power", "polynomial",
     {"lr": 1e-4, "num_warmup_steps": 0, "num_training_steps": 50, "power": 2.5}, dense(60), None),
    ("df_poly_lr_end", "polynomial",
     {"lr": 1e-4, "num_warmup_steps": 5, "num_training_steps": 25, "lr_end": 1e-5, "power": 0.5}, dense(30, FAR),
     "lr_end reaches the function (direct call, or kohya lr_scheduler_args); diffusers get_scheduler drops it"),
    ("df_poly_w_eq_n", "polynomial", {"lr": 1e-4, "num_warmup_steps": 8, "num_training_steps": 8}, dense(12),
     "raises ZeroDivisionError at step N"),

    ("pw_anchor", "piecewise_constant", {"lr": 0.1, "step_rules": "1:10,0.5:20,0.1"}, dense(30, FAR),
     "thresholds are absolute: 1 for steps 0-9, 0.5 for 10-19, 0.1 from 20"),
    ("pw_docstring_example", "piecewise_constant", {"lr": 1e-3, "step_rules": "1:10,0.1:20,0.01:30,0.005"},
     dense(70, FAR), "the docstring reads the numbers as durations (10, then 20 more, then 30 more); the code "
                     "treats them as absolute thresholds: changes at 10, 20, 30"),
    ("pw_unsorted", "piecewise_constant", {"lr": 0.1, "step_rules": "0.1:30,1:10,0.5:20,0.01"}, dense(40),
     "rules are sorted by threshold"),
    ("pw_duplicate", "piecewise_constant", {"lr": 0.1, "step_rules": "1:10,0.5:10,0.2"}, dense(15),
     "a repeated threshold keeps the later value"),
    ("pw_single", "piecewise_constant", {"lr": 0.1, "step_rules": "0.75"}, dense(5, FAR), "only the final multiple"),
    ("pw_spaces", "piecewise_constant", {"lr": 0.1, "step_rules": " 2 : 3 , 0.5 : 6 , 0.25 "}, dense(10),
     "Python's int()/float() ignore surrounding whitespace"),
    ("pw_zero_negative", "piecewise_constant", {"lr": 0.1, "step_rules": "5:0,4:-3,0.5"}, dense(5),
     "thresholds 0 and negative are never reached"),
    ("pw_exponent_negative", "piecewise_constant", {"lr": 0.1, "step_rules": "1e1:2,-0.5:4,+2.5E-1"}, dense(6),
     "float syntax with exponent and sign; a negative multiple gives a negative lr"),
]

DF_ERRORS = [
    ("err_df_linear_no_warmup", "linear", {"lr": 0.1, "num_training_steps": 10}),
    ("err_df_cosine_no_training", "cosine", {"lr": 0.1, "num_warmup_steps": 2}),
    ("err_df_poly_lr_end", "polynomial", {"lr": 1e-7, "num_warmup_steps": 0, "num_training_steps": 10}),
    ("err_pw_missing", "piecewise_constant", {"lr": 0.1}),
    ("err_pw_last_has_colon", "piecewise_constant", {"lr": 0.1, "step_rules": "1:10,0.5:20"}),
    ("err_pw_no_colon", "piecewise_constant", {"lr": 0.1, "step_rules": "1-10,0.5"}),
    ("err_pw_two_colons", "piecewise_constant", {"lr": 0.1, "step_rules": "1:10:20,0.5"}),
    ("err_pw_float_step", "piecewise_constant", {"lr": 0.1, "step_rules": "1:10.5,0.5"}),
    ("err_pw_bad_value", "piecewise_constant", {"lr": 0.1, "step_rules": "x:10,0.5"}),
    ("err_pw_empty", "piecewise_constant", {"lr": 0.1, "step_rules": ""}),
    ("err_pw_trailing_comma", "piecewise_constant", {"lr": 0.1, "step_rules": "1:10,"}),
]


# ---------------------------------------------------------------------------------------------------------------
# Writing.
# ---------------------------------------------------------------------------------------------------------------

def yaml_scalar(v):
    if isinstance(v, (bool, int, float)):
        return yaml_number(v)
    return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'


def spec_text(lib, case, name, params, nsteps, comments):
    lines = ["# " + c for c in comments]
    lines.append(f"steps: {nsteps}")
    lines.append("schedules:")
    lines.append(f"  - name: {case}")
    lines.append(f"    type: {lib}.{name}")
    for key in ["lr"] + sorted(k for k in params if k != "lr"):
        if key in params:
            lines.append(f"    {key}: {yaml_scalar(params[key])}")
    return "\n".join(lines) + "\n"


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def source_comments(lib, note, published=None):
    src = TF_SRC if lib == "hf" else DF_SRC
    out = ["Generated by src/tools/golden/hf_oracle.py (pure-Python float64 oracle written from the formulas of",
           "  " + src + ")"]
    if published is not None:
        out += ["Settings and expected values from " + TF_TEST.split(" (")[0],
                "  (ScheduleInitTest.test_schedulers; AdamW lr=10.0; checked there with delta=1e-2).",
                "  Published (rounded) values: " + ", ".join(repr(x) for x in published),
                "  The csv holds the exact values; the oracle asserts they match the published ones within 1e-2."]
        if lib == "diffusers":
            out.append("  diffusers' function is the same formula as transformers' (same test settings apply).")
    if note and note != "test":
        out.append("Note: " + note)
    return out


def published_for(name):
    for n, _, expected in PUBLISHED:
        if n == name:
            return expected
    return None


def emit(lib, cases, errors):
    out = OUT[lib]
    os.makedirs(out, exist_ok=True)
    for f in os.listdir(out):
        if f.endswith((".yaml", ".csv", ".error", ".raises")):
            os.remove(os.path.join(out, f))
    counts = {"csv": 0, "error": 0, "raises": 0}
    for case, name, params, steps, note in cases:
        published = published_for(name) if note == "test" else None
        nsteps = max(s for s in steps if s < 10 ** 5) + 1
        p, mult = build(lib, name, params)
        rows, raised = [], None
        for s in steps:
            try:
                rows.append((s, p["lr"] * mult(s, p)))
            except Raises as e:
                raised = (s, str(e))
                break
        write(os.path.join(out, case + ".yaml"), spec_text(lib, case, name, params, nsteps,
                                                           source_comments(lib, note, published)))
        write(os.path.join(out, case + ".csv"),
              f"step,{case}\n" + "".join(f"{s},{float(v)!r}\n" for s, v in rows))
        counts["csv"] += 1
        if raised:
            write(os.path.join(out, case + ".raises"), f"step: {raised[0]}\nmessage: {raised[1]}\n")
            counts["raises"] += 1
    for case, name, params in errors:
        try:
            build(lib, name, params)
        except SpecError as e:
            write(os.path.join(out, case + ".yaml"),
                  spec_text(lib, case, name, params, 10, source_comments(lib, None) +
                            ["Expected: building fails (see " + case + ".error)"]))
            write(os.path.join(out, case + ".error"), f"param: {e.param}\nmessage: {e.message}\n")
            counts["error"] += 1
        else:
            sys.exit(f"{lib} error case {case} did not fail")
    return counts


def main():
    worst = check_published()
    print(f"published transformers test values reproduced (max |oracle - published| = {worst:.4g}, "
          f"test tolerance 1e-2)")
    for lib, cases, errors in (("hf", HF_CASES, HF_ERRORS), ("diffusers", DF_CASES, DF_ERRORS)):
        names = [c[0] for c in cases] + [e[0] for e in errors]
        if len(names) != len(set(names)):
            sys.exit(f"duplicate case names in {lib}")
        print(lib, emit(lib, cases, errors))


if __name__ == "__main__":
    main()
