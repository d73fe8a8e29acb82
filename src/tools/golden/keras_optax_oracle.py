#!/usr/bin/env python3
"""Independent float64 oracle for Keras 3 and optax learning-rate schedules.

Written from the formulas in the libraries' docstrings and the behaviour read in their sources; it is not
their code (no Keras/optax/JAX/TF needed, plain Python floats only). References read with the search tool:

  keras-team/keras  keras/src/optimizers/schedules/learning_rate_schedule.py  @ 2534b643145262fc2c9ee638065ee14fdb623984
  google-deepmind/optax  optax/schedules/_schedule.py  @ 006cebd2adddd064757543329c83eaed0890ed82
  google-deepmind/optax  optax/schedules/_join.py      @ 58f8353e6883290002c64867bbbfc57515c68b29

Row s is `schedule(step=s)` (Keras: step = optimizer.iterations; optax: count = s).
Both libraries evaluate in 32-bit by default (Keras float32 unless initial_learning_rate is a float64 array;
JAX without jax_enable_x64).  lrsched, and this oracle, compute the same formulas in float64, keeping the
libraries' own operation order (e.g. Keras `pi * (t / T)` versus optax `(pi * t) / T`).

Usage:
  keras_optax_oracle.py write      # (re)write the oracle golden cases (files named o_*) under src/test/resources/golden
  keras_optax_oracle.py check      # evaluate every keras/optax golden case (oracle and library-test ones) and compare
  keras_optax_oracle.py float32    # how far Keras' float32 evaluation is from our float64 values, per case
"""

import math
import os
import re
import sys
from golden_yaml import yaml_number

KERAS_SRC = ("keras-team/keras keras/src/optimizers/schedules/learning_rate_schedule.py "
             "@ 2534b643145262fc2c9ee638065ee14fdb623984")
OPTAX_SRC = ("google-deepmind/optax optax/schedules/_schedule.py @ 006cebd2adddd064757543329c83eaed0890ed82, "
             "optax/schedules/_join.py @ 58f8353e6883290002c64867bbbfc57515c68b29")

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
GOLDEN = os.path.join(ROOT, "src", "test", "resources", "golden")

INF = float("inf")
NAN = float("nan")


class SpecError(Exception):
    """The library refuses the arguments (raises while building, or at every call)."""

    def __init__(self, param, message):
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = message


# ---------------------------------------------------------------------------------------------------------
# IEEE helpers: C/numpy semantics where Python's float operators would raise instead.

def fpow(base, exponent):
    """pow() as C and numpy compute it: nan for a negative base with a non-integer exponent, inf for 0**-x."""
    try:
        return math.pow(base, exponent)
    except ValueError:
        if base == 0.0:
            odd = float(exponent).is_integer() and int(exponent) % 2 == 1
            return -INF if (odd and math.copysign(1.0, base) < 0) else INF
        return NAN
    except OverflowError:
        odd = float(exponent).is_integer() and int(exponent) % 2 == 1
        return -INF if (base < 0 and odd) else INF


def flog(x):
    if x > 0:
        return math.log(x)
    if x == 0:
        return -INF
    return NAN


def fdiv(a, b):
    if b != 0:
        return a / b
    if a == 0 or a != a:
        return NAN
    return math.copysign(INF, a) * math.copysign(1.0, b)


def fmin(a, b):
    return NAN if (a != a or b != b) else (a if a <= b else b)


def fmax(a, b):
    return NAN if (a != a or b != b) else (a if a >= b else b)


def _pyrepr(value):
    """How Python prints an argument inside an f-string error message."""
    return repr(value)


# ---------------------------------------------------------------------------------------------------------
# Keras 3 (keras.optimizers.schedules.*). Every value is float64 here.

def _keras_positive(param, value):
    if value <= 0:
        raise SpecError(param, f"Argument `{param}` must be > 0. Received: {param}={_pyrepr(value)}")


def keras_ExponentialDecay(initial_learning_rate, decay_steps, decay_rate, staircase=False):
    """lr * rate^(t/T); with staircase the exponent is floor(t/T)."""
    _keras_positive("decay_steps", decay_steps)
    lr, steps, rate = float(initial_learning_rate), float(decay_steps), float(decay_rate)

    def f(t):
        p = float(t) / steps
        if staircase:
            p = math.floor(p)
        return lr * fpow(rate, p)
    return f


def keras_PiecewiseConstantDecay(boundaries, values):
    """values[0] if t <= b0; values[i] if b(i-1) < t <= b(i); values[-1] if t > b(-1).

    Keras adds one indicator-weighted term per interval (it does not search), so with boundaries that are
    not increasing several terms (or none) can be active at once; we add them the same way. Boundaries are
    cast to the integer step type (float boundaries truncate toward zero)."""
    if len(boundaries) != len(values) - 1:
        raise SpecError("values", "The length of boundaries should be 1 less than the length of values. "
                                  f"Received: boundaries={boundaries!r} of length {len(boundaries)}, "
                                  f"and values={values!r} of length {len(values)}.")
    if not boundaries:
        # Accepted by the constructor, but every call indexes boundaries[0].
        raise SpecError("boundaries", "list index out of range")
    bounds = [int(b) for b in boundaries]
    vals = [float(v) for v in values]

    def f(t):
        total = 0.0
        if t <= bounds[0]:
            total += vals[0]
        if t > bounds[-1]:
            total += vals[-1]
        for i in range(1, len(bounds)):
            if bounds[i - 1] < t <= bounds[i]:
                total += vals[i]
        return total
    return f


def keras_PolynomialDecay(initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0, cycle=False):
    """(lr - end) * (1 - t/T)^power + end with t clamped to T; with cycle, T is stretched to
    T * ceil(t/T) (multiplier 1 at t = 0), so t = k*T gives `end` and t = k*T + 1 jumps back up."""
    _keras_positive("decay_steps", decay_steps)
    lr, end, pw, steps = float(initial_learning_rate), float(end_learning_rate), float(power), float(decay_steps)

    def f(t):
        t = float(t)
        period = steps
        if cycle:
            period = steps * (1.0 if t == 0 else math.ceil(t / steps))
        else:
            t = fmin(t, steps)
        p = t / period
        return (lr - end) * fpow(1 - p, pw) + end
    return f


def keras_InverseTimeDecay(initial_learning_rate, decay_steps, decay_rate, staircase=False):
    """lr / (1 + rate * t/T); staircase uses floor(t/T)."""
    _keras_positive("decay_steps", decay_steps)
    lr, steps, rate = float(initial_learning_rate), float(decay_steps), float(decay_rate)

    def f(t):
        p = float(t) / steps
        if staircase:
            p = math.floor(p)
        return fdiv(lr, 1.0 + rate * p)
    return f


def _keras_cosine_factor(t, steps, alpha):
    fraction = t / steps
    cosine = 0.5 * (1.0 + math.cos(math.pi * fraction))
    return (1 - alpha) * cosine + alpha


def keras_CosineDecay(initial_learning_rate, decay_steps, alpha=0.0, warmup_target=None, warmup_steps=0):
    """Without warmup_target: lr * ((1-alpha) * 0.5(1+cos(pi t/T)) + alpha), t clamped to T.
    With warmup_target: linear lr -> target over W steps, then the cosine from target over T more steps
    (T excludes the warmup), alpha a fraction of the target."""
    _keras_positive("decay_steps", decay_steps)
    lr, steps, alpha = float(initial_learning_rate), float(decay_steps), float(alpha)
    if warmup_target is None:
        return lambda t: lr * _keras_cosine_factor(fmin(float(t), steps), steps, alpha)
    target, warm = float(warmup_target), float(warmup_steps)

    def f(t):
        t = fmin(float(t), steps + warm)
        if t < warm:
            return (target - lr) * (t / warm) + lr
        return target * _keras_cosine_factor(t - warm, steps, alpha)
    return f


