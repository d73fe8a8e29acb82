#!/usr/bin/env python3
"""Golden cases transcribed from Keras' and optax's own unit tests (files named t_*).

Each case is one test (or several tests of the same schedule arguments). The expected values are the tests'
own: where a test computes them with a small formula, that formula is evaluated here at the test's steps;
where it lists literals, they are copied. Tests that compare in float32 (optax's literals such as
0.20000004768371582 with rtol=1e-6) get the float64 value of the same exact decimal (0.2), and this script
asserts that the test's literal is within the test's own tolerance of it.

Sources (read with the search tool):
  keras-team/keras keras/src/optimizers/schedules/learning_rate_schedule_test.py @ 51d7e77046f5b562fbde669068a29b4b33e1f745
  google-deepmind/optax optax/schedules/_schedule_test.py @ 682d3123a3c61c4d5ca335021b6c0460ccab71b7
  google-deepmind/optax optax/schedules/_join_test.py @ b84f914a84b8f5cd62e2fca75729b460a6b815d1
  google-deepmind/optax optax/schedules/schedules_warmup_cosine_test.py @ d1fc68eaa324457c6e8a828e5b9eae9001a59df1

Run: /usr/bin/python3 src/tools/golden/keras_optax_libtests.py   (then keras_optax_oracle.py check)
"""

import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from keras_optax_oracle import write_case, write_error  # noqa: E402

KERAS_TEST = ("keras-team/keras keras/src/optimizers/schedules/learning_rate_schedule_test.py "
              "@ 51d7e77046f5b562fbde669068a29b4b33e1f745")
OPTAX_TEST = "google-deepmind/optax optax/schedules/_schedule_test.py @ 682d3123a3c61c4d5ca335021b6c0460ccab71b7"
JOIN_TEST = "google-deepmind/optax optax/schedules/_join_test.py @ b84f914a84b8f5cd62e2fca75729b460a6b815d1"
WCD_TEST = ("google-deepmind/optax optax/schedules/schedules_warmup_cosine_test.py "
            "@ d1fc68eaa324457c6e8a828e5b9eae9001a59df1")

GENERATOR = "generator: src/tools/golden/keras_optax_libtests.py (expected values of the library's own test)"


def case(lib, name, schedule, points, source, tests, note=""):
    comments = [GENERATOR, f"from: {source}", f"tests: {tests}"]
    if note:
        comments.append(f"note: {note}")
    write_case(lib, name, schedule, comments, points)


def error(lib, name, schedule, param, message, source, tests):
    write_error(lib, name, schedule, [GENERATOR, f"from: {source}", f"tests: {tests}"], param, message)


def refine(exact, literal, rtol, atol=0.0):
    """A float32 literal of a test -> the exact decimal it stands for, checked against the test's tolerance."""
    assert abs(literal - exact) <= atol + rtol * abs(exact), (exact, literal)
    return exact


# ----------------------------------------------------------------------------------------------- Keras

