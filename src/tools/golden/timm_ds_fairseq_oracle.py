#!/usr/bin/env python3
"""Golden data for lrsched's timm, DeepSpeed and fairseq types.

Since library_golden.py runs the libraries' own scheduler code, this script is the cross-check (and the home of
the case definitions it still writes, see below). It is an independent oracle: every schedule
is re-derived in plain float64 Python from the formulas read in the libraries' sources (cited per library
below), in the same operation order, so that the printed values agree with the libraries to the last few
ulps. It is not a copy of their code: it evaluates each schedule as a pure function of lrsched's row index.

It also transcribes the expected values asserted by the libraries' own unit tests (section "from library
tests"); those cases carry the test's repo/path/commit in their header comment and list only the steps the
test asserts.

Row convention (lrsched's contract: row s = the learning rate used by optimizer update s, 0-based):
  timm       row s = Scheduler._get_lr(s), i.e. the value after scheduler.step(s) (t_in_epochs=True) or
             scheduler.step_update(s) (t_in_epochs=False).
  DeepSpeed  the engine builds the scheduler (last_batch_iteration=-1; the constructor sets the LR used by
             update 0) and calls scheduler.step() after every applied optimizer step, so update s >= 1 runs
             with get_lr() at last_batch_iteration = s-1.  row s = f(s-1), f(-1) = constructor value.
  fairseq    the trainer calls lr_scheduler.step_update(0) right after building the scheduler and
             step_update(num_updates) after every applied update, so row s = step_update(s).

Which files this script writes: only the test_* cases (transcribed from the libraries' tests) and the .error
cases. The computed cases (everything else in golden/timm, golden/deepspeed and golden/fairseq) are written by
src/tools/golden/library_golden.py, which runs the libraries' own scheduler modules; here they are only CHECKED
(LIBRARY_RUN): the oracle's rows must equal the committed CSV bit for bit and raise at the same step, else the
script stops. When the library run took over, the committed rows were reproduced bit for bit by the libraries'
code: timm 3135 of 3135, DeepSpeed 1851 of 1852 (the other is a test_ transcription: the test's expected 0.0015,
the code's 0.0014999999999999998), fairseq 2516 of 2516.

Usage: /usr/bin/python3 src/tools/golden/timm_ds_fairseq_oracle.py   (run from the repository root)
"""
import bisect
import math
import os
import shutil
import sys
from golden_yaml import yaml_number

OUT_ROOT = os.path.join("src", "test", "resources", "golden")
# libraries whose computed cases are written from the library's own code by another script (checked here only)
LIBRARY_RUN = {lib: "src/tools/golden/library_golden.py" for lib in ("timm", "deepspeed", "fairseq")}
SCRIPT = "src/tools/golden/timm_ds_fairseq_oracle.py"

SOURCES = {
    "timm": "huggingface/pytorch-image-models timm/scheduler/{cosine_lr.py@7479d451a6dfd8af27f941b8e82a7402461fae80,"
            " tanh_lr.py@0d4c04f3497fcb3987174a43ab4836564e8ecd54, poly_lr.py@7479d451a6dfd8af27f941b8e82a7402461fae80,"
            " step_lr.py@59b3d86c1d69fe85ccb5bbdb2f1711eadae6e4a7, multistep_lr.py@b1b024dfed5870cb1238c8c7c326d6ea8ef67300}",
    "deepspeed": "deepspeedai/DeepSpeed deepspeed/runtime/lr_schedules.py@614e3f17a0ca82dfc1ee9aaf887b783cac97a5bb"
                 " (engine: _take_model_step calls lr_scheduler.step() after each applied optimizer step)",
    "fairseq": "facebookresearch/fairseq fairseq/optim/lr_scheduler/*.py (dataclass versions, main;"
               " cosine_lr_scheduler.py@1ab54f9646abebf5346164335949f778723d5464) and fairseq/trainer.py"
               " (step_update(0) after build, step_update(num_updates) after each update)",
}

TIMM_TEST = "huggingface/pytorch-image-models tests/test_scheduler.py@ec0e81edcc9ff047da27cea2fc323a91dd14f8b2"
DS_TEST = "deepspeedai/DeepSpeed tests/unit/runtime/test_lr_schedulers.py@bc773c06ce6e738dfaf225a4bb0bbb96ab760cf1"


class StepRaises(Exception):
    """The library raises while computing the LR for this row (message is the library's)."""


# --------------------------------------------------------------------------------------------------
# timm
# --------------------------------------------------------------------------------------------------

def _timm_cycle(t, t_initial, cycle_mul):
    """(cycle index, cycle length, position in cycle) for the cosine/tanh/poly family.

    Geometric cycle lengths t_initial * cycle_mul**i; the index comes from the closed form of the geometric
    sum, evaluated as log(x)/log(cycle_mul) like Python's math.log(x, base), so boundary rounding matches."""
    if cycle_mul != 1:
        arg = 1 - t / t_initial * (1 - cycle_mul)
        if arg <= 0:
            raise StepRaises("ValueError: math domain error")
        i = math.floor(math.log(arg) / math.log(cycle_mul))
        length = cycle_mul ** i * t_initial
        pos = t - (1 - cycle_mul ** i) / (1 - cycle_mul) * t_initial
    else:
        i = t // t_initial
        length = t_initial
        pos = t - t_initial * i
    return i, length, pos


def timm_family(kind, p):
    base = p["lr"]
    lr_min = p.get("lr_min", 0.0)
    t_initial = p["t_initial"]
    cycle_mul = p.get("cycle_mul", 1.0)
    cycle_decay = p.get("cycle_decay", 1.0)
    cycle_limit = p.get("cycle_limit", 1)
    warmup_t = p.get("warmup_t", 0)
    warmup_lr_init = p.get("warmup_lr_init", 0)
    warmup_prefix = p.get("warmup_prefix", False)
    k = p.get("k_decay", 1.0)
    power = p.get("power", 0.5)
    lb = p.get("lb", -7.0)
    ub = p.get("ub", 3.0)
    assert t_initial > 0 and lr_min >= 0
    if kind == "tanh":
        assert lb < ub and cycle_limit >= 0 and warmup_t >= 0 and warmup_lr_init >= 0

    def curve(t):
        if warmup_prefix:
            t = t - warmup_t
        i, length, pos = _timm_cycle(t, t_initial, cycle_mul)
        if not i < cycle_limit:
            return lr_min
        peak = base * cycle_decay ** i
        if kind == "cosine":
            return lr_min + 0.5 * (peak - lr_min) * (1 + math.cos(math.pi * pos ** k / length ** k))
        if kind == "poly":
            return lr_min + (peak - lr_min) * (1 - pos ** k / length ** k) ** power
        frac = pos / length
        return lr_min + 0.5 * (peak - lr_min) * (1 - math.tanh(lb * (1. - frac) + ub * frac))

    if warmup_t:
        # Tanh without warmup_prefix warms up towards the curve's value at warmup_t (no jump);
        # cosine and poly always warm up towards the base LR (a jump when warmup_prefix is False).
        target = curve(warmup_t) if (kind == "tanh" and not warmup_prefix) else base
        slope = (target - warmup_lr_init) / warmup_t
    else:
        slope = 1

    def f(t):
        if t < warmup_t:
            return warmup_lr_init + t * slope
        return curve(t)
    return f