def keras_CosineDecayRestarts(initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0):
    """SGDR. Cycle i lasts first * t_mul^i steps and peaks at lr * m_mul^i; alpha is NOT scaled by m_mul.

    Keras finds the cycle in closed form, i = floor(log(1 - f (1 - t_mul)) / log(t_mul)) with f = t/first.
    Evaluated in float64 that floor rounds one cycle early at some exact restarts (t_mul = 3, f = 121:
    log(243)/log(3) = 4.999...), which float32 Keras does not do there. We take Keras' i and then correct it
    against the cycle starts S(i) = (1 - t_mul^i)/(1 - t_mul) so that S(i) <= f < S(i+1); the rest is
    Keras' formula. This also makes the result independent of the last bit of log()."""
    _keras_positive("first_decay_steps", first_decay_steps)
    lr, first = float(initial_learning_rate), float(first_decay_steps)
    tm, mm, alpha = float(t_mul), float(m_mul), float(alpha)

    def f(t):
        fraction = float(t) / first
        if tm == 1.0:
            cycle = math.floor(fraction)
            fraction -= cycle
        else:
            ratio = fdiv(flog(1.0 - fraction * (1.0 - tm)), flog(tm))
            cycle = math.floor(ratio) if math.isfinite(ratio) else ratio
            if math.isfinite(ratio):
                cycle = _corrected_cycle(cycle, fraction, tm)
            done = fdiv(1.0 - fpow(tm, cycle), 1.0 - tm)
            fraction = fdiv(fraction - done, fpow(tm, cycle))
        peak = fpow(mm, cycle)
        cosine = 0.5 * peak * (1.0 + math.cos(math.pi * fraction)) if math.isfinite(fraction) else NAN
        return lr * ((1 - alpha) * cosine + alpha)
    return f


def _cycle_start(cycle, t_mul):
    return (1.0 - fpow(t_mul, cycle)) / (1.0 - t_mul)


def _corrected_cycle(cycle, fraction, t_mul):
    """The i with S(i) <= fraction < S(i+1), starting from Keras' floor(log ratio) (off by at most one)."""
    if cycle > 0 and fraction < _cycle_start(cycle, t_mul):
        return cycle - 1
    if fraction >= _cycle_start(cycle + 1, t_mul):
        return cycle + 1
    return cycle


def restarts_by_iteration(initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0):
    """The SGDR definition by walking the cycles (what Keras' own test does); differs from Keras' closed form
    only where the closed form's floor(log ratio) rounds across an exact restart."""
    def f(t):
        t, length, peak = float(t), float(first_decay_steps), 1.0
        while t >= length:
            t -= length
            length *= t_mul
            peak *= m_mul
        return initial_learning_rate * ((1 - alpha) * peak * 0.5 * (1 + math.cos(math.pi * t / length)) + alpha)
    return f


# ---------------------------------------------------------------------------------------------------------
# optax (optax.<function>). Every value is float64 here.

def optax_constant_schedule(value):
    v = float(value)
    return lambda t: v


def optax_polynomial_schedule(init_value, end_value, power, transition_steps, transition_begin=0):
    """init for t < begin, (init-end)(1 - (t-begin)/T)^power + end, end after begin+T.
    transition_steps <= 0: optax logs (info) and returns the constant init_value; begin < 0 becomes 0."""
    init, end, pw = float(init_value), float(end_value), float(power)
    if transition_steps <= 0:
        return lambda t: init
    begin = 0 if transition_begin < 0 else transition_begin
    steps = float(transition_steps)

    def f(t):
        elapsed = fmin(fmax(float(t) - begin, 0.0), steps)
        return (init - end) * fpow(1 - elapsed / steps, pw) + end
    return f


def optax_linear_schedule(init_value, end_value, transition_steps, transition_begin=0):
    return optax_polynomial_schedule(init_value, end_value, 1, transition_steps, transition_begin)


def _check_scales(function_name, boundaries_and_scales):
    if boundaries_and_scales and any(s < 0.0 for s in boundaries_and_scales.values()):
        raise SpecError("boundaries_and_scales", f"`{function_name}` expects non-negative scale factors")


def optax_piecewise_constant_schedule(init_value, boundaries_and_scales=None):
    """init times the product of every scale whose boundary b satisfies t >= b (cumulative)."""
    _check_scales("piecewise_constant_schedule", boundaries_and_scales)
    pieces = sorted((boundaries_and_scales or {}).items())
    init = float(init_value)

    def f(t):
        value = init
        for boundary, scale in pieces:
            if t >= boundary:
                value = scale * value
        return value
    return f


def optax_exponential_decay(init_value, transition_steps, decay_rate, transition_begin=0, staircase=False,
                            end_value=None):
    """init for t <= begin, else init * rate^((t-begin)/T) (floor with staircase); then clipped to end_value
    from below if rate < 1, else from above -- the clip applies at every step, before begin too.
    transition_steps <= 0 or decay_rate == 0: constant init_value (optax logs, info level)."""
    init = float(init_value)
    if transition_steps <= 0 or decay_rate == 0:
        return lambda t: init
    begin = 0 if transition_begin < 0 else transition_begin
    steps, rate = float(transition_steps), float(decay_rate)

    def f(t):
        elapsed = float(t) - begin
        p = elapsed / steps
        if staircase:
            p = math.floor(p)
        value = init if elapsed <= 0 else init * fpow(rate, p)
        if end_value is not None:
            value = fmax(value, end_value) if rate < 1.0 else fmin(value, end_value)
        return value
    return f


def optax_cosine_decay_schedule(init_value, decay_steps, alpha=0.0, exponent=1.0):
    """init * ((1-alpha) * (0.5(1 + cos(pi t/T)))^exponent + alpha), t clamped to T; T must be > 0."""
    if not decay_steps > 0:
        raise SpecError("decay_steps",
                        f"The cosine_decay_schedule requires positive decay_steps, got decay_steps={decay_steps!r}.")
    init, steps, alpha, exponent = float(init_value), float(decay_steps), float(alpha), float(exponent)

    def f(t):
        t = fmin(float(t), steps)
        cosine = 0.5 * (1 + math.cos(math.pi * t / steps))
        return init * ((1 - alpha) * fpow(cosine, exponent) + alpha)
    return f


def optax_join_schedules(schedules, boundaries):
    """Child i+1 takes over (seeing t - boundary_i) wherever t >= boundary_i, applied in list order; extra
    boundaries or schedules beyond the shorter list are ignored (zip)."""
    if not schedules:
        raise SpecError("schedules", "list index out of range")
    children = [build(s) if isinstance(s, dict) else s for s in schedules]

    def f(t):
        value = children[0](t)
        for boundary, child in zip(boundaries, children[1:]):
            if t >= boundary:
                value = child(t - boundary)
        return value
    return f


def optax_warmup_constant_schedule(init_value, peak_value, warmup_steps):
    """linear_schedule(init, peak, warmup_steps): warmup_steps <= 0 gives the constant init_value."""
    return optax_linear_schedule(init_value, peak_value, warmup_steps)