def keras_cases():
    K = "keras"
    src = KERAS_TEST

    case(K, "t_exponential_continuous",
         {"type": "keras.ExponentialDecay", "initial_learning_rate": 0.05, "decay_steps": 10, "decay_rate": 0.96},
         [(5, 0.05 * 0.96 ** (5.0 / 10.0))], src, "ExponentialDecayTest.test_continuous")
    case(K, "t_exponential_staircase",
         {"type": "keras.ExponentialDecay", "initial_learning_rate": 0.1, "decay_steps": 3, "decay_rate": 0.96,
          "staircase": True},
         [(1, 0.1), (2, 0.1), (100, 0.1 * 0.96 ** (100 // 3))], src,
         "ExponentialDecayTest.test_staircase, test_variables")
    case(K, "t_piecewise_values",
         {"type": "keras.PiecewiseConstantDecay", "boundaries": [100, 110, 120], "values": [1.0, 0.1, 0.01, 0.001]},
         [(100, 1.0), (105, 0.1), (110, 0.1), (120, 0.01), (999, 0.001)], src,
         "PiecewiseConstantDecayTest.test_piecewise_values",
         "the test's first point, step -999 -> 1.0, is left out: lrsched steps start at 0")
    case(K, "t_piecewise_boundary_values",
         {"type": "keras.PiecewiseConstantDecay", "boundaries": [1, 2, 3], "values": [0.4, 0.5, 0.6, 0.7]},
         [(0, 0.4), (1, 0.4), (2, 0.5), (3, 0.6), (4, 0.7)], src, "PiecewiseConstantDecayTest.test_boundary_values")

    lr = 0.05
    case(K, "t_polynomial_linear_halfway",
         {"type": "keras.PolynomialDecay", "initial_learning_rate": lr, "decay_steps": 10, "end_learning_rate": 0.0},
         [(5, lr * 0.5)], src, "LinearDecayTest.test_halfway")
    end = 0.001
    case(K, "t_polynomial_linear_end",
         {"type": "keras.PolynomialDecay", "initial_learning_rate": lr, "decay_steps": 10,
          "end_learning_rate": end},
         [(5, (lr + end) * 0.5), (10, end), (15, end)], src,
         "LinearDecayTest.test_end, test_halfway_with_end, test_beyond_end")
    case(K, "t_polynomial_linear_cycle",
         {"type": "keras.PolynomialDecay", "initial_learning_rate": lr, "decay_steps": 10,
          "end_learning_rate": end, "cycle": True},
         [(15, (lr - end) * 0.25 + end)], src, "LinearDecayTest.test_beyond_end_with_cycle")
    power = 0.5
    case(K, "t_polynomial_sqrt_halfway",
         {"type": "keras.PolynomialDecay", "initial_learning_rate": lr, "decay_steps": 10, "end_learning_rate": 0.0,
          "power": power},
         [(5, lr * 0.5 ** power)], src, "SqrtDecayTest.test_halfway")
    case(K, "t_polynomial_sqrt_end",
         {"type": "keras.PolynomialDecay", "initial_learning_rate": lr, "decay_steps": 10, "end_learning_rate": end,
          "power": power},
         [(5, (lr - end) * 0.5 ** power + end), (10, end), (15, end)], src,
         "SqrtDecayTest.test_end, test_halfway_with_end, test_beyond_end")
    case(K, "t_polynomial_sqrt_cycle",
         {"type": "keras.PolynomialDecay", "initial_learning_rate": lr, "decay_steps": 10, "end_learning_rate": end,
          "power": power, "cycle": True},
         [(15, (lr - end) * 0.25 ** power + end)], src, "SqrtDecayTest.test_beyond_end_with_cycle")
    case(K, "t_polynomial_begin_with_cycle",
         {"type": "keras.PolynomialDecay", "initial_learning_rate": 0.001, "decay_steps": 10, "cycle": True},
         [(0, 0.001)], src, "SqrtDecayTest.test_begin_with_cycle")

    k, rate = 10, 0.96
    case(K, "t_inverse_time_decay",
         {"type": "keras.InverseTimeDecay", "initial_learning_rate": 0.1, "decay_steps": k, "decay_rate": rate},
         [(i, 0.1 / (1 + i / k * rate)) for i in range(k + 1)], src, "InverseTimeDecayTest.test_decay")
    case(K, "t_inverse_time_staircase",
         {"type": "keras.InverseTimeDecay", "initial_learning_rate": 0.1, "decay_steps": k, "decay_rate": rate,
          "staircase": True},
         [(i, 0.1 / (1 + rate * (i // k))) for i in range(k + 1)], src, "InverseTimeDecayTest.test_staircase")

    def test_cosine(step, decay_steps, alpha=0.0):  # CosineDecayTest.np_cosine_decay
        step = min(step, decay_steps)
        return (1.0 - alpha) * (0.5 * (1.0 + math.cos(math.pi * step / decay_steps))) + alpha

    def test_warmup(step, warmup_steps, initial_lr, target_lr):  # CosineDecayTest.linear_warmup
        return step / warmup_steps * (target_lr - initial_lr)

    case(K, "t_cosine_decay",
         {"type": "keras.CosineDecay", "initial_learning_rate": 1.0, "decay_steps": 1000},
         [(s, test_cosine(s, 1000)) for s in range(0, 1500, 250)], src,
         "CosineDecayTest.test_decay, test_float64")
    case(K, "t_cosine_alpha",
         {"type": "keras.CosineDecay", "initial_learning_rate": 1.0, "decay_steps": 1000, "alpha": 0.1},
         [(s, test_cosine(s, 1000, 0.1)) for s in range(0, 1500, 250)], src, "CosineDecayTest.test_alpha")
    case(K, "t_cosine_warmup",
         {"type": "keras.CosineDecay", "initial_learning_rate": 0.0, "decay_steps": 10, "warmup_target": 10.0,
          "warmup_steps": 1500},
         [(s, test_warmup(s, 1500, 0.0, 10.0)) for s in range(0, 1500, 250)], src, "CosineDecayTest.test_warmup",
         "the test's linear_warmup omits + initial_lr; harmless since initial_lr = 0")
    case(K, "t_cosine_warmup_decay",
         {"type": "keras.CosineDecay", "initial_learning_rate": 0.0, "decay_steps": 1000, "warmup_target": 10.0,
          "warmup_steps": 2000},
         [(s, test_warmup(s, 2000, 0.0, 10.0) if s < 2001 else 10.0 * test_cosine(s - 2000, 1000))
          for s in range(0, 3000, 250)], src, "CosineDecayTest.test_warmup_decay")

    def test_restarts(step, decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0):  # np_cosine_decay_restarts: walk
        fac = 1.0
        while step >= decay_steps:
            step -= decay_steps
            decay_steps *= t_mul
            fac *= m_mul
        return (1.0 - alpha) * (fac * 0.5 * (1.0 + math.cos(math.pi * step / decay_steps))) + alpha

    restarts = {"type": "keras.CosineDecayRestarts", "initial_learning_rate": 1.0, "first_decay_steps": 1000}
    case(K, "t_restarts_decay", dict(restarts), [(s, test_restarts(s, 1000)) for s in range(0, 1500, 250)], src,
         "CosineDecayRestartsTest.test_decay, test_float64")
    case(K, "t_restarts_alpha", dict(restarts, alpha=0.1),
         [(s, test_restarts(s, 1000, alpha=0.1)) for s in range(0, 1500, 250)], src,
         "CosineDecayRestartsTest.test_alpha")
    case(K, "t_restarts_mmul", dict(restarts, m_mul=0.9),
         [(s, test_restarts(s, 1000, m_mul=0.9)) for s in range(0, 1500, 250)], src,
         "CosineDecayRestartsTest.test_mmul")
    case(K, "t_restarts_tmul", dict(restarts, t_mul=1.0),
         [(s, test_restarts(s, 1000, t_mul=1.0)) for s in range(0, 1500, 250)], src,
         "CosineDecayRestartsTest.test_tmul")


# ----------------------------------------------------------------------------------------------- optax

def optax_cases():
    O = "optax"
    src = OPTAX_TEST

    case(O, "t_constant", {"type": "optax.constant_schedule", "value": 10},
         [(c, 10.0) for c in range(15)], src, "ConstantTest.test_constant")
    case(O, "t_polynomial_linear",
         {"type": "optax.polynomial_schedule", "init_value": 10.0, "end_value": 20.0, "power": 1,
          "transition_steps": 10},
         [(c, v) for c, v in zip(range(15), list(range(10, 20)) + [20] * 5)], src, "PolynomialTest.test_linear")
    for steps, label in ((-1, "negative"), (0, "zero")):
        case(O, f"t_polynomial_{label}_steps",
             {"type": "optax.polynomial_schedule", "init_value": 10.0, "end_value": 20.0, "power": 1,
              "transition_steps": steps},
             [(c, 10.0) for c in range(15)], src, "PolynomialTest.test_zero_steps_schedule",
             "transition_steps <= 0: optax logs and returns the constant init_value")
    case(O, "t_polynomial_nonlinear",
         {"type": "optax.polynomial_schedule", "init_value": 25.0, "end_value": 10.0, "power": 2,
          "transition_steps": 10},
         [(c, v) for c, v in zip(range(15), [10.0 + 15.0 * (1.0 - n / 10) ** 2 for n in range(10)] + [10] * 5)],
         src, "PolynomialTest.test_nonlinear")
    case(O, "t_polynomial_with_decay_begin",
         {"type": "optax.polynomial_schedule", "init_value": 30.0, "end_value": 10.0, "power": 2,
          "transition_steps": 10, "transition_begin": 4},
         [(c, v) for c, v in zip(range(20), [30.0] * 4 + [10.0 + 20.0 * (1.0 - n / 10) ** 2 for n in range(10)]
                                 + [10] * 6)], src, "PolynomialTest.test_with_decay_begin")
    pattern = [0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.1]
    case(O, "t_piecewise_constant_positive",
         {"type": "optax.piecewise_constant_schedule", "init_value": 0.1, "boundaries_and_scales": {3: 2.0, 6: 0.5}},
         list(enumerate(pattern)), src, "PiecewiseConstantTest.test_positive")
    case(O, "t_piecewise_constant_negative",
         {"type": "optax.piecewise_constant_schedule", "init_value": -0.1,
          "boundaries_and_scales": {3: 2.0, 6: 0.5}},
         [(c, -v) for c, v in enumerate(pattern)], src, "PiecewiseConstantTest.test_negative")

    for staircase in (False, True):
        tag = "staircase" if staircase else "smooth"
        case(O, f"t_exponential_rate_one_{tag}",
             {"type": "optax.exponential_decay", "init_value": 1.0, "transition_steps": 15, "decay_rate": 1.0,
              "staircase": staircase},
             [(c, 1.0) for c in range(15)], src, "ExponentialTest.test_constant_schedule")
        for steps, label in ((-1, "negative"), (0, "zero")):
            case(O, f"t_exponential_{label}_steps_{tag}",
                 {"type": "optax.exponential_decay", "init_value": 1.0, "transition_steps": steps,
                  "decay_rate": 1.0, "staircase": staircase},
                 [(c, 1.0) for c in range(15)], src, "ExponentialTest.test_nonvalid_transition_steps")
        case(O, f"t_exponential_zero_rate_{tag}",
             {"type": "optax.exponential_decay", "init_value": 1.0, "transition_steps": 2, "decay_rate": 0.0,
              "staircase": staircase},
             [(c, 1.0) for c in range(15)], src, "ExponentialTest.test_nonvalid_decay_rate")

        def staircased(count):
            p = count / 2
            return math.floor(p) if staircase else p

        for begin in (0, 5):
            case(O, f"t_exponential_{tag}_begin{begin}",
                 {"type": "optax.exponential_decay", "init_value": 1.0, "transition_steps": 2, "decay_rate": 2.0,
                  "transition_begin": begin, "staircase": staircase},
                 list(enumerate([1.0] * begin + [1.0 * 2.0 ** staircased(c) for c in range(15)])), src,
                 "ExponentialTest.test_exponential")
        for rate, end in ((0.2, 0.1), (1.0, 0.1), (2.0, 3.0)):
            values = [1.0] * 3 + [1.0 * rate ** staircased(c) for c in range(11)]
            values = [max(v, end) if rate < 1.0 else min(v, end) for v in values]
            case(O, f"t_exponential_end_value_{str(rate).replace('.', '_')}_{tag}",
                 {"type": "optax.exponential_decay", "init_value": 1.0, "transition_steps": 2, "decay_rate": rate,
                  "transition_begin": 3, "staircase": staircase, "end_value": end},
                 list(enumerate(values)), src, "ExponentialTest.test_end_value_with_staircase")
    case(O, "t_exponential_immutable_count",
         {"type": "optax.exponential_decay", "init_value": 32.0, "transition_steps": 1, "decay_rate": 0.5},
         list(enumerate([32.0, 16.0, 8.0, 4.0, 2.0])), src, "ExponentialTest.test_immutable_count")

    def multipliers(fractions):
        return [0.5 + 0.5 * math.cos(math.pi * f) for f in fractions]

    case(O, "t_cosine_decay_count_smaller",
         {"type": "optax.cosine_decay_schedule", "init_value": 0.1, "decay_steps": 10, "alpha": 0.0},
         list(enumerate(0.1 * m for m in multipliers([c / 10 for c in range(10)]))), src,
         "CosineDecayTest.test_decay_count_smaller_count")
    fractions = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
    case(O, "t_cosine_decay_count_greater",
         {"type": "optax.cosine_decay_schedule", "init_value": 0.1, "decay_steps": 5, "alpha": 0.0},
         list(enumerate(0.1 * m for m in multipliers(fractions))), src,
         "CosineDecayTest.test_decay_count_greater_count")
    case(O, "t_cosine_decay_count_greater_alpha",
         {"type": "optax.cosine_decay_schedule", "init_value": 0.1, "decay_steps": 5, "alpha": 0.1},
         list(enumerate(0.1 * (0.9 * m + 0.1) for m in multipliers(fractions))), src,
         "CosineDecayTest.test_decay_count_greater_count_with_alpha")
    case(O, "t_cosine_decay_exponent",
         {"type": "optax.cosine_decay_schedule", "init_value": 0.1, "decay_steps": 100, "alpha": 0.0,
          "exponent": 2},
         [(c, refine(0.1 * (0.5 * (1 + math.cos(math.pi * c / 100))) ** 2, literal, rtol=1e-6, atol=1e-8))
          for c, literal in zip([0, 10, 50, 75, 100], [0.1, 0.09516553580760956, 0.025, 0.0021446612663567066, 0.0])],
         src, "CosineDecayTest.test_with_exponent",
         "the test's literals are float32 results (rtol 1e-6); value here: 0.1 * ((1 + cos(pi c/100)) / 2)^2")
    case(O, "t_cosine_decay_giant_steps",
         {"type": "optax.cosine_decay_schedule", "init_value": 1000.0, "decay_steps": 10 ** 10, "alpha": 0.0,
          "exponent": 1},
         [(10 ** 9, refine(1000.0 * 0.5 * (1 + math.cos(math.pi * 0.1)), 975.52826, rtol=1e-7))], src,
         "CosineDecayTest.test_with_giant_int_steps",
         "test literal 975.52826 (rtol 1e-7); value here: 1000 * (1 + cos(pi/10)) / 2")

    for label, init, peak, end in (("with_end", 10.0, 0.5, 1e-4), ("without_end", 5.0, 3.0, 0.0)):
        case(O, f"t_warmup_cosine_limits_{label}",
             {"type": "optax.warmup_cosine_decay_schedule", "init_value": init, "peak_value": peak,
              "warmup_steps": 100, "decay_steps": 1000, "end_value": end},
             [(0, init), (100, peak), (1000, end)], src, "WarmupCosineDecayTest.test_limits",
             "the test allows rtol 1e-3 at step 1000; the exact value is peak * (end / peak)")
    literals = [0.20000004768371582, 0.4020000100135803, 1.2100000381469727, -1.947500228881836, -3.000000238418579]
    exact = [0.2, 0.2 + (1.21 - 0.2) * 10 / 50, 1.21, 1.21 * 0.25 + (-3.0) * 0.75, -3.0]
    case(O, "t_warmup_cosine_exponent",
         {"type": "optax.warmup_cosine_decay_schedule", "init_value": 0.2, "peak_value": 1.21, "end_value": -3.0,
          "warmup_steps": 50, "decay_steps": 100, "exponent": 2},
         [(s, refine(e, lit, rtol=1e-6, atol=1e-8)) for s, e, lit in zip([0, 10, 50, 75, 100], exact, literals)],
         src, "WarmupCosineDecayTest.test_with_exponent",
         "the test's float32 literals (rtol 1e-6) replaced by the exact decimals they round")
    case(O, "t_warmup_cosine_zero_peak",
         {"type": "optax.warmup_cosine_decay_schedule", "init_value": 0.2, "peak_value": 0, "end_value": -3.0,
          "warmup_steps": 50, "decay_steps": 100, "exponent": 2},
         list(zip([0, 10, 50, 75, 100], [0.2, 0.16, 0.0, 0.0, 0.0])), src, "WarmupCosineDecayTest.test_zero_peak_value")
    case(O, "t_warmup_cosine_reaches_peak",
         {"type": "optax.warmup_cosine_decay_schedule", "init_value": 0.0, "peak_value": 1.0,
          "warmup_steps": 5, "decay_steps": 25, "end_value": 0.1},
         [(5, 1.0)], WCD_TEST, "WarmupCosineScheduleTest.test_warmup_increases_and_reaches_peak")
    case(O, "t_warmup_cosine_hits_end",
         {"type": "optax.warmup_cosine_decay_schedule", "init_value": 0.0, "peak_value": 2.0,
          "warmup_steps": 4, "decay_steps": 20, "end_value": 0.5},
         [(20, 0.5)], WCD_TEST, "WarmupCosineScheduleTest.test_decay_nonincreasing_and_hits_end_value")
    error(O, "t_warmup_cosine_err_decay_equals_warmup",
          {"type": "optax.warmup_cosine_decay_schedule", "init_value": 0.2, "peak_value": 1.2, "warmup_steps": 10,
           "decay_steps": 10, "end_value": 0.0},
          "decay_steps", "The cosine_decay_schedule requires positive decay_steps, got decay_steps=0.",
          WCD_TEST, "WarmupCosineScheduleTest.test_raises_when_decay_equals_warmup")

    for label, lrs in (("with_step_decay", (1.6, 0.8, 0.4)), ("without_step_decay", (1.6, 1.6, 1.6))):
        kwargs = [{"init_value": 0, "peak_value": lr, "warmup_steps": 500, "decay_steps": int(step), "end_value": 0.0}
                  for step, lr in zip([2e3, 3e3, 5e3], lrs)]
        case(O, f"t_sgdr_{label}", {"type": "optax.sgdr_schedule", "cosine_kwargs": kwargs},
             list(zip([500, 2500, 5500], lrs)), src, "SGDRTest.test_limits")

    case(O, "t_interpolate_linear",
         {"type": "optax.piecewise_interpolate_schedule", "interpolate_type": "linear", "init_value": 200.0,
          "boundaries_and_scales": {5: 1.5, 10: 0.25}},
         list(enumerate([200., 220., 240., 260., 280., 300., 255., 210., 165., 120., 75., 75., 75.])), src,
         "PiecewiseInterpolateTest.test_linear_piecewise")
    case(O, "t_interpolate_cosine",
         {"type": "optax.piecewise_interpolate_schedule", "interpolate_type": "cosine", "init_value": 400.0,
          "boundaries_and_scales": {5: 1.2, 3: 0.6, 7: 1.0}},
         list(enumerate([400., 360., 280., 240., 264., 288., 288., 288., 288.])), src,
         "PiecewiseInterpolateTest.test_cos_piecewise")
    case(O, "t_interpolate_empty_dict",
         {"type": "optax.piecewise_interpolate_schedule", "interpolate_type": "linear", "init_value": 13.0,
          "boundaries_and_scales": {}},
         [(c, 13.0) for c in range(5)], src, "PiecewiseInterpolateTest.test_empty_dict")
    case(O, "t_interpolate_no_dict",
         {"type": "optax.piecewise_interpolate_schedule", "interpolate_type": "cosine", "init_value": 17.0},
         [(c, 17.0) for c in range(3)], src, "PiecewiseInterpolateTest.test_no_dict")
    case(O, "t_interpolate_zero_interval",
         {"type": "optax.piecewise_interpolate_schedule", "interpolate_type": "linear", "init_value": 13.0,
          "boundaries_and_scales": {0: 2.0, 5: 3.0}},
         [(0, 26.0), (5, 78.0)], src, "PiecewiseInterpolateTest.test_zero_interval_size")
    for label, kind, scales in (("misspelt", "linar", None), ("empty", "", {5: 3.0})):
        schedule = {"type": "optax.piecewise_interpolate_schedule", "interpolate_type": kind, "init_value": 13.0}
        if scales is not None:
            schedule["boundaries_and_scales"] = scales
        error(O, f"t_interpolate_err_type_{label}", schedule, "interpolate_type",
              "`interpolate_type` must be either 'cosine' or 'linear'", src, "PiecewiseInterpolateTest.test_invalid_type")
    error(O, "t_interpolate_err_scale",
          {"type": "optax.piecewise_interpolate_schedule", "interpolate_type": "linear", "init_value": 13.0,
           "boundaries_and_scales": {5: -3}},
          "boundaries_and_scales", "`piecewise_interpolate_schedule` expects non-negative scale factors", src,
          "PiecewiseInterpolateTest.test_invalid_scale")

    case(O, "t_linear_onecycle",
         {"type": "optax.linear_onecycle_schedule", "transition_steps": 10, "peak_value": 1000, "pct_start": 0.3,
          "pct_final": 0.7, "div_factor": 10.0, "final_div_factor": 100.0},
         list(enumerate([100., 400., 700., 1000., 775., 550., 325., 100., 67., 34., 1., 1.])), src,
         "OneCycleTest.test_linear")
    case(O, "t_cosine_onecycle",
         {"type": "optax.cosine_onecycle_schedule", "transition_steps": 5, "peak_value": 1000.0, "pct_start": 0.4,
          "div_factor": 10.0, "final_div_factor": 100.0},
         list(enumerate([100., 550., 1000., 750.25, 250.75, 1., 1.])), src, "OneCycleTest.test_cosine")
    error(O, "t_cosine_onecycle_err_steps",
          {"type": "optax.cosine_onecycle_schedule", "transition_steps": 0, "peak_value": 5.0}, "transition_steps",
          "A cosine onecycle schedule was set with a non-positive `transition_steps`", src,
          "OneCycleTest.test_nonpositive_transition_steps")
    error(O, "t_linear_onecycle_err_steps",
          {"type": "optax.linear_onecycle_schedule", "transition_steps": 0, "peak_value": 5.0}, "transition_steps",
          "A linear onecycle schedule was set with a non-positive `transition_steps`", src,
          "OneCycleTest.test_nonpositive_transition_steps")

    case(O, "t_join_constants",
         {"type": "optax.join_schedules",
          "schedules": [{"type": "optax.constant_schedule", "value": 1.0},
                        {"type": "optax.constant_schedule", "value": 2.0},
                        {"type": "optax.constant_schedule", "value": 1.0}],
          "boundaries": [3, 6]},
         list(enumerate([1., 1., 1., 2., 2., 2., 1.])), JOIN_TEST, "JoinTest.test_join_schedules")


if __name__ == "__main__":
    keras_cases()
    optax_cases()
    print("wrote the library-test cases")