def timm_step(p, multi):
    base = p["lr"]
    decay_t = p["decay_t"]
    rate = p.get("decay_rate", 1.0)
    warmup_t = p.get("warmup_t", 0)
    warmup_lr_init = p.get("warmup_lr_init", 0)
    warmup_prefix = p.get("warmup_prefix", True)
    slope = (base - warmup_lr_init) / warmup_t if warmup_t else 1

    def f(t):
        if t < warmup_t:
            return warmup_lr_init + t * slope
        if warmup_prefix:
            t = t - warmup_t
        if multi:
            # milestone m applies from t == m - 1 (bisect_right against t + 1); decay_t assumed sorted
            n = bisect.bisect_right(decay_t, t + 1)
        else:
            n = t // decay_t
        return base * rate ** n
    return f


TIMM = {
    "timm.CosineLRScheduler": lambda p: timm_family("cosine", p),
    "timm.TanhLRScheduler": lambda p: timm_family("tanh", p),
    "timm.PolyLRScheduler": lambda p: timm_family("poly", p),
    "timm.StepLRScheduler": lambda p: timm_step(p, False),
    "timm.MultiStepLRScheduler": lambda p: timm_step(p, True),
}


def timm_rows(type_name, p):
    f = TIMM[type_name](p)
    return f  # row s = _get_lr(s)


# --------------------------------------------------------------------------------------------------
# DeepSpeed: functions of last_batch_iteration (lbi); row s = f(s - 1)
# --------------------------------------------------------------------------------------------------

def _ds_warmup_fraction(lbi, warmup_steps, warmup_type):
    if warmup_type == "linear":
        return lbi / warmup_steps
    return (1.0 / math.log(warmup_steps)) * math.log(lbi + 1)  # 'log' and any unknown value


def ds_warmup_lr(p, decay):
    min_lr = p.get("warmup_min_lr", 0.0)
    if decay:
        max_lr = p.get("warmup_max_lr", 0.001)
    else:
        max_lr = p["warmup_max_lr"] if "warmup_max_lr" in p else p["lr"]
    warmup = max(2, p.get("warmup_num_steps", 1000))
    wtype = p.get("warmup_type", "log")
    wtype = wtype if wtype in ("log", "linear") else "log"
    total = p["total_num_steps"] if decay else None
    delta = max_lr - min_lr

    def f(lbi):
        if lbi < 0:
            return min_lr
        if lbi < warmup:
            gamma = _ds_warmup_fraction(lbi, warmup, wtype)
        elif decay:
            gamma = max(0.0, float(total - lbi) / float(max(1.0, total - warmup)))
        else:
            gamma = 1.0
        return min_lr + delta * gamma
    return f


def ds_warmup_cosine(p):
    org_lr = p["lr"]
    total = p["total_num_steps"]
    warmup_min_ratio = p.get("warmup_min_ratio", 0.0)
    warmup = max(2, p.get("warmup_num_steps", 1000))
    cos_min_ratio = p.get("cos_min_ratio", 0.0001)
    wtype = p.get("warmup_type", "log")
    wtype = wtype if wtype in ("log", "linear") else "log"

    def ratio(lbi):
        if lbi < warmup:
            r = _ds_warmup_fraction(lbi, warmup, wtype)
            return warmup_min_ratio + r * (1. - warmup_min_ratio)
        progress = min(1.0, (lbi - warmup + 1) / max(1, total - warmup))
        r = (1 + math.cos(math.pi * progress)) / 2
        return max(0.0, cos_min_ratio + (1. - cos_min_ratio) * r)

    def f(lbi):
        if lbi < 0:
            return 0.0  # get_lr() before the first step is [0.0]: update 0 runs at LR 0
        return org_lr * ratio(lbi)
    return f


def ds_one_cycle(p):
    lo = p["cycle_min_lr"]
    hi = p["cycle_max_lr"]
    rate = p.get("decay_lr_rate", 0.0)
    first = float(p.get("cycle_first_step_size", 2000))
    second = float(p["cycle_second_step_size"]) if p.get("cycle_second_step_size") is not None else first
    decay_step = p.get("decay_step_size", 0)
    total = first + second
    if total == 0:
        raise ValueError("ZeroDivisionError: float division by zero")
    up_fraction = first / total
    skip_decay = decay_step == 0 or rate == 0

    def f(lbi):
        if lbi < 0:
            return lo  # the constructor sets cycle_min_lr
        if lbi < total:
            it = lbi + 1
            cycle = math.floor(1 + it / total)
            x = 1. + it / total - cycle
            try:
                if x <= up_fraction:
                    scale = x / up_fraction
                else:
                    scale = (x - 1) / (up_fraction - 1)
            except ZeroDivisionError:
                raise StepRaises("ZeroDivisionError: float division by zero")
            return lo + (hi - lo) * scale
        if skip_decay:
            return lo
        return lo / (1 + rate * ((lbi - total + 1) / decay_step))
    return f


DEEPSPEED = {
    "deepspeed.WarmupLR": lambda p: ds_warmup_lr(p, False),
    "deepspeed.WarmupDecayLR": lambda p: ds_warmup_lr(p, True),
    "deepspeed.WarmupCosineLR": ds_warmup_cosine,
    "deepspeed.OneCycle": ds_one_cycle,
}


def ds_rows(type_name, p):
    if type_name != "deepspeed.OneCycle":
        w = p.get("warmup_num_steps", 1000)
        if not isinstance(w, int) or isinstance(w, bool) or w <= 0:
            raise ValueError(f"warmup_num_steps must be a positive integer, got {w}")
    f = DEEPSPEED[type_name](p)
    return lambda s: f(s - 1)


# --------------------------------------------------------------------------------------------------
# fairseq: row s = step_update(s)
# --------------------------------------------------------------------------------------------------

def _fs_lr(p):
    lr = p.get("lr", [0.25])
    if isinstance(lr, list):
        if len(lr) != 1:
            raise ValueError("multi-element lr")
        return lr[0]
    return lr


def fs_inverse_sqrt(p):
    peak = _fs_lr(p)
    warmup = p.get("warmup_updates", 4000)
    init = p.get("warmup_init_lr", -1)
    if init < 0:
        init = 0 if warmup > 0 else peak
    if warmup == 0:
        raise ValueError("ZeroDivisionError: float division by zero")
    slope = (peak - init) / warmup
    scale = peak * warmup ** 0.5

    def f(n):
        if n < warmup:
            return init + n * slope
        return scale * n ** -0.5
    return f


def fs_cosine(p):
    peak = _fs_lr(p)
    floor_lr = p.get("min_lr", 0.0)
    assert peak > floor_lr
    warmup = p.get("warmup_updates", 0)
    init = p.get("warmup_init_lr", -1)
    if init < 0:
        init = floor_lr
    t_mult = p.get("t_mult", 1.0)
    period = p.get("lr_period_updates", -1)
    if period <= 0:
        assert p.get("max_update", 0) > 0
        period = p["max_update"] - warmup
    shrink = p.get("lr_shrink", 0.1)
    slope = (peak - init) / warmup if warmup > 0 else 1

    def f(n):
        if n < warmup:
            return init + n * slope
        c = n - warmup
        if t_mult != 1:
            arg = 1 - c / period * (1 - t_mult)
            if arg <= 0:
                raise StepRaises("ValueError: math domain error")
            i = math.floor(math.log(arg) / math.log(t_mult))
            length = t_mult ** i * period
            pos = c - (1 - t_mult ** i) / (1 - t_mult) * period
        else:
            i = math.floor(c / period)
            length = period
            pos = c - period * i
        g = shrink ** i
        lo = floor_lr * g
        hi = peak * g
        return lo + 0.5 * (hi - lo) * (1 + math.cos(math.pi * pos / length))
    return f