def optax_warmup_cosine_decay_schedule(init_value, peak_value, warmup_steps, decay_steps, end_value=0.0,
                                       exponent=1.0):
    """Linear init -> peak over W, then cosine peak -> end over decay_steps - W (decay_steps INCLUDES the
    warmup); alpha = end/peak (0 when peak == 0). decay_steps <= warmup_steps raises."""
    alpha = 0.0 if peak_value == 0.0 else end_value / peak_value
    warmup = optax_linear_schedule(init_value, peak_value, warmup_steps)
    decay = optax_cosine_decay_schedule(peak_value, decay_steps - warmup_steps, alpha, exponent)
    return optax_join_schedules([warmup, decay], [warmup_steps])


def optax_warmup_exponential_decay_schedule(init_value, peak_value, warmup_steps, transition_steps, decay_rate,
                                            transition_begin=0, staircase=False, end_value=None):
    warmup = optax_linear_schedule(init_value, peak_value, warmup_steps)
    decay = optax_exponential_decay(peak_value, transition_steps, decay_rate, transition_begin, staircase,
                                    end_value)
    return optax_join_schedules([warmup, decay], [warmup_steps])


def _linear_between(start, end, pct):
    return (end - start) * pct + start


def _cosine_between(start, end, pct):
    return end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)


def optax_piecewise_interpolate_schedule(interpolate_type, init_value, boundaries_and_scales=None):
    """Values v0 = init, v(k+1) = v(k) * scale(k) at sorted boundaries b(k) (b(-1) = 0); on [b(k), b(k+1))
    interpolate v(k) -> v(k+1) by (t - b(k)) / max(b(k+1) - b(k), 1); v(last) from the last boundary on."""
    if interpolate_type == "linear":
        between = _linear_between
    elif interpolate_type == "cosine":
        between = _cosine_between
    else:
        raise SpecError("interpolate_type", "`interpolate_type` must be either 'cosine' or 'linear'")
    _check_scales("piecewise_interpolate_schedule", boundaries_and_scales)
    pieces = sorted((boundaries_and_scales or {}).items())
    bounds = [0] + [b for b, _ in pieces]
    values = [float(init_value)]
    for _, scale in pieces:
        values.append(values[-1] * scale)

    def f(t):
        total = 0.0
        for k in range(len(pieces)):
            low, high = bounds[k], bounds[k + 1]
            if low <= t < high:
                total += between(values[k], values[k + 1], (t - low) / max(high - low, 1))
        if bounds[-1] <= t:
            total += values[-1]
        return total
    return f


def _onecycle_init(peak_value, div_factor):
    if div_factor == 0:
        raise SpecError("div_factor", "float division by zero")
    return peak_value / div_factor


def optax_linear_onecycle_schedule(transition_steps, peak_value, pct_start=0.3, pct_final=0.85, div_factor=25.0,
                                   final_div_factor=1e4):
    """piecewise_interpolate('linear', peak/div, {int(pct_start T): div, int(pct_final T): 1/div,
    T: 1/final_div}); a later key equal to an earlier one replaces it (Python dict literal)."""
    if transition_steps <= 0:
        raise SpecError("transition_steps",
                        "A linear onecycle schedule was set with a non-positive `transition_steps`")
    init = _onecycle_init(peak_value, div_factor)
    if final_div_factor == 0:
        raise SpecError("final_div_factor", "float division by zero")
    scales = {}
    scales[int(pct_start * transition_steps)] = div_factor
    scales[int(pct_final * transition_steps)] = 1.0 / div_factor
    scales[transition_steps] = 1.0 / final_div_factor
    return _onecycle_interpolate("linear", init, scales, div_factor)


def optax_cosine_onecycle_schedule(transition_steps, peak_value, pct_start=0.3, div_factor=25.0,
                                   final_div_factor=1e4):
    """piecewise_interpolate('cosine', peak/div, {int(pct_start T): div, int(T): 1/(div final_div)})."""
    if transition_steps <= 0:
        raise SpecError("transition_steps",
                        "A cosine onecycle schedule was set with a non-positive `transition_steps`")
    init = _onecycle_init(peak_value, div_factor)
    if div_factor * final_div_factor == 0:
        raise SpecError("final_div_factor", "float division by zero")
    scales = {}
    scales[int(pct_start * transition_steps)] = div_factor
    scales[int(transition_steps)] = 1.0 / (div_factor * final_div_factor)
    return _onecycle_interpolate("cosine", init, scales, div_factor)


def _onecycle_interpolate(kind, init, scales, div_factor):
    try:
        return optax_piecewise_interpolate_schedule(kind, init, scales)
    except SpecError as e:  # a negative factor: name the argument the user wrote
        raise SpecError("div_factor" if div_factor < 0 else "final_div_factor", e.message)


_WCD_REQUIRED = ("init_value", "peak_value", "warmup_steps", "decay_steps")
_WCD_OPTIONAL = ("end_value", "exponent")


def optax_sgdr_schedule(cosine_kwargs):
    """warmup_cosine_decay_schedule(**kwargs) per cycle, joined at the running sum of decay_steps."""
    schedules, boundaries, start = [], [], 0
    for kwargs in cosine_kwargs:
        unknown = [k for k in kwargs if k not in _WCD_REQUIRED + _WCD_OPTIONAL]
        if unknown:
            raise SpecError("cosine_kwargs", "warmup_cosine_decay_schedule() got an unexpected keyword argument "
                                             f"'{unknown[0]}'")
        missing = [k for k in _WCD_REQUIRED if k not in kwargs]
        if missing:
            names = " and ".join(f"'{k}'" for k in missing) if len(missing) <= 2 else \
                ", ".join(f"'{k}'" for k in missing[:-1]) + f", and '{missing[-1]}'"
            raise SpecError("cosine_kwargs", f"warmup_cosine_decay_schedule() missing {len(missing)} required "
                            f"positional argument{'s' if len(missing) > 1 else ''}: {names}")
        try:
            schedules.append(optax_warmup_cosine_decay_schedule(**kwargs))
        except SpecError as e:
            raise SpecError("cosine_kwargs", e.message)
        start += kwargs["decay_steps"]
        boundaries.append(start)
    if not schedules:
        raise SpecError("cosine_kwargs", "list index out of range")
    return optax_join_schedules(schedules, boundaries[:-1])


# ---------------------------------------------------------------------------------------------------------

def build(schedule):
    """A spec mapping ({type: lib.Name, **kwargs}) -> function of the step. Raises SpecError."""
    kwargs = {k: v for k, v in schedule.items() if k not in ("type", "name")}
    lib, _, name = schedule["type"].partition(".")
    factory = globals().get(f"{lib}_{name}")
    if factory is None or lib not in ("keras", "optax"):
        raise KeyError(schedule["type"])
    return factory(**kwargs)


# ---------------------------------------------------------------------------------------------------------
# Golden file writing (shared with keras_optax_libtests.py).

def yaml_scalar(v):
    if isinstance(v, str):
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", v) and v.lower() not in ("true", "false", "null", "yes", "no",
                                                                               "on", "off", "y", "n", "~"):
            return v
        return "'" + v.replace("'", "''") + "'"
    return yaml_number(v)


def yaml_flow(v):
    if isinstance(v, dict):
        return "{" + ", ".join(f"{yaml_flow(k)}: {yaml_flow(x)}" for k, x in v.items()) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(yaml_flow(x) for x in v) + "]"
    return yaml_scalar(v)


def _is_block(v):
    return isinstance(v, list) and any(isinstance(x, dict) for x in v)


def yaml_mapping_lines(mapping, indent):
    """Block-style mapping; lists of mappings become block sequences, everything else flow style."""
    lines = []
    pad = " " * indent
    for key, value in mapping.items():
        if _is_block(value):
            lines.append(f"{pad}{key}:")
            for item in value:
                sub = yaml_mapping_lines(item, indent + 4)
                sub[0] = " " * (indent + 2) + "- " + sub[0].lstrip()
                lines.extend(sub)
        elif value == {} or value == []:
            lines.append(f"{pad}{key}: {yaml_flow(value)}")
        else:
            lines.append(f"{pad}{key}: {yaml_flow(value)}")
    return lines


def spec_text(case, schedule, comments, steps):
    lines = [f"# {c}" for c in comments]
    lines.append(f"steps: {steps}")
    lines.append("schedules:")
    body = {"name": case}
    body.update(schedule)
    sub = yaml_mapping_lines(body, 4)
    sub[0] = "  - " + sub[0].lstrip()
    lines.extend(sub)
    return "\n".join(lines) + "\n"


def write_case(lib, case, schedule, comments, points, steps=None):
    """points: list of (step, value)."""
    directory = os.path.join(GOLDEN, lib)
    os.makedirs(directory, exist_ok=True)
    if steps is None:
        present = {s for s, _ in points}
        steps = 0
        while steps in present:  # the dense prefix 0..n-1
            steps += 1
        steps = max(steps, 1)
    with open(os.path.join(directory, case + ".yaml"), "w") as out:
        out.write(spec_text(case, schedule, comments, steps))
    with open(os.path.join(directory, case + ".csv"), "w") as out:
        out.write(f"step,{case}\n")
        for step, value in points:
            out.write(f"{step},{repr(float(value))}\n")


def write_error(lib, case, schedule, comments, param, message):
    directory = os.path.join(GOLDEN, lib)
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, case + ".yaml"), "w") as out:
        out.write(spec_text(case, schedule, comments, 10))
    with open(os.path.join(directory, case + ".error"), "w") as out:
        out.write(f"param: {param}\nmessage: {message}\n")


# ---------------------------------------------------------------------------------------------------------
# The oracle's own cases: unusual parameters, steps far past the end.

FAR = [999, 1000, 1001, 9999, 10 ** 5, 10 ** 6 + 7, 10 ** 9, 2 ** 31 + 5, 10 ** 12]


def dense(n, far=True):
    return list(range(n + 1)) + ([s for s in FAR if s > n] if far else [])