def fs_polynomial(p):
    peak = _fs_lr(p)
    warmup = p.get("warmup_updates", 0)
    end = p.get("end_learning_rate", 0.0)
    power = p.get("power", 1.0)
    total = p.get("total_num_update", p.get("max_update", 0))
    assert total > 0
    if p.get("force_anneal") is not None:
        raise ValueError("force_anneal needs epoch boundaries")

    def f(n):
        if warmup > 0 and n <= warmup:
            return n / float(warmup) * peak
        if n >= total:
            return end
        remaining = 1 - (n - warmup) / (total - warmup)
        return (peak - end) * remaining ** power + end
    return f


def fs_tri_stage(p):
    peak = _fs_lr(p)
    init_scale = p.get("init_lr_scale", 0.01)
    final_scale = p.get("final_lr_scale", 0.01)
    ratios = p.get("phase_ratio")
    if ratios is not None:
        max_update = p.get("max_update", 0)
        assert max_update > 0
        assert sum(ratios) == 1, "phase ratios must add up to 1"
        w, h, d = (int(max_update * r) for r in ratios)
    else:
        w, h, d = p.get("warmup_steps", 0), p.get("hold_steps", 0), p.get("decay_steps", 0)
    assert w + h + d > 0, "please specify steps or phase_ratio"
    init = init_scale * peak
    final = final_scale * peak
    slope = (peak - init) / w if w != 0 else 0
    decay_rate = -math.log(final_scale) / d

    def f(n):
        if n < w:
            return init + slope * n
        if n < w + h:
            return peak
        if n <= w + h + d:
            return peak * math.exp(-decay_rate * (n - w - h))
        return final
    return f


def fs_triangular(p):
    lo = _fs_lr(p)
    hi = p["max_lr"]
    assert hi > lo, "max_lr must be more than lr"
    half = p.get("lr_period_updates", 5000) // 2
    shrink = p.get("lr_shrink", 0.1)
    shrink_min = p.get("shrink_min", False)
    if half == 0:
        raise ValueError("ZeroDivisionError: float division by zero")

    def f(n):
        cycle = math.floor(n / (2 * half))
        g = shrink ** cycle
        top = hi * g
        bottom = lo * g if shrink_min else lo
        x = abs(n / half - 2 * (cycle + 1) + 1)
        return bottom + (top - bottom) * max(0, (1 - x))
    return f


FAIRSEQ = {
    "fairseq.inverse_sqrt": fs_inverse_sqrt,
    "fairseq.cosine": fs_cosine,
    "fairseq.polynomial_decay": fs_polynomial,
    "fairseq.tri_stage": fs_tri_stage,
    "fairseq.triangular": fs_triangular,
}


def row_function(type_name, p):
    if type_name in TIMM:
        if p.get("noise_range_t") is not None:
            raise ValueError("noise")
        return timm_rows(type_name, p)
    if type_name in DEEPSPEED:
        return ds_rows(type_name, p)
    if type_name in FAIRSEQ:
        return FAIRSEQ[type_name](p)
    raise KeyError(type_name)


# --------------------------------------------------------------------------------------------------
# Writing cases
# --------------------------------------------------------------------------------------------------

def yaml_scalar(v):
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(yaml_scalar(x) for x in v) + "]"
    if isinstance(v, (bool, int, float)) or v is None:
        return yaml_number(v)
    return str(v)