def oracle_cases():
    """(lib, case, schedule mapping, steps or None, note). steps None means an error case."""
    K, O = "keras", "optax"
    c = []

    def add(lib, case, schedule, steps, note=""):
        c.append((lib, case, schedule, steps, note))

    # ---- keras.ExponentialDecay
    add(K, "o_exponential_basic", {"type": "keras.ExponentialDecay", "initial_learning_rate": 0.1,
                                   "decay_steps": 100, "decay_rate": 0.5}, dense(300))
    add(K, "o_exponential_staircase", {"type": "keras.ExponentialDecay", "initial_learning_rate": 0.1,
                                       "decay_steps": 30, "decay_rate": 0.5, "staircase": True}, dense(200))
    add(K, "o_exponential_growth", {"type": "keras.ExponentialDecay", "initial_learning_rate": 1e-05,
                                    "decay_steps": 50, "decay_rate": 1.5}, dense(300, far=False) + [999, 1000],
        "decay_rate > 1 grows without bound")
    add(K, "o_exponential_fractional_steps", {"type": "keras.ExponentialDecay", "initial_learning_rate": 2.0,
                                              "decay_steps": 2.5, "decay_rate": 0.9, "staircase": True},
        dense(60, far=False) + [1000], "decay_steps need not be an integer (cast to float)")
    add(K, "o_exponential_err_decay_steps", {"type": "keras.ExponentialDecay", "initial_learning_rate": 0.1,
                                             "decay_steps": 0, "decay_rate": 0.5}, None)
    add(K, "o_exponential_err_decay_steps_negative", {"type": "keras.ExponentialDecay",
                                                      "initial_learning_rate": 0.1, "decay_steps": -10,
                                                      "decay_rate": 0.5}, None)
    # ---- keras.PiecewiseConstantDecay
    add(K, "o_piecewise_three", {"type": "keras.PiecewiseConstantDecay", "boundaries": [100, 200],
                                 "values": [0.1, 0.01, 0.001]}, dense(300),
        "value changes at boundary + 1 (step > boundary)")
    add(K, "o_piecewise_zero_boundary", {"type": "keras.PiecewiseConstantDecay", "boundaries": [0],
                                         "values": [1.0, 0.5]}, dense(5))
    add(K, "o_piecewise_not_increasing", {"type": "keras.PiecewiseConstantDecay", "boundaries": [10, 5],
                                          "values": [1.0, 2.0, 4.0]}, dense(20),
        "Keras does not check the order: indicator terms add up (1+4 on (5,10])")
    add(K, "o_piecewise_float_boundaries", {"type": "keras.PiecewiseConstantDecay", "boundaries": [10.7, 20.2],
                                            "values": [0.3, 0.2, 0.1]}, dense(25),
        "boundaries are cast to the integer step type: 10.7 -> 10")
    add(K, "o_piecewise_err_lengths", {"type": "keras.PiecewiseConstantDecay", "boundaries": [100, 200],
                                       "values": [1.0, 0.5]}, None)
    add(K, "o_piecewise_err_empty", {"type": "keras.PiecewiseConstantDecay", "boundaries": [],
                                     "values": [1.0]}, None,
        "the constructor accepts this; every call then raises IndexError")
    # ---- keras.PolynomialDecay
    add(K, "o_polynomial_default_end", {"type": "keras.PolynomialDecay", "initial_learning_rate": 0.1,
                                        "decay_steps": 100}, dense(250))
    add(K, "o_polynomial_power2", {"type": "keras.PolynomialDecay", "initial_learning_rate": 0.1,
                                   "decay_steps": 100, "end_learning_rate": 0.01, "power": 2.0}, dense(150))
    add(K, "o_polynomial_cycle", {"type": "keras.PolynomialDecay", "initial_learning_rate": 1.0,
                                  "decay_steps": 10, "end_learning_rate": 0.0, "cycle": True}, dense(45),
        "cycle: t = k*T gives end, t = k*T+1 restarts on a k+1 times longer ramp")
    add(K, "o_polynomial_sqrt_cycle", {"type": "keras.PolynomialDecay", "initial_learning_rate": 0.1,
                                       "decay_steps": 50, "end_learning_rate": 0.001, "power": 0.5,
                                       "cycle": True}, dense(250))
    add(K, "o_polynomial_power0", {"type": "keras.PolynomialDecay", "initial_learning_rate": 0.1,
                                   "decay_steps": 10, "end_learning_rate": 0.01, "power": 0.0}, dense(20),
        "power 0: 0**0 = 1, the initial value forever")
    add(K, "o_polynomial_increasing", {"type": "keras.PolynomialDecay", "initial_learning_rate": 0.001,
                                       "decay_steps": 40, "end_learning_rate": 0.1, "power": 3.0}, dense(60))
    add(K, "o_polynomial_err_decay_steps", {"type": "keras.PolynomialDecay", "initial_learning_rate": 0.1,
                                            "decay_steps": 0}, None)
    # ---- keras.InverseTimeDecay
    add(K, "o_inverse_time_basic", {"type": "keras.InverseTimeDecay", "initial_learning_rate": 0.1,
                                    "decay_steps": 10, "decay_rate": 0.5}, dense(200))
    add(K, "o_inverse_time_staircase", {"type": "keras.InverseTimeDecay", "initial_learning_rate": 0.1,
                                        "decay_steps": 7, "decay_rate": 2.0, "staircase": True}, dense(100))
    add(K, "o_inverse_time_zero_rate", {"type": "keras.InverseTimeDecay", "initial_learning_rate": 0.05,
                                        "decay_steps": 10, "decay_rate": 0.0}, dense(20))
    add(K, "o_inverse_time_err_decay_steps", {"type": "keras.InverseTimeDecay", "initial_learning_rate": 0.1,
                                              "decay_steps": -1, "decay_rate": 0.5}, None)
    # ---- keras.CosineDecay
    add(K, "o_cosine_basic", {"type": "keras.CosineDecay", "initial_learning_rate": 0.1, "decay_steps": 100},
        dense(200), "clamps at alpha * lr after decay_steps")
    add(K, "o_cosine_alpha", {"type": "keras.CosineDecay", "initial_learning_rate": 0.1, "decay_steps": 100,
                              "alpha": 0.1}, dense(150))
    add(K, "o_cosine_warmup", {"type": "keras.CosineDecay", "initial_learning_rate": 0.0, "decay_steps": 100,
                               "alpha": 0.05, "warmup_target": 0.1, "warmup_steps": 20}, dense(200),
        "decay_steps exclude the warmup: floor reached at 20 + 100")
    add(K, "o_cosine_warmup_nonzero_start", {"type": "keras.CosineDecay", "initial_learning_rate": 0.01,
                                             "decay_steps": 30, "warmup_target": 0.2, "warmup_steps": 7},
        dense(60))
    add(K, "o_cosine_warmup_zero_steps", {"type": "keras.CosineDecay", "initial_learning_rate": 0.5,
                                          "decay_steps": 40, "warmup_target": 0.1, "warmup_steps": 0},
        dense(60), "warmup_target with warmup_steps 0: decays from warmup_target, initial lr unused")
    add(K, "o_cosine_warm_down", {"type": "keras.CosineDecay", "initial_learning_rate": 1.0, "decay_steps": 20,
                                  "alpha": 0.5, "warmup_target": 0.2, "warmup_steps": 10}, dense(40))
    add(K, "o_cosine_alpha_above_one", {"type": "keras.CosineDecay", "initial_learning_rate": 0.1,
                                        "decay_steps": 10, "alpha": 2.0}, dense(20),
        "no check on alpha: the curve rises to alpha * lr")
    add(K, "o_cosine_err_decay_steps", {"type": "keras.CosineDecay", "initial_learning_rate": 0.1,
                                        "decay_steps": 0}, None)
    # ---- keras.CosineDecayRestarts
    add(K, "o_restarts_default", {"type": "keras.CosineDecayRestarts", "initial_learning_rate": 0.1,
                                  "first_decay_steps": 10}, dense(400))
    add(K, "o_restarts_tmul1", {"type": "keras.CosineDecayRestarts", "initial_learning_rate": 0.1,
                                "first_decay_steps": 25, "t_mul": 1.0, "m_mul": 0.5, "alpha": 0.1}, dense(200),
        "alpha is not scaled by m_mul: later cycles approach alpha * lr from a lower peak")
    add(K, "o_restarts_tmul_1_5", {"type": "keras.CosineDecayRestarts", "initial_learning_rate": 1.0,
                                   "first_decay_steps": 20, "t_mul": 1.5, "m_mul": 0.8, "alpha": 0.2},
        dense(500))
    add(K, "o_restarts_mmul_above_one", {"type": "keras.CosineDecayRestarts", "initial_learning_rate": 0.01,
                                         "first_decay_steps": 8, "t_mul": 2.0, "m_mul": 1.5}, dense(130, far=False))
    add(K, "o_restarts_tmul3_rounding", {"type": "keras.CosineDecayRestarts", "initial_learning_rate": 1.0,
                                         "first_decay_steps": 10, "t_mul": 3.0, "m_mul": 0.9, "alpha": 0.01},
        dense(1300, far=False) + [3640, 10930, 295239, 295240, 295241, 10 ** 6],
        "in float64 Keras' floor(log(1+2f)/log 3) is one cycle short at f = 121 (step 1210) and f = 29524: "
        "lrsched corrects the cycle index, as float32 Keras gets it right there")
    add(K, "o_restarts_tmul10_rounding", {"type": "keras.CosineDecayRestarts", "initial_learning_rate": 0.5,
                                          "first_decay_steps": 10, "t_mul": 10.0, "m_mul": 0.5, "alpha": 0.1},
        dense(1200, far=False) + [1111109, 1111110, 1111111, 10 ** 9, 10 ** 12],
        "float64 log ratio rounds down at steps 1110 and 1111110; the corrected index restarts there")
    add(K, "o_restarts_tmul_half", {"type": "keras.CosineDecayRestarts", "initial_learning_rate": 0.1,
                                    "first_decay_steps": 100, "t_mul": 0.5}, dense(199, far=False),
        "t_mul < 1: cycles shrink; from step first/(1-t_mul) = 200 on Keras gives NaN (log of <= 0)")
    add(K, "o_restarts_err_first_decay_steps", {"type": "keras.CosineDecayRestarts",
                                                "initial_learning_rate": 0.1, "first_decay_steps": 0}, None)

    # ---- optax.constant_schedule / linear / polynomial
    add(O, "o_constant", {"type": "optax.constant_schedule", "value": 0.003}, dense(10))
    add(O, "o_linear_basic", {"type": "optax.linear_schedule", "init_value": 0.0, "end_value": 1.0,
                              "transition_steps": 100}, dense(150))
    add(O, "o_linear_begin", {"type": "optax.linear_schedule", "init_value": 1.0, "end_value": 0.1,
                              "transition_steps": 50, "transition_begin": 25}, dense(100))
    add(O, "o_linear_negative_begin", {"type": "optax.linear_schedule", "init_value": 1.0, "end_value": 0.0,
                                       "transition_steps": 20, "transition_begin": -10}, dense(30),
        "negative transition_begin falls back to 0")
    add(O, "o_linear_zero_steps", {"type": "optax.linear_schedule", "init_value": 0.5, "end_value": 0.0,
                                   "transition_steps": 0}, dense(10),
        "transition_steps <= 0: optax logs and returns the constant init_value")
    add(O, "o_polynomial_power2_begin", {"type": "optax.polynomial_schedule", "init_value": 0.1,
                                         "end_value": 0.001, "power": 2, "transition_steps": 80,
                                         "transition_begin": 10}, dense(120))
    add(O, "o_polynomial_sqrt", {"type": "optax.polynomial_schedule", "init_value": 1.0, "end_value": 0.0,
                                 "power": 0.5, "transition_steps": 64}, dense(80))
    add(O, "o_polynomial_increasing", {"type": "optax.polynomial_schedule", "init_value": 0.0,
                                       "end_value": 2.0, "power": 3.0, "transition_steps": 30}, dense(40))
    add(O, "o_polynomial_negative_steps", {"type": "optax.polynomial_schedule", "init_value": 0.7,
                                           "end_value": 0.0, "power": 2.0, "transition_steps": -5}, dense(10))
    # ---- optax.piecewise_constant_schedule
    add(O, "o_piecewise_constant_cumulative", {"type": "optax.piecewise_constant_schedule", "init_value": 0.1,
                                               "boundaries_and_scales": {30: 0.5, 60: 0.5, 90: 0.1}},
        dense(120), "scales multiply cumulatively from t >= boundary")
    add(O, "o_piecewise_constant_unsorted", {"type": "optax.piecewise_constant_schedule", "init_value": 2.0,
                                             "boundaries_and_scales": {50: 0.1, 10: 3.0, 0: 0.5}}, dense(60),
        "keys are sorted; a boundary at 0 already applies at step 0")
    add(O, "o_piecewise_constant_zero_scale", {"type": "optax.piecewise_constant_schedule", "init_value": 1.0,
                                               "boundaries_and_scales": {5: 0.0, 8: 10.0}}, dense(12))
    add(O, "o_piecewise_constant_no_dict", {"type": "optax.piecewise_constant_schedule", "init_value": 0.25},
        dense(5))
    add(O, "o_piecewise_constant_empty_dict", {"type": "optax.piecewise_constant_schedule",
                                               "init_value": 0.25, "boundaries_and_scales": {}}, dense(5))
    add(O, "o_piecewise_constant_err_negative", {"type": "optax.piecewise_constant_schedule",
                                                 "init_value": 1.0, "boundaries_and_scales": {10: 0.5, 20: -1.0}},
        None)
    # ---- optax.exponential_decay
    add(O, "o_exponential_basic", {"type": "optax.exponential_decay", "init_value": 1.0, "transition_steps": 10,
                                   "decay_rate": 0.5}, dense(100))
    add(O, "o_exponential_begin_staircase", {"type": "optax.exponential_decay", "init_value": 0.1,
                                             "transition_steps": 7, "decay_rate": 0.8, "transition_begin": 20,
                                             "staircase": True}, dense(100))
    add(O, "o_exponential_end_lower_bound", {"type": "optax.exponential_decay", "init_value": 1.0,
                                             "transition_steps": 5, "decay_rate": 0.5, "end_value": 0.1},
        dense(50), "decay_rate < 1: end_value is a floor")
    add(O, "o_exponential_end_upper_bound", {"type": "optax.exponential_decay", "init_value": 0.5,
                                             "transition_steps": 4, "decay_rate": 2.0, "end_value": 8.0,
                                             "transition_begin": 3}, dense(40), "decay_rate > 1: a ceiling")
    add(O, "o_exponential_end_clips_before_begin", {"type": "optax.exponential_decay", "init_value": 0.05,
                                                    "transition_steps": 10, "decay_rate": 0.5,
                                                    "transition_begin": 20, "end_value": 0.1}, dense(40),
        "the end_value clip applies at every step, before transition_begin too")
    add(O, "o_exponential_rate_one_end", {"type": "optax.exponential_decay", "init_value": 1.0,
                                          "transition_steps": 3, "decay_rate": 1.0, "end_value": 0.3},
        dense(10), "decay_rate == 1 counts as 'not < 1': end_value becomes a ceiling")
    add(O, "o_exponential_zero_steps", {"type": "optax.exponential_decay", "init_value": 0.3,
                                        "transition_steps": 0, "decay_rate": 0.5, "end_value": 0.5}, dense(10),
        "transition_steps <= 0: constant init_value, end_value ignored")
    add(O, "o_exponential_zero_rate", {"type": "optax.exponential_decay", "init_value": 0.3,
                                       "transition_steps": 10, "decay_rate": 0.0}, dense(10))
    add(O, "o_exponential_negative_begin", {"type": "optax.exponential_decay", "init_value": 1.0,
                                            "transition_steps": 2, "decay_rate": 0.9, "transition_begin": -5},
        dense(20))
    # ---- optax.cosine_decay_schedule
    add(O, "o_cosine_basic", {"type": "optax.cosine_decay_schedule", "init_value": 0.1, "decay_steps": 100},
        dense(200))
    add(O, "o_cosine_alpha_exponent", {"type": "optax.cosine_decay_schedule", "init_value": 1.0,
                                       "decay_steps": 50, "alpha": 0.1, "exponent": 3.0}, dense(80))
    add(O, "o_cosine_exponent_half", {"type": "optax.cosine_decay_schedule", "init_value": 2.0,
                                      "decay_steps": 33, "exponent": 0.5}, dense(50))
    add(O, "o_cosine_err_decay_steps", {"type": "optax.cosine_decay_schedule", "init_value": 0.1,
                                        "decay_steps": 0}, None)
    add(O, "o_cosine_err_decay_steps_negative", {"type": "optax.cosine_decay_schedule", "init_value": 0.1,
                                                 "decay_steps": -5}, None)
    # ---- optax.warmup_cosine_decay_schedule
    add(O, "o_warmup_cosine_basic", {"type": "optax.warmup_cosine_decay_schedule", "init_value": 0.0,
                                     "peak_value": 1.0, "warmup_steps": 10, "decay_steps": 100,
                                     "end_value": 0.01}, dense(150),
        "decay_steps include the warmup: end_value reached at step 100")
    add(O, "o_warmup_cosine_exponent", {"type": "optax.warmup_cosine_decay_schedule", "init_value": 1e-4,
                                        "peak_value": 3e-4, "warmup_steps": 25, "decay_steps": 125,
                                        "end_value": 1e-5, "exponent": 2.5}, dense(160))
    add(O, "o_warmup_cosine_no_warmup", {"type": "optax.warmup_cosine_decay_schedule", "init_value": 7.0,
                                         "peak_value": 1.0, "warmup_steps": 0, "decay_steps": 30}, dense(40),
        "warmup_steps 0: init_value never shows")
    add(O, "o_warmup_cosine_zero_peak", {"type": "optax.warmup_cosine_decay_schedule", "init_value": 0.5,
                                         "peak_value": 0.0, "warmup_steps": 5, "decay_steps": 15,
                                         "end_value": 0.2}, dense(20),
        "peak 0: alpha forced to 0, end_value ignored")
    add(O, "o_warmup_cosine_err_equal", {"type": "optax.warmup_cosine_decay_schedule", "init_value": 0.0,
                                         "peak_value": 1.0, "warmup_steps": 10, "decay_steps": 10}, None)
    add(O, "o_warmup_cosine_err_shorter", {"type": "optax.warmup_cosine_decay_schedule", "init_value": 0.0,
                                           "peak_value": 1.0, "warmup_steps": 10, "decay_steps": 4}, None)
    # ---- optax.warmup_constant_schedule
    add(O, "o_warmup_constant", {"type": "optax.warmup_constant_schedule", "init_value": 0.0,
                                 "peak_value": 0.1, "warmup_steps": 50}, dense(100))
    add(O, "o_warmup_constant_zero_warmup", {"type": "optax.warmup_constant_schedule", "init_value": 0.01,
                                             "peak_value": 0.1, "warmup_steps": 0}, dense(10),
        "warmup_steps 0 gives the constant init_value, never peak_value (linear_schedule's rule)")
    # ---- optax.warmup_exponential_decay_schedule
    add(O, "o_warmup_exponential_basic", {"type": "optax.warmup_exponential_decay_schedule",
                                          "init_value": 0.0, "peak_value": 1.0, "warmup_steps": 10,
                                          "transition_steps": 20, "decay_rate": 0.5}, dense(150))
    add(O, "o_warmup_exponential_full", {"type": "optax.warmup_exponential_decay_schedule",
                                         "init_value": 0.01, "peak_value": 0.5, "warmup_steps": 8,
                                         "transition_steps": 6, "decay_rate": 0.7, "transition_begin": 5,
                                         "staircase": True, "end_value": 0.05}, dense(80))
    add(O, "o_warmup_exponential_no_warmup", {"type": "optax.warmup_exponential_decay_schedule",
                                              "init_value": 9.0, "peak_value": 1.0, "warmup_steps": 0,
                                              "transition_steps": 5, "decay_rate": 0.5}, dense(30))
    # ---- optax.piecewise_interpolate_schedule
    add(O, "o_interpolate_linear", {"type": "optax.piecewise_interpolate_schedule",
                                    "interpolate_type": "linear", "init_value": 0.1,
                                    "boundaries_and_scales": {10: 2.0, 30: 0.5, 50: 0.1}}, dense(70))
    add(O, "o_interpolate_cosine", {"type": "optax.piecewise_interpolate_schedule",
                                    "interpolate_type": "cosine", "init_value": 0.1,
                                    "boundaries_and_scales": {50: 0.1, 10: 2.0, 30: 0.5}}, dense(70))
    add(O, "o_interpolate_zero_boundary", {"type": "optax.piecewise_interpolate_schedule",
                                           "interpolate_type": "cosine", "init_value": 1.0,
                                           "boundaries_and_scales": {0: 4.0, 1: 0.5, 20: 0.0}}, dense(30),
        "a boundary at 0 is an empty interval; a 1-step interval jumps")
    add(O, "o_interpolate_err_type", {"type": "optax.piecewise_interpolate_schedule",
                                      "interpolate_type": "step", "init_value": 1.0}, None)
    add(O, "o_interpolate_err_negative", {"type": "optax.piecewise_interpolate_schedule",
                                          "interpolate_type": "linear", "init_value": 1.0,
                                          "boundaries_and_scales": {5: 0.5, 9: -0.5}}, None)
    # ---- optax.linear_onecycle_schedule / cosine_onecycle_schedule
    add(O, "o_linear_onecycle_default", {"type": "optax.linear_onecycle_schedule", "transition_steps": 100,
                                         "peak_value": 1.0}, dense(120))
    add(O, "o_linear_onecycle_truncation", {"type": "optax.linear_onecycle_schedule", "transition_steps": 100,
                                            "peak_value": 0.5, "pct_start": 0.29, "pct_final": 0.57,
                                            "div_factor": 5.0, "final_div_factor": 50.0}, dense(110),
        "int(0.29 * 100) = 28 and int(0.57 * 100) = 56 in binary floating point")
    add(O, "o_linear_onecycle_tiny", {"type": "optax.linear_onecycle_schedule", "transition_steps": 1,
                                      "peak_value": 1.0}, dense(5),
        "int(0.3) == int(0.85) == 0: the second key replaces the first, the peak never shows")
    add(O, "o_linear_onecycle_err_steps", {"type": "optax.linear_onecycle_schedule", "transition_steps": 0,
                                           "peak_value": 1.0}, None)
    add(O, "o_cosine_onecycle_default", {"type": "optax.cosine_onecycle_schedule", "transition_steps": 100,
                                         "peak_value": 1.0}, dense(120))
    add(O, "o_cosine_onecycle_custom", {"type": "optax.cosine_onecycle_schedule", "transition_steps": 37,
                                        "peak_value": 0.3, "pct_start": 0.25, "div_factor": 10.0,
                                        "final_div_factor": 100.0}, dense(50))
    add(O, "o_cosine_onecycle_tiny", {"type": "optax.cosine_onecycle_schedule", "transition_steps": 1,
                                      "peak_value": 1.0}, dense(3))
    add(O, "o_cosine_onecycle_err_steps", {"type": "optax.cosine_onecycle_schedule", "transition_steps": -3,
                                           "peak_value": 1.0}, None)
    # ---- optax.sgdr_schedule
    add(O, "o_sgdr_three_cycles", {"type": "optax.sgdr_schedule", "cosine_kwargs": [
        {"init_value": 0.0, "peak_value": 1.0, "warmup_steps": 10, "decay_steps": 100},
        {"init_value": 0.1, "peak_value": 0.5, "warmup_steps": 20, "decay_steps": 200, "end_value": 0.05},
        {"init_value": 0.25, "peak_value": 0.25, "warmup_steps": 0, "decay_steps": 400, "exponent": 2.0}]},
        dense(800), "cycle boundaries at 100 and 300; the last cycle holds its end value")
    add(O, "o_sgdr_single", {"type": "optax.sgdr_schedule", "cosine_kwargs": [
        {"init_value": 0.0, "peak_value": 0.2, "warmup_steps": 3, "decay_steps": 13, "end_value": 0.02}]},
        dense(20))
    add(O, "o_sgdr_err_empty", {"type": "optax.sgdr_schedule", "cosine_kwargs": []}, None,
        "accepted by the constructor; every call then raises IndexError")
    add(O, "o_sgdr_err_missing", {"type": "optax.sgdr_schedule", "cosine_kwargs": [
        {"init_value": 0.0, "peak_value": 1.0, "warmup_steps": 10}]}, None)
    add(O, "o_sgdr_err_unknown", {"type": "optax.sgdr_schedule", "cosine_kwargs": [
        {"init_value": 0.0, "peak_value": 1.0, "warmup_steps": 10, "decay_steps": 50, "alpha": 0.1}]}, None)
    add(O, "o_sgdr_err_cycle", {"type": "optax.sgdr_schedule", "cosine_kwargs": [
        {"init_value": 0.0, "peak_value": 1.0, "warmup_steps": 10, "decay_steps": 50},
        {"init_value": 0.0, "peak_value": 1.0, "warmup_steps": 10, "decay_steps": 10}]}, None)
    # ---- optax.join_schedules
    add(O, "o_join_warmup_cosine_constant", {"type": "optax.join_schedules", "schedules": [
        {"type": "optax.linear_schedule", "init_value": 0.0, "end_value": 1.0, "transition_steps": 10},
        {"type": "optax.cosine_decay_schedule", "init_value": 1.0, "decay_steps": 50, "alpha": 0.1},
        {"type": "optax.constant_schedule", "value": 0.05}], "boundaries": [10, 60]}, dense(100),
        "each child sees step - boundary")
    add(O, "o_join_unsorted_boundaries", {"type": "optax.join_schedules", "schedules": [
        {"type": "optax.constant_schedule", "value": 1.0},
        {"type": "optax.constant_schedule", "value": 2.0},
        {"type": "optax.linear_schedule", "init_value": 3.0, "end_value": 4.0, "transition_steps": 10}],
        "boundaries": [50, 20]}, dense(80),
        "boundaries are applied in list order, later ones win: the second child never shows")
    add(O, "o_join_extra_boundaries", {"type": "optax.join_schedules", "schedules": [
        {"type": "optax.constant_schedule", "value": 1.0},
        {"type": "optax.exponential_decay", "init_value": 1.0, "transition_steps": 5, "decay_rate": 0.5}],
        "boundaries": [10, 20, 30]}, dense(40), "zip() ignores boundaries without a schedule")
    add(O, "o_join_nested", {"type": "optax.join_schedules", "schedules": [
        {"type": "optax.warmup_cosine_decay_schedule", "init_value": 0.0, "peak_value": 1.0,
         "warmup_steps": 5, "decay_steps": 25},
        {"type": "optax.join_schedules", "schedules": [
            {"type": "optax.constant_schedule", "value": 0.5},
            {"type": "optax.piecewise_constant_schedule", "init_value": 0.4, "boundaries_and_scales": {5: 0.5}}],
         "boundaries": [10]}], "boundaries": [25]}, dense(60))
    add(O, "o_join_err_empty", {"type": "optax.join_schedules", "schedules": [], "boundaries": []}, None)
    return c


def expected_error(schedule):
    try:
        build(schedule)
    except SpecError as e:
        return e
    raise AssertionError(f"expected a SpecError for {schedule}")


def write_oracle_cases():
    count = 0
    for lib, case, schedule, steps, note in oracle_cases():
        source = KERAS_SRC if lib == "keras" else OPTAX_SRC
        comments = ["generator: src/tools/golden/keras_optax_oracle.py (independent float64 oracle)",
                    f"formulas from: {source}"]
        if note:
            comments.append(f"note: {note}")
        if steps is None:
            e = expected_error(schedule)
            write_error(lib, case, schedule, comments, e.param, e.message)
        else:
            f = build(schedule)
            write_case(lib, case, schedule, comments, [(s, f(s)) for s in steps])
        count += 1
    print(f"wrote {count} oracle cases")


# ---------------------------------------------------------------------------------------------------------

def close(expected, actual):
    if math.isnan(expected) or math.isnan(actual):
        return math.isnan(expected) and math.isnan(actual)
    if expected == actual:
        return True
    return abs(expected - actual) <= max(1e-9 * abs(expected), 1e-15)


def check():
    import yaml  # Debian python3-yaml; only the checker needs it
    failures, compared, cases = 0, 0, 0
    for lib in ("keras", "optax"):
        directory = os.path.join(GOLDEN, lib)
        for file in sorted(os.listdir(directory)):
            if not file.endswith(".yaml"):
                continue
            case = file[:-5]
            with open(os.path.join(directory, file)) as stream:
                spec = yaml.safe_load(stream)
            schedule = spec["schedules"][0]
            cases += 1
            error_file = os.path.join(directory, case + ".error")
            if os.path.exists(error_file):
                param = open(error_file).readline().split(":", 1)[1].strip()
                try:
                    build(schedule)
                    print(f"FAIL {lib}/{case}: oracle accepts it, golden expects an error on {param}")
                    failures += 1
                except SpecError as e:
                    if e.param != param:
                        print(f"FAIL {lib}/{case}: oracle blames {e.param}, golden {param}")
                        failures += 1
                continue
            f = build(schedule)
            walk = None
            if schedule["type"] == "keras.CosineDecayRestarts" and schedule.get("t_mul", 2.0) >= 1:
                # second opinion: walk the cycles (Keras' own test does this)
                walk = restarts_by_iteration(**{k: v for k, v in schedule.items() if k not in ("type", "name")})
            with open(os.path.join(directory, case + ".csv")) as stream:
                rows = stream.read().split("\n")[1:]
            for row in rows:
                if not row:
                    continue
                step, value = row.split(",")
                compared += 1
                actual = f(int(step))
                if not close(float(value), actual):
                    failures += 1
                    print(f"FAIL {lib}/{case} step {step}: golden {value}, oracle {actual!r}")
                if walk is not None and int(step) < 10 ** 6 and abs(walk(int(step)) - actual) > 1e-9 * schedule["initial_learning_rate"]:
                    failures += 1
                    print(f"FAIL {lib}/{case} step {step}: closed form {actual!r}, cycle walk {walk(int(step))!r}")
    print(f"{cases} cases, {compared} values compared, {failures} failures")
    return failures == 0