def write_case(lib, case, type_name, params, steps, header, rows=None, error=None, raises=None, dense=None):
    d = os.path.join(OUT_ROOT, lib)
    os.makedirs(d, exist_ok=True)
    lines = [f"# {h}" for h in header]
    lines.append(f"steps: {dense if dense is not None else (max(steps) + 1 if steps else 1)}")
    lines.append("schedules:")
    lines.append(f"  - name: {case}")
    lines.append(f"    type: {type_name}")
    for k, v in params.items():
        lines.append(f"    {k}: {yaml_scalar(v)}")
    with open(os.path.join(d, case + ".yaml"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
    if error is not None:
        with open(os.path.join(d, case + ".error"), "w") as fh:
            fh.write(f"param: {error[0]}\nmessage: {error[1]}\n")
        return
    with open(os.path.join(d, case + ".csv"), "w") as fh:
        fh.write(f"step,{case}\n")
        for s, v in rows:
            fh.write(f"{s},{float(v)!r}\n")
    if raises is not None:
        with open(os.path.join(d, case + ".raises"), "w") as fh:
            fh.write(f"step: {raises[0]}\nmessage: {raises[1]}\n")


def default_steps(n, extra=(), stride=1):
    steps = sorted(set(range(0, n, stride)) | set(range(min(n, 64))) | {n - 1})
    return steps + sorted(s for s in set(extra) if s >= n)


FAR = (999, 1000, 1001, 4999, 5000, 5001, 99999, 999999, 10**9, 10**12)


def oracle_case(lib, case, type_name, params, n, extra=FAR, note=None, stride=1):
    steps = default_steps(n, extra, stride)
    f = row_function(type_name, params)
    rows, raised = [], None
    for s in steps:
        try:
            rows.append((s, f(s)))
        except StepRaises as e:
            raised = (s, str(e))
            break
    if lib in LIBRARY_RUN:
        check_case(lib, case, rows, raised)
        return
    header = [f"generated by {SCRIPT} (independent float64 oracle from the library formulas)",
              f"formulas from {SOURCES[lib]}"]
    if note:
        header.append(note)
    write_case(lib, case, type_name, params, steps, header, rows=rows, raises=raised, dense=n)


def check_case(lib, case, rows, raised):
    """The oracle's rows against the committed CSV written by LIBRARY_RUN[lib]: bit for bit, same raise."""
    base = os.path.join(OUT_ROOT, lib, case)
    with open(base + ".csv") as fh:
        committed = [tuple(ln.split(",")) for ln in fh.read().splitlines()[1:]]
    mine = [(str(s), repr(float(v))) for s, v in rows]
    if mine != committed:
        bad = next((m, c) for m, c in zip(mine + [None] * len(committed), committed + [None] * len(mine)) if m != c)
        raise SystemExit(f"oracle disagrees with {LIBRARY_RUN[lib]}'s {case}: oracle {bad[0]}, committed {bad[1]}")
    committed_raise = None
    if os.path.exists(base + ".raises"):
        d = dict(ln.split(": ", 1) for ln in open(base + ".raises").read().splitlines() if ln)
        committed_raise = (int(d["step"]), d["message"])
    if raised != committed_raise:
        raise SystemExit(f"oracle raises {raised} in {case}, {LIBRARY_RUN[lib]} wrote {committed_raise}")


def error_case(lib, case, type_name, params, param, message, note=None):
    try:
        row_function(type_name, params)(0)
    except (ValueError, AssertionError, KeyError, TypeError, ZeroDivisionError):
        pass
    else:
        raise SystemExit(f"oracle accepted error case {case}")
    header = [f"invalid-argument case written by {SCRIPT}",
              f"behaviour from {SOURCES[lib]}"]
    if note:
        header.append(note)
    write_case(lib, case, type_name, params, [0], header, error=(param, message), dense=10)


def test_case(lib, case, type_name, params, expected, source, note):
    """Values asserted by the library's own unit test (expected: {row: value})."""
    rows = sorted(expected.items())
    # the oracle must reproduce the library's own test before anything is written
    f = row_function(type_name, params)
    for s, v in rows:
        got = f(s)
        if abs(got - v) > 1e-12 + 1e-9 * abs(v):
            raise SystemExit(f"oracle disagrees with library test {case} at {s}: {got} vs {v}")
    header = [f"transcribed from {source}", note, f"(written by {SCRIPT})"]
    write_case(lib, case, type_name, params, [s for s, _ in rows], header, rows=rows)


# --------------------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------------------

def timm_cases():
    L = "timm"
    C = "timm.CosineLRScheduler"
    T = "timm.TanhLRScheduler"
    P = "timm.PolyLRScheduler"
    S = "timm.StepLRScheduler"
    M = "timm.MultiStepLRScheduler"
    o = lambda *a, **k: oracle_case(L, *a, **k)
    # cosine
    o("cosine_defaults", C, {"lr": 0.1, "t_initial": 100}, 130)
    o("cosine_lr_min", C, {"lr": 0.05, "t_initial": 50, "lr_min": 1e-4}, 80)
    o("cosine_warmup_no_prefix_jumps", C, {"lr": 0.1, "t_initial": 60, "warmup_t": 10, "warmup_lr_init": 1e-3}, 80,
      note="warmup_prefix defaults to False: the warmup ends at lr but the curve continues from raw t=warmup_t")
    o("cosine_warmup_prefix", C, {"lr": 0.1, "t_initial": 60, "warmup_t": 10, "warmup_lr_init": 1e-3,
                                  "warmup_prefix": True}, 90)
    o("cosine_warmup_longer_than_cycle", C, {"lr": 0.2, "t_initial": 5, "warmup_t": 8, "warmup_lr_init": 0.01,
                                              "lr_min": 0.001}, 20)
    o("cosine_cycles_equal", C, {"lr": 0.1, "t_initial": 20, "cycle_limit": 4, "cycle_decay": 0.5,
                                 "lr_min": 1e-3}, 100)
    o("cosine_cycle_mul2", C, {"lr": 0.1, "t_initial": 10, "cycle_mul": 2.0, "cycle_limit": 5,
                               "cycle_decay": 0.8}, 330, extra=(620, 630, 631, 10**6, 10**12))
    o("cosine_cycle_mul_fraction", C, {"lr": 1.0, "t_initial": 7, "cycle_mul": 1.5, "cycle_limit": 6,
                                       "lr_min": 0.01, "warmup_t": 3, "warmup_prefix": True}, 140)
    o("cosine_cycle_mul_log_rounding", C, {"lr": 0.1, "t_initial": 10, "cycle_mul": 10.0, "cycle_limit": 5,
                                           "cycle_decay": 0.5, "lr_min": 0.001}, 120,
      extra=(1108, 1109, 1110, 1111, 1112, 11110, 11111, 111110, 111111),
      note="t=1110 is a cycle start, but math.log(1000, 10) = 2.9999999999999996, so timm stays in cycle 2 "
           "(LR = lr_min) for that one step")
    o("cosine_cycle_mul_below_one_raises", C, {"lr": 0.1, "t_initial": 10, "cycle_mul": 0.5, "cycle_limit": 3}, 40,
      extra=(), note="cycle_mul < 1: log of a non-positive number once t >= t_initial/(1-cycle_mul): ValueError")
    o("cosine_cycle_limit_zero", C, {"lr": 0.1, "t_initial": 10, "cycle_limit": 0, "lr_min": 0.02,
                                     "warmup_t": 4, "warmup_lr_init": 0.0}, 20)
    o("cosine_unlimited_cycles", C, {"lr": 0.3, "t_initial": 13, "cycle_limit": 1000000, "cycle_decay": 0.9}, 60)
    o("cosine_k_decay", C, {"lr": 0.1, "t_initial": 40, "k_decay": 2.5, "lr_min": 0.001}, 60)
    o("cosine_k_decay_small", C, {"lr": 0.1, "t_initial": 40, "k_decay": 0.3, "cycle_limit": 2}, 90)
    o("cosine_float_t_initial", C, {"lr": 0.1, "t_initial": 7.5, "cycle_limit": 3}, 30)
    o("cosine_t_in_epochs_false", C, {"lr": 0.01, "t_initial": 1000, "warmup_t": 100, "warmup_lr_init": 1e-6,
                                      "t_in_epochs": False}, 1200, stride=11, extra=(99, 100, 101, 999, 1000, 1001,
                                                                                      2000, 10**9),
      note="t_in_epochs=False: the same curve, driven by step_update(num_updates) instead of step(epoch)")
    o("cosine_noise_args_inert", C, {"lr": 0.1, "t_initial": 30, "noise_pct": 0.5, "noise_std": 2.0,
                                     "noise_seed": 7}, 40,
      note="noise_pct/noise_std/noise_seed have no effect while noise_range_t is None")
    o("cosine_t_initial_one", C, {"lr": 0.1, "t_initial": 1, "cycle_limit": 5, "cycle_decay": 0.5}, 10)
    # tanh
    o("tanh_defaults", T, {"lr": 0.1, "t_initial": 100}, 130,
      note="row 0 is _get_lr(0) = lr*(1-tanh(-7))/2, slightly below lr (the constructor alone sets lr)")
    o("tanh_bounds", T, {"lr": 0.1, "t_initial": 50, "lb": -3.0, "ub": 5.0, "lr_min": 0.01}, 70)
    o("tanh_warmup_no_prefix_targets_curve", T, {"lr": 0.1, "t_initial": 40, "warmup_t": 8, "warmup_lr_init": 0.0,
                                                 "lr_min": 0.001}, 60,
      note="Tanh (unlike cosine/poly) warms up towards the curve's value at t=warmup_t, so no jump")
    o("tanh_warmup_prefix", T, {"lr": 0.1, "t_initial": 40, "warmup_t": 8, "warmup_lr_init": 0.005,
                                "warmup_prefix": True}, 60)
    o("tanh_cycles", T, {"lr": 0.1, "t_initial": 15, "cycle_mul": 2.0, "cycle_decay": 0.7, "cycle_limit": 3,
                         "lr_min": 0.002}, 120)
    # poly
    o("poly_defaults", P, {"lr": 0.1, "t_initial": 100}, 130, note="power defaults to 0.5 (square root)")
    o("poly_power2", P, {"lr": 0.1, "t_initial": 50, "power": 2.0, "lr_min": 0.001}, 60)
    o("poly_linear_warmup_jump", P, {"lr": 0.1, "t_initial": 50, "power": 1.0, "warmup_t": 10,
                                     "warmup_lr_init": 0.01}, 60)
    o("poly_cycles_k_decay", P, {"lr": 0.2, "t_initial": 12, "power": 1.5, "k_decay": 0.5, "cycle_limit": 4,
                                 "cycle_decay": 0.5, "cycle_mul": 1.5, "warmup_t": 2, "warmup_prefix": True,
                                 "warmup_lr_init": 0.02}, 110)
    # step
    o("step_defaults_constant", S, {"lr": 0.1, "decay_t": 10}, 30, note="decay_rate defaults to 1.0: constant")
    o("step_decay", S, {"lr": 0.1, "decay_t": 7, "decay_rate": 0.5}, 60)
    o("step_warmup_prefix_default", S, {"lr": 0.1, "decay_t": 10, "decay_rate": 0.1, "warmup_t": 5,
                                        "warmup_lr_init": 1e-4}, 40,
      note="Step/MultiStep default warmup_prefix=True: decays counted after the warmup")
    o("step_warmup_no_prefix", S, {"lr": 0.1, "decay_t": 10, "decay_rate": 0.1, "warmup_t": 5,
                                   "warmup_lr_init": 1e-4, "warmup_prefix": False}, 40)
    o("step_float_decay_t", S, {"lr": 1.0, "decay_t": 2.5, "decay_rate": 0.9}, 30)
    # multistep
    o("multistep_one_early", M, {"lr": 0.1, "decay_t": [10, 20, 30], "decay_rate": 0.5}, 40,
      note="bisect_right(decay_t, t+1): milestone m takes effect at t = m-1, one step before torch MultiStepLR")
    o("multistep_warmup_prefix", M, {"lr": 0.1, "decay_t": [5, 15], "decay_rate": 0.1, "warmup_t": 3,
                                     "warmup_lr_init": 0.001}, 30)
    o("multistep_warmup_no_prefix", M, {"lr": 0.1, "decay_t": [5, 15], "decay_rate": 0.1, "warmup_t": 3,
                                        "warmup_lr_init": 0.001, "warmup_prefix": False}, 30)
    o("multistep_repeated_and_early", M, {"lr": 0.1, "decay_t": [0, 1, 8, 8, 12], "decay_rate": 0.5}, 20,
      note="milestones 0 and 1 already apply at t=0; a repeated milestone decays twice")
    o("multistep_unsorted", M, {"lr": 0.1, "decay_t": [20, 5, 10], "decay_rate": 0.5}, 30,
      note="decay_t is assumed sorted; bisect on an unsorted list gives these (odd) counts")
    o("multistep_defaults_constant", M, {"lr": 0.1, "decay_t": [3, 6]}, 10)
    # errors
    e = lambda *a, **k: error_case(L, *a, **k)
    e("cosine_t_initial_zero", C, {"lr": 0.1, "t_initial": 0}, "t_initial", "AssertionError (assert t_initial > 0)")
    e("cosine_lr_min_negative", C, {"lr": 0.1, "t_initial": 10, "lr_min": -0.1}, "lr_min",
      "AssertionError (assert lr_min >= 0)")
    e("poly_t_initial_negative", P, {"lr": 0.1, "t_initial": -5}, "t_initial", "AssertionError (assert t_initial > 0)")
    e("tanh_lb_not_below_ub", T, {"lr": 0.1, "t_initial": 10, "lb": 3.0, "ub": 3.0}, "lb",
      "AssertionError (assert lb < ub)")
    e("tanh_cycle_limit_negative", T, {"lr": 0.1, "t_initial": 10, "cycle_limit": -1}, "cycle_limit",
      "AssertionError (assert cycle_limit >= 0)")
    e("tanh_warmup_t_negative", T, {"lr": 0.1, "t_initial": 10, "warmup_t": -2}, "warmup_t",
      "AssertionError (assert warmup_t >= 0)")
    e("tanh_warmup_lr_init_negative", T, {"lr": 0.1, "t_initial": 10, "warmup_t": 2, "warmup_lr_init": -0.1},
      "warmup_lr_init", "AssertionError (assert warmup_lr_init >= 0)")
    e("cosine_noise_refused", C, {"lr": 0.1, "t_initial": 10, "noise_range_t": 5}, "noise_range_t",
      "timm LR noise is drawn from torch.Generator (seeded noise_seed + t); lrsched cannot reproduce it",
      note="timm itself accepts noise; lrsched refuses it because the values depend on torch's RNG")
    e("step_noise_refused", S, {"lr": 0.1, "decay_t": 10, "noise_range_t": [2, 8]}, "noise_range_t",
      "timm LR noise is drawn from torch.Generator (seeded noise_seed + t); lrsched cannot reproduce it",
      note="timm itself accepts noise; lrsched refuses it because the values depend on torch's RNG")
    e("cosine_missing_t_initial", C, {"lr": 0.1}, "t_initial",
      "TypeError: __init__() missing 1 required positional argument: 't_initial'")
    e("multistep_missing_decay_t", M, {"lr": 0.1}, "decay_t",
      "TypeError: __init__() missing 1 required positional argument: 'decay_t'")


def timm_test_cases():
    L, src = "timm", TIMM_TEST
    tc = lambda *a: test_case(L, *a)
    base, lr_min = 0.1, 0.001
    tc("test_cosine_decay", "timm.CosineLRScheduler", {"lr": base, "t_initial": 100, "lr_min": lr_min},
       {0: base, 50: lr_min + 0.5 * (base - lr_min) * (1 + math.cos(math.pi * 0.5)), 100: lr_min}, src,
       "TestCosineScheduler.test_cosine_decay: lr at t=0, t_initial//2 and t_initial")
    tc("test_cosine_cycles", "timm.CosineLRScheduler",
       {"lr": base, "t_initial": 50, "lr_min": lr_min, "cycle_limit": 2},
       {t: lr_min for t in range(100, 110)}, src,
       "TestCosineScheduler.test_cosine_cycles: lr_min after cycle_limit cycles (t = 100..109)")
    tc("test_step_decay", "timm.StepLRScheduler", {"lr": base, "decay_t": 10, "decay_rate": 0.5},
       {9: base, 10: base * 0.5, 20: base * 0.5 ** 2}, src, "TestStepScheduler.test_step_decay")
    tc("test_multistep_decay", "timm.MultiStepLRScheduler",
       {"lr": base, "decay_t": [10, 20, 30], "decay_rate": 0.5},
       {8: base, 11: base * 0.5, 21: base * 0.5 ** 2, 31: base * 0.5 ** 3}, src,
       "TestMultiStepScheduler.test_multistep_decay")
    tc("test_poly_decay", "timm.PolyLRScheduler", {"lr": base, "t_initial": 100, "lr_min": lr_min, "power": 1.0},
       {0: base, 100: lr_min}, src, "TestPolyScheduler.test_poly_decay")
    for name, type_name, extra in [
            ("cosine", "timm.CosineLRScheduler", {"t_initial": 100}),
            ("step", "timm.StepLRScheduler", {"decay_t": 10, "decay_rate": 0.5}),
            ("multistep", "timm.MultiStepLRScheduler", {"decay_t": [10, 20, 30], "decay_rate": 0.5}),
            ("poly", "timm.PolyLRScheduler", {"t_initial": 100}),
            ("tanh", "timm.TanhLRScheduler", {"t_initial": 100})]:
        params = {"lr": base, **extra, "warmup_t": 5, "warmup_lr_init": 0.001, "warmup_prefix": True}
        if name == "tanh":
            # the test only checks pytest.approx(base_lr, rel=1e-5) here: tanh's t=0 value is
            # base*(1-tanh(-7))/2 = 0.0999999168..., so only the exact warmup start is transcribed
            tc(f"test_warmup_prefix_{name}", type_name, params, {0: 0.001}, src,
               "TestWarmup.test_warmup_lr_increases: LR starts at warmup_lr_init (t=warmup_t only approx)")
            continue
        tc(f"test_warmup_prefix_{name}", type_name, params, {0: 0.001, 5: base}, src,
           "TestWarmup: LR starts at warmup_lr_init and, with warmup_prefix=True, is base_lr at t=warmup_t")


def deepspeed_cases():
    L = "deepspeed"
    W, WD, WC, OC = "deepspeed.WarmupLR", "deepspeed.WarmupDecayLR", "deepspeed.WarmupCosineLR", "deepspeed.OneCycle"
    o = lambda *a, **k: oracle_case(L, *a, **k)
    o("warmup_lr_log_default", W, {"lr": 0.001, "warmup_min_lr": 0.0, "warmup_num_steps": 100}, 130,
      note="row 0 = warmup_min_lr (constructor), row s = f(s-1); log warmup reaches the max at row W")
    o("warmup_lr_linear", W, {"lr": 0.01, "warmup_min_lr": 0.001, "warmup_max_lr": 0.02, "warmup_num_steps": 20,
                              "warmup_type": "linear"}, 40,
      note="linear warmup reaches the max at row W+1 (one row later than log)")
    o("warmup_lr_max_from_optimizer", W, {"lr": 0.003, "warmup_num_steps": 10}, 20,
      note="warmup_max_lr defaults to the optimizer's lr (None -> param_groups lr)")
    o("warmup_lr_one_step_becomes_two", W, {"lr": 0.1, "warmup_min_lr": 0.01, "warmup_num_steps": 1,
                                            "warmup_type": "linear"}, 6,
      note="warmup_num_steps is raised to max(2, warmup_num_steps)")
    o("warmup_lr_unknown_type_is_log", W, {"lr": 0.1, "warmup_num_steps": 12, "warmup_type": "cosine"}, 20,
      note="an unknown warmup_type only logs a warning and falls back to log")
    o("warmup_lr_decreasing", W, {"lr": 0.1, "warmup_min_lr": 0.05, "warmup_max_lr": 0.01,
                                  "warmup_num_steps": 8}, 15, note="no check that max > min")
    o("warmup_decay_lr_log", WD, {"total_num_steps": 100, "warmup_min_lr": 0.0, "warmup_max_lr": 0.01,
                                  "warmup_num_steps": 10}, 120)
    o("warmup_decay_lr_linear", WD, {"total_num_steps": 50, "warmup_min_lr": 0.001, "warmup_max_lr": 0.1,
                                     "warmup_num_steps": 10, "warmup_type": "linear"}, 60)
    o("warmup_decay_lr_default_max", WD, {"lr": 0.5, "total_num_steps": 3000}, 3010, stride=23,
      extra=(999, 1000, 1001, 1002, 2999, 3000, 3001, 3002, 10**6),
      note="WarmupDecayLR keeps warmup_max_lr=0.001 as default (it ignores the optimizer's lr)")
    o("warmup_decay_lr_total_below_warmup", WD, {"total_num_steps": 5, "warmup_max_lr": 0.01,
                                                 "warmup_num_steps": 10}, 20,
      note="total_num_steps < warmup_num_steps: only a warning; min_lr right after the warmup")
    o("warmup_cosine_lr_log", WC, {"lr": 0.0015, "total_num_steps": 100, "warmup_num_steps": 10,
                                   "warmup_min_ratio": 0.2, "cos_min_ratio": 0.1}, 120,
      note="row 0 is 0.0 (get_lr before the first step), then warmup_min_ratio*lr; flat at cos_min_ratio after")
    o("warmup_cosine_lr_linear_defaults", WC, {"lr": 0.01, "total_num_steps": 3000, "warmup_type": "linear"}, 3010,
      stride=23, extra=(999, 1000, 1001, 1002, 2999, 3000, 3001, 3002) + FAR,
      note="defaults: warmup_num_steps 1000, warmup_min_ratio 0, cos_min_ratio 1e-4")
    o("warmup_cosine_lr_total_equals_warmup", WC, {"lr": 0.01, "total_num_steps": 10, "warmup_num_steps": 10,
                                                   "cos_min_ratio": 0.1}, 20)
    o("warmup_cosine_lr_negative_floor", WC, {"lr": 1.0, "total_num_steps": 30, "warmup_num_steps": 5,
                                              "cos_min_ratio": -0.5}, 40,
      note="the ratio is clipped at 0 by max(0.0, ...)")
    o("warmup_cosine_lr_unknown_type", WC, {"lr": 0.001, "total_num_steps": 100, "warmup_num_steps": 10,
                                            "warmup_type": "not_a_warmup_type"}, 20)
    o("one_cycle_symmetric", OC, {"cycle_min_lr": 0.001, "cycle_max_lr": 0.01, "cycle_first_step_size": 10}, 40,
      note="no decay (decay_lr_rate 0): cycle_min_lr after the cycle; row s uses batch_iteration s")
    o("one_cycle_asymmetric_decay", OC, {"cycle_min_lr": 0.0001, "cycle_max_lr": 0.003, "cycle_first_step_size": 7,
                                         "cycle_second_step_size": 13, "decay_lr_rate": 0.5,
                                         "decay_step_size": 4}, 60)
    o("one_cycle_decay_needs_step_size", OC, {"cycle_min_lr": 0.001, "cycle_max_lr": 0.1,
                                              "cycle_first_step_size": 5, "decay_lr_rate": 0.9}, 20,
      note="decay_step_size 0 (default) disables the decay even with decay_lr_rate > 0")
    o("one_cycle_stairs_ignored", OC, {"cycle_min_lr": 0.001, "cycle_max_lr": 0.1, "cycle_first_step_size": 6,
                                       "cycle_first_stair_count": 3, "cycle_second_stair_count": 2,
                                       "decay_lr_rate": 0.1, "decay_step_size": 3}, 30,
      note="stair counts are stored but never used by the LR formula")
    o("one_cycle_momentum_ignored", OC, {"cycle_min_lr": 0.01, "cycle_max_lr": 0.05, "cycle_first_step_size": 4,
                                         "cycle_momentum": True, "cycle_min_mom": 0.85, "cycle_max_mom": 0.95,
                                         "decay_mom_rate": 0.1, "decay_lr_rate": 0.01, "decay_step_size": 1}, 20)
    o("one_cycle_defaults", OC, {"cycle_min_lr": 0.0, "cycle_max_lr": 0.1}, 4010, stride=29,
      extra=(1999, 2000, 2001, 3999, 4000, 4001, 10**6),
      note="cycle_first_step_size 2000, second = first")
    o("one_cycle_float_steps", OC, {"cycle_min_lr": 0.01, "cycle_max_lr": 0.02, "cycle_first_step_size": 2.5,
                                    "cycle_second_step_size": 4.5, "decay_lr_rate": 0.2, "decay_step_size": 2}, 20)
    o("one_cycle_no_second_half", OC, {"cycle_min_lr": 0.01, "cycle_max_lr": 0.02, "cycle_first_step_size": 5,
                                       "cycle_second_step_size": 0}, 12)
    o("one_cycle_first_step_zero_raises", OC, {"cycle_min_lr": 0.01, "cycle_max_lr": 0.02,
                                               "cycle_first_step_size": 0, "cycle_second_step_size": 6}, 12,
      extra=(), note="with an empty first half, the step that reaches batch_iteration == total size divides 0/0")
    e = lambda *a, **k: error_case(L, *a, **k)
    for cls, short, extra in [(W, "warmup_lr", {"lr": 0.1}), (WD, "warmup_decay_lr", {"total_num_steps": 100}),
                              (WC, "warmup_cosine_lr", {"lr": 0.1, "total_num_steps": 100})]:
        e(f"{short}_warmup_steps_zero", cls, {**extra, "warmup_num_steps": 0}, "warmup_num_steps",
          "ValueError: warmup_num_steps must be a positive integer, got 0")
    # DeepSpeed also rejects warmup_num_steps=10.0 (not an int); lrsched reads 10.0 as the whole number 10, so
    # that refusal is not reproduced (documented in src/docs/compat/deepspeed.md).
    e("one_cycle_zero_total", OC, {"cycle_min_lr": 0.01, "cycle_max_lr": 0.1, "cycle_first_step_size": 0},
      "cycle_first_step_size", "ZeroDivisionError: float division by zero")
    e("one_cycle_missing_max", OC, {"cycle_min_lr": 0.01}, "cycle_max_lr",
      "TypeError: __init__() missing 1 required positional argument: 'cycle_max_lr'")
    e("warmup_decay_lr_missing_total", WD, {"warmup_max_lr": 0.1}, "total_num_steps",
      "TypeError: __init__() missing 1 required positional argument: 'total_num_steps'")
    e("warmup_cosine_lr_missing_total", WC, {"lr": 0.1}, "total_num_steps",
      "TypeError: __init__() missing 1 required positional argument: 'total_num_steps'")
    e("warmup_cosine_lr_missing_lr", WC, {"total_num_steps": 100}, "lr",
      "WarmupCosineLR scales the optimizer's lr: give lr",
      note="lrsched needs the optimizer lr (param_groups lr) that DeepSpeed reads")


def deepspeed_test_cases():
    L, src = "deepspeed", DS_TEST
    tc = lambda *a: test_case(L, *a)
    note_after = "(test reads get_lr() after model.step() number n+1, i.e. lrsched row n+1)"
    for w in (10, 15, 19, 33):
        for wt in ("log", "linear"):
            p = {"lr": 0.00015, "warmup_min_lr": 0.1, "warmup_max_lr": 0.2, "warmup_num_steps": w,
                 "warmup_type": wt}
            exp = {1: 0.1}
            exp.update({n + 1: 0.2 for n in range(w, 2 * w)})
            tc(f"test_warmup_lr_{wt}_{w}", "deepspeed.WarmupLR", p, exp, src,
               "TestLrSchedule.test_lr_warmup_schedule " + note_after)
            p = {"lr": 0.00015, "warmup_min_lr": 0.1, "warmup_max_lr": 0.2, "warmup_num_steps": w,
                 "total_num_steps": 2 * w, "warmup_type": wt}
            tc(f"test_warmup_decay_lr_{wt}_{w}", "deepspeed.WarmupDecayLR", p, {1: 0.1, w + 1: 0.2}, src,
               "TestLrSchedule.test_lr_warmup_decay_schedule " + note_after)
    for i, (lo, hi, rate, size, dsize) in enumerate([(1e-5, 1e-2, 1e-3, 10, 10), (1e-3, 1e-1, 0, 21, 21),
                                                    (1e-3, 1e-1, 1e-1, 21, 21), (1e-5, 1e-1, 0, 10, 0)]):
        p = {"lr": 0.00015, "cycle_min_lr": lo, "cycle_max_lr": hi, "decay_lr_rate": rate,
             "cycle_first_step_size": size, "decay_step_size": dsize}
        tc(f"test_one_cycle_{i}", "deepspeed.OneCycle", p, {0: lo, size: hi}, src,
           "TestOneCycle.test_lr (test reads get_lr() before model.step() number n+1, i.e. lrsched row n)")
    for total, w, cmin, wmin in [(100, 10, 0.1, 0.2), (200, 20, 0.1, 0.2), (500, 30, 0.0, 0.2),
                                 (600, 300, 0.1, 0.0), (600, 550, 0.0, 0.0)]:
        opt_lr = 0.0015
        p = {"lr": opt_lr, "total_num_steps": total, "warmup_min_ratio": wmin, "warmup_num_steps": w,
             "cos_min_ratio": cmin}
        tc(f"test_warmup_cosine_lr_{total}_{w}", "deepspeed.WarmupCosineLR", p,
           {1: opt_lr * wmin, w: opt_lr, total: opt_lr * cmin}, src,
           "TestWarmupCosineLR.test_lr " + note_after)
    tc("test_warmup_cosine_lr_initializes", "deepspeed.WarmupCosineLR",
       {"lr": 0.0015, "total_num_steps": 100, "warmup_num_steps": 10, "warmup_min_ratio": 0.0},
       {0: 0.0, 2: 0.0015 * (math.log(2) / math.log(10))}, src,
       "test_warmup_cosine_lr_initializes_all_param_groups: 0.0 before stepping, step(1) -> row 2")
    tc("test_warmup_cosine_lr_linear_ratio", "deepspeed.WarmupCosineLR",
       {"lr": 0.01, "total_num_steps": 100, "warmup_num_steps": 10, "warmup_min_ratio": 0.0,
        "warmup_type": "linear"},
       {s + 1: 0.01 * (s / 10) for s in range(1, 10)}, src,
       "test_warmup_cosine_lr_linear_warmup_type_uses_linear_ratio: step(s) -> row s+1")
    tc("test_warmup_cosine_lr_total_equals_warmup", "deepspeed.WarmupCosineLR",
       {"lr": 0.01, "total_num_steps": 10, "warmup_num_steps": 10, "cos_min_ratio": 0.1},
       {s + 1: 0.01 * 0.1 for s in range(10, 15)}, src,
       "test_warmup_cosine_lr_total_num_steps_equals_warmup_num_steps: step(s) -> row s+1")


def fairseq_cases():
    L = "fairseq"
    I, C, P, T, R = ("fairseq.inverse_sqrt", "fairseq.cosine", "fairseq.polynomial_decay", "fairseq.tri_stage",
                     "fairseq.triangular")
    o = lambda *a, **k: oracle_case(L, *a, **k)
    o("inverse_sqrt_defaults", I, {"lr": 0.0005}, 4100, stride=37,
      extra=(3998, 3999, 4000, 4001, 4002, 10**5, 10**6, 10**9, 10**12),
      note="warmup_updates 4000, warmup from 0; row s = step_update(s)")
    o("inverse_sqrt_warmup_init", I, {"lr": [0.001], "warmup_updates": 50, "warmup_init_lr": 1e-7}, 120)
    o("inverse_sqrt_one_warmup", I, {"lr": 0.002, "warmup_updates": 1}, 20,
      note="one warmup update: row 0 = 0, then lr/sqrt(s)")
    o("inverse_sqrt_default_lr", I, {"warmup_updates": 10}, 30, note="fairseq's optimization.lr default is [0.25]")
    o("cosine_period", C, {"lr": 0.01, "min_lr": 0.0001, "lr_period_updates": 50}, 200,
      note="no cycle limit: restarts forever, each period shrunk by lr_shrink=0.1 (min_lr too)")
    o("cosine_warmup_max_update", C, {"lr": [0.001], "warmup_updates": 20, "warmup_init_lr": 1e-6,
                                      "max_update": 120, "lr_shrink": 0.5}, 260,
      note="lr_period_updates <= 0: the period is max_update - warmup_updates")
    o("cosine_warmup_from_min_lr", C, {"lr": 0.01, "min_lr": 0.001, "warmup_updates": 10,
                                       "lr_period_updates": 30, "lr_shrink": 1.0}, 80,
      note="warmup_init_lr defaults to min_lr")
    o("cosine_t_mult", C, {"lr": 0.1, "min_lr": 0.0, "lr_period_updates": 10, "t_mult": 2.0,
                           "lr_shrink": 0.5}, 160, extra=(10**6, 10**9))
    o("cosine_t_mult_log_rounding", C, {"lr": 0.1, "min_lr": 0.0, "lr_period_updates": 10, "t_mult": 10.0,
                                        "lr_shrink": 0.5}, 40, extra=(1108, 1109, 1110, 1111, 1112),
      note="update 1110 starts period 3, but math.log(1000, 10) < 3 keeps it in period 2 (LR = its min) once")
    o("cosine_t_mult_below_one_raises", C, {"lr": 0.1, "lr_period_updates": 8, "t_mult": 0.5}, 30, extra=(),
      note="t_mult < 1: math domain error once curr_updates >= period/(1-t_mult)")
    o("cosine_float_period", C, {"lr": 0.1, "min_lr": 0.01, "lr_period_updates": 12.5, "lr_shrink": 0.9}, 60)
    o("polynomial_linear", P, {"lr": 0.001, "total_num_update": 100}, 130)
    o("polynomial_warmup_power", P, {"lr": [0.01], "warmup_updates": 10, "total_num_update": 60,
                                     "end_learning_rate": 0.0001, "power": 2.0}, 80,
      note="warmup from 0 (update 0 runs at LR 0), peak at update warmup_updates, end_learning_rate from total")
    o("polynomial_max_update", P, {"lr": 0.3, "max_update": 40, "power": 0.5}, 50,
      note="total_num_update defaults to max_update")
    o("polynomial_warmup_past_total", P, {"lr": 0.1, "warmup_updates": 20, "total_num_update": 10,
                                          "end_learning_rate": 0.05}, 30)
    o("tri_stage_steps", T, {"lr": 0.001, "warmup_steps": 10, "hold_steps": 20, "decay_steps": 30}, 80)
    o("tri_stage_scales", T, {"lr": [0.05], "warmup_steps": 5, "hold_steps": 0, "decay_steps": 15,
                              "init_lr_scale": 0.1, "final_lr_scale": 0.2}, 30)
    o("tri_stage_no_warmup", T, {"lr": 0.01, "hold_steps": 5, "decay_steps": 10}, 20)
    o("tri_stage_phase_ratio", T, {"lr": 0.002, "phase_ratio": [0.1, 0.4, 0.5], "max_update": 100}, 120,
      note="phase_ratio overrides the step counts: int(max_update * ratio)")
    o("tri_stage_phase_ratio_truncates", T, {"lr": 0.002, "phase_ratio": [0.29, 0.31, 0.4], "max_update": 100,
                                             "warmup_steps": 1000}, 110,
      note="int(100 * 0.29) = 28 (float product 28.999999999999996); explicit step counts are ignored")
    o("tri_stage_final_above_one", T, {"lr": 0.01, "warmup_steps": 3, "decay_steps": 5, "final_lr_scale": 2.0,
                                       "init_lr_scale": 0.0}, 15)
    o("triangular_basic", R, {"lr": 0.001, "max_lr": 0.01, "lr_period_updates": 20}, 90,
      note="max_lr shrinks by lr_shrink (0.1) every period; min stays unless shrink_min")
    o("triangular_shrink_min", R, {"lr": 0.001, "max_lr": 0.01, "lr_period_updates": 10, "lr_shrink": 0.5,
                                   "shrink_min": True}, 50)
    o("triangular_odd_period", R, {"lr": 0.001, "max_lr": 0.005, "lr_period_updates": 7, "lr_shrink": 1.0}, 30,
      note="stepsize = lr_period_updates // 2 = 3, so a full cycle is 6 updates, not 7")
    o("triangular_default_period", R, {"lr": 0.0001, "max_lr": 0.001}, 10010, stride=41,
      extra=(2499, 2500, 2501, 4999, 5000, 5001, 7500, 10**6, 10**12))
    e = lambda *a, **k: error_case(L, *a, **k)
    e("inverse_sqrt_zero_warmup", I, {"lr": 0.1, "warmup_updates": 0}, "warmup_updates",
      "ZeroDivisionError: float division by zero")
    e("inverse_sqrt_lr_list", I, {"lr": [0.1, 0.2]}, "lr",
      "ValueError: Cannot use a fixed learning rate schedule with inverse_sqrt. "
      "Consider --lr-scheduler=fixed instead.")
    e("cosine_lr_not_above_min", C, {"lr": 0.001, "min_lr": 0.01, "lr_period_updates": 10}, "lr",
      "AssertionError: max_lr (=[0.001]) must be more than min_lr (=0.01)")
    e("cosine_no_period", C, {"lr": 0.01}, "lr_period_updates",
      "AssertionError: Either --max_update or --lr-period-updates must be set")
    e("cosine_lr_list", C, {"lr": [0.1, 0.2], "lr_period_updates": 10}, "lr",
      "ValueError: Cannot use a fixed learning rate schedule with cosine. "
      "Consider --lr-scheduler=fixed instead. ([0.1, 0.2])")
    e("polynomial_no_total", P, {"lr": 0.1}, "total_num_update",
      "AssertionError (assert cfg.total_num_update > 0; it defaults to max_update = 0)")
    e("polynomial_force_anneal_refused", P, {"lr": 0.1, "total_num_update": 100, "force_anneal": 3},
      "force_anneal", "force_anneal depends on epoch boundaries; lrsched cannot evaluate it from the update count",
      note="fairseq accepts force_anneal; lrsched refuses it (the LR would depend on the epoch length)")
    e("polynomial_lr_list_refused", P, {"lr": [0.1, 0.05], "total_num_update": 100}, "lr",
      "a per-epoch lr list depends on epoch boundaries; lrsched accepts one lr",
      note="fairseq accepts it (lr[epoch] at each epoch start); lrsched refuses it")
    e("tri_stage_no_steps", T, {"lr": 0.1}, "phase_ratio",
      "AssertionError: please specify steps or phase_ratio")
    e("tri_stage_zero_decay", T, {"lr": 0.1, "warmup_steps": 10}, "decay_steps",
      "ZeroDivisionError: float division by zero")
    e("tri_stage_ratio_sum", T, {"lr": 0.1, "phase_ratio": [0.3, 0.6, 0.1], "max_update": 100}, "phase_ratio",
      "AssertionError: phase ratios must add up to 1",
      note="0.3 + 0.6 + 0.1 sums to 0.9999999999999999 in float64")
    e("tri_stage_ratio_without_max_update", T, {"lr": 0.1, "phase_ratio": [0.1, 0.4, 0.5]}, "max_update",
      "AssertionError (assert cfg.max_update > 0)")
    e("tri_stage_final_scale_zero", T, {"lr": 0.1, "warmup_steps": 2, "decay_steps": 5, "final_lr_scale": 0.0},
      "final_lr_scale", "ValueError: math domain error")
    e("triangular_max_not_above", R, {"lr": 0.01, "max_lr": 0.01}, "max_lr",
      "AssertionError: max_lr must be more than lr")
    e("triangular_missing_max", R, {"lr": 0.01}, "max_lr",
      "omegaconf.errors.MissingMandatoryValue: max_lr is mandatory ('???')")
    e("triangular_period_below_two", R, {"lr": 0.01, "max_lr": 0.1, "lr_period_updates": 1}, "lr_period_updates",
      "ZeroDivisionError: float division by zero (stepsize = lr_period_updates // 2 = 0; "
      "raised by the trainer's step_update(0))")


def main():
    if not os.path.isdir(os.path.join("src", "test")):
        sys.exit("run from the repository root")
    for lib in ("timm", "deepspeed", "fairseq"):
        if lib not in LIBRARY_RUN:  # a library-run directory keeps its cases; this script overwrites only its own
            shutil.rmtree(os.path.join(OUT_ROOT, lib), ignore_errors=True)
    timm_test_cases()  # library tests first: a disagreement stops the script before the oracle's cases
    deepspeed_test_cases()
    timm_cases()
    deepspeed_cases()
    fairseq_cases()
    for lib in ("timm", "deepspeed", "fairseq"):
        files = os.listdir(os.path.join(OUT_ROOT, lib))
        print(lib, len([f for f in files if f.endswith(".yaml")]), "cases")


if __name__ == "__main__":
    main()