# ---------------------------------------------------------------------------------------------------------
# How far is Keras' float32 arithmetic from float64? (numpy float32 stands in for the backend.)

def keras_float32(schedule):
    import numpy as np
    f32 = np.float32
    kind = schedule["type"]
    a = {k: v for k, v in schedule.items() if k not in ("type", "name")}
    lr = f32(a["initial_learning_rate"]) if "initial_learning_rate" in a else None
    pi = f32(math.pi)
    one, half = f32(1.0), f32(0.5)

    def cosf(fraction, alpha):
        return (one - f32(alpha)) * (half * (one + np.cos(pi * fraction))) + f32(alpha)

    if kind == "keras.ExponentialDecay":
        def f(t):
            p = f32(t) / f32(a["decay_steps"])
            if a.get("staircase"):
                p = np.floor(p)
            return lr * np.power(f32(a["decay_rate"]), p)
    elif kind == "keras.InverseTimeDecay":
        def f(t):
            p = f32(t) / f32(a["decay_steps"])
            if a.get("staircase"):
                p = np.floor(p)
            return lr / (one + f32(a["decay_rate"]) * p)
    elif kind == "keras.PolynomialDecay":
        steps, end, pw = f32(a["decay_steps"]), f32(a.get("end_learning_rate", 0.0001)), f32(a.get("power", 1.0))

        def f(t):
            t = f32(t)
            period = steps
            if a.get("cycle"):
                period = steps * (one if t == 0 else np.ceil(t / steps))
            else:
                t = min(t, steps)
            return (lr - end) * np.power(one - t / period, pw) + end
    elif kind == "keras.CosineDecay":
        steps, alpha = f32(a["decay_steps"]), a.get("alpha", 0.0)
        target = a.get("warmup_target")

        def f(t):
            t = f32(t)
            if target is None:
                return lr * cosf(min(t, steps) / steps, alpha)
            warm = f32(a.get("warmup_steps", 0))
            t = min(t, steps + warm)
            if t < warm:
                return (f32(target) - lr) * (t / warm) + lr
            return f32(target) * cosf((t - warm) / steps, alpha)
    elif kind == "keras.CosineDecayRestarts":
        first, tm = f32(a["first_decay_steps"]), f32(a.get("t_mul", 2.0))
        mm, alpha = f32(a.get("m_mul", 1.0)), f32(a.get("alpha", 0.0))

        def f(t):
            with np.errstate(all="ignore"):
                fraction = f32(t) / first
                if tm == 1:
                    cycle = np.floor(fraction)
                    fraction = fraction - cycle
                else:
                    cycle = np.floor(np.log(one - fraction * (one - tm)) / np.log(tm))
                    done = (one - np.power(tm, cycle)) / (one - tm)
                    fraction = (fraction - done) / np.power(tm, cycle)
                cos = half * np.power(mm, cycle) * (one + np.cos(pi * fraction))
                return lr * ((one - alpha) * cos + alpha)
    elif kind == "keras.PiecewiseConstantDecay":
        exact = build(schedule)
        return lambda t: float(f32(exact(t)))
    else:
        raise KeyError(kind)
    return lambda t: float(f(t))


def float32_report():
    import yaml
    directory = os.path.join(GOLDEN, "keras")
    worst, worst_scaled = {}, {}
    for file in sorted(os.listdir(directory)):
        case = file[:-4]
        if not file.endswith(".csv"):
            continue
        spec = yaml.safe_load(open(os.path.join(directory, case + ".yaml")))
        schedule = spec["schedules"][0]
        f32 = keras_float32(schedule)
        rows = [r.split(",") for r in open(os.path.join(directory, file)).read().split("\n")[1:] if r]
        scale = max(abs(float(v)) for _, v in rows) or 1.0
        for step, value in rows:
            if int(step) >= 2 ** 24:  # not representable in float32: a different question
                continue
            exact, approx = float(value), f32(int(step))
            if exact == approx:
                continue
            rel = abs(approx - exact) / max(abs(exact), 1e-30)
            scaled = abs(approx - exact) / scale
            key = schedule["type"]
            where = f"{case} step {step}: float64 {exact!r}, float32 {approx!r}"
            if rel > worst.get(key, (0, None))[0]:
                worst[key] = (rel, where)
            if scaled > worst_scaled.get(key, (0, None))[0]:
                worst_scaled[key] = (scaled, where)
    print("steps < 2**24 only; 'of value' = |f32 - f64| / |f64|, 'of peak' = |f32 - f64| / max |f64| of the case")
    for key in sorted(worst):
        print(f"{key}: max of value {worst[key][0]:.3g} ({worst[key][1]})")
        print(f"{' ' * len(key)}  max of peak  {worst_scaled[key][0]:.3g} ({worst_scaled[key][1]})")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "write":
        write_oracle_cases()
    elif command == "check":
        sys.exit(0 if check() else 1)
    elif command == "float32":
        float32_report()
    else:
        sys.exit(__doc__)
