#!/usr/bin/python3
"""Golden data for lrsched's torch.* types, made by the real torch.optim.lr_scheduler.

Run with Debian's interpreter (the one that has python3-torch):

    /usr/bin/python3 src/tools/golden/torch_golden.py                       # torch 1.13  -> golden/torch
    /usr/bin/python3 src/tools/golden/torch_golden.py --module DIR --source TEXT [--swa-source TEXT]
                                                                            # newest      -> golden/torch2
    /usr/bin/python3 src/tools/golden/torch_golden.py --module DIR --source TEXT --release X.Y
                                                                            # release X.Y -> golden/torchXY

Without --module it runs Debian's torch 1.13 (torch.optim.lr_scheduler) and every spec it writes says
`versions: {torch: "1.13"}` (the cases lrsched must reproduce when told the run used torch 1.13). With --module DIR
it imports DIR/lr_scheduler.py as the package DIR (DIR/__init__.py empty, DIR/optimizer.py a shim re-exporting
torch 1.13's Optimizer plus a `_to_scalar` that only tensor lrs reach) and DIR/swa_utils.py (below); --source and
--swa-source say where those two files were copied from (verbatim), for the headers. Cases of a class the module
does not define are skipped.

Without --release it writes golden/torch2, lrsched's default (the newest torch), specs without `versions:`. The
committed data comes from the torch 2.14.1 release: torch/optim/lr_scheduler.py (sha256 86de1944...2849) and
torch/optim/swa_utils.py (sha256 4de67de8...b0cd) as unpacked from torch-2.14.1-cp311-cp311-manylinux_2_28_x86_64.whl
(sha256 305a61f6...854d; their arithmetic equals the 2.13.0 wheel's: only a docstring differs). The earlier torch2
data came from pytorch/pytorch torch/optim/lr_scheduler.py at commit 008f727ece1520e12c25089a7969d5b8fca75f8e (an
unreleased main commit without pytorch/pytorch#185986), which now makes golden/torch212 (below).

With --release X.Y it writes golden/torchXY, every spec saying `versions: {torch: "X.Y"}`, for the cases whose
schedulers differ between releases (RELEASE_TYPES). The committed ones:
- golden/torch22: pytorch/pytorch torch/optim/lr_scheduler.py at commit 91a8950d1b07074bdd6a13051956e8c470d17f83
  (its version.txt says 2.2.0a0: main between the 2.1 and 2.2 branch cuts), verbatim (74402 characters, as read_file
  reports), with swa_utils.py at 7c5cdb79 (below). It has 2.0's changes and none of the later ones (lrsched's
  TorchChange), so it stands for torch 2.0 to 2.3.
- golden/torch212: pytorch/pytorch torch/optim/lr_scheduler.py at commit 008f727ece1520e12c25089a7969d5b8fca75f8e,
  verbatim (90539 characters), with swa_utils.py at 7c5cdb79: SequentialLR's _update_lr(0) and _is_initial, but
  not yet #185986 (SequentialLR starting with the child active at epoch 0), as v2.12.0; it stands for 2.9 to 2.12.

SWALR comes from torch.optim.swa_utils: Debian's for 1.13; with --module, DIR/swa_utils.py (pytorch/pytorch
torch/optim/swa_utils.py at 7c5cdb79c4b58dbaec9e0c9d094548835a1fcf8a, verbatim, 16570 characters, whose SWALR is
1.13's apart from the base class name and super() call; or the release wheel's), imported on top of DIR's
lr_scheduler: while it is imported, torch.optim.lr_scheduler is pointed at DIR's module (so SWALR subclasses that
LRScheduler) and torch.utils._foreach_utils (missing in 1.13, used only by AveragedModel) is a stub.

For every case below it builds a one-parameter SGD optimizer (momentum 0.9, so that CyclicLR and OneCycleLR can
cycle momentum) with lr = the case's lr, constructs the real scheduler with the case's keyword arguments, and
records optimizer.param_groups[0]['lr'] after s calls of scheduler.step() (row s; row 0 is what the constructor
left). It writes src/test/resources/golden/torch/<case>.yaml and .csv, or .error (constructor rejected the
arguments) or .raises (a later step() raised), and deletes any other file it finds in that directory.

Far steps: "far" steps are reached by really stepping the scheduler that many times. "jump" steps are computed
without stepping, only for schedulers whose value depends on the step number alone: LambdaLR and CyclicLR are
rebuilt with last_epoch=s-2 and stepped once (torch's resume path; the step computes the same get_lr at epoch s), and
CosineAnnealingWarmRestarts with T_mult=1 is stepped with step(epoch=s) (T_cur = s % T_0, the same integers the
step-by-step counter reaches). Each yaml says which of its steps came from which path.

Lambdas (lr_lambda, CyclicLR scale_fn) are formula strings in lrsched's expression language, evaluated here with
eval() in a namespace that has only the language's functions and pi.
"""

import math
import os
import subprocess
import sys
import warnings

import importlib

import torch
from torch.optim import lr_scheduler as S
from torch.optim import swa_utils as SWA
from golden_yaml import yaml_number

warnings.filterwarnings("ignore")

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(REPO, "src", "test", "resources", "golden", "torch")
MODULE = None  # --module DIR: the torch 2.x lr_scheduler.py to run instead of Debian's 1.13
MODULE_SOURCE = None  # --source: where DIR/lr_scheduler.py was copied from, for the headers
RELEASE = None  # --release X.Y: DIR is that older release's module (golden/torchXY, versions: {torch: X.Y})
RELEASE_TYPES = {"SequentialLR", "ChainedScheduler", "LinearLR", "OneCycleLR", "SWALR", "MultiplicativeLR"}
OWNED_EXT = (".yaml", ".csv", ".error", ".raises")
SWA_SOURCE = ("pytorch/pytorch torch/optim/swa_utils.py @ 7c5cdb79c4b58dbaec9e0c9d094548835a1fcf8a"
              " (verbatim)")  # --swa-source: where DIR/swa_utils.py was copied from
PLACEHOLDER_LR = 0.5  # optimizer lr when a spec gives none (CyclicLR and OneCycleLR ignore it)

NAMESPACE = {
    "__builtins__": {},
    "min": min, "max": max, "abs": abs,
    "sqrt": math.sqrt, "rsqrt": lambda v: 1.0 / math.sqrt(v), "exp": math.exp, "log": math.log,
    "pow": math.pow, "cos": math.cos, "sin": math.sin, "tanh": math.tanh,
    "floor": math.floor, "ceil": math.ceil, "pi": math.pi,
}


def formula(text, variable):
    code = compile(text, "<formula>", "eval")
    return lambda value: eval(code, NAMESPACE, {variable: value})


def debian_version():
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-torch"],
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


# ---------------------------------------------------------------------------------------------------------------
# Cases. case(name, type, lr=..., steps=N, far=[...], jump=[...], expect=None|'error'|'raises', param=..., **kwargs)
# Nested schedulers are child(type, **kwargs). Rows 0..steps-1 are recorded densely, plus far and jump steps.
# ---------------------------------------------------------------------------------------------------------------

CASES = []


def case(name, type_, lr=None, steps=20, far=(), jump=(), expect=None, param=None, note=None, expect2="same",
         **kwargs):
    """expect2: what torch 2.x (--module) does where it differs from expect (1.13)."""
    CASES.append(dict(name=name, type=type_, lr=lr, steps=steps, far=list(far), jump=list(jump),
                      expect=expect, param=param, note=note, expect2=expect2, kwargs=kwargs))


def child(type_, **kwargs):
    return dict(type=type_, kwargs=kwargs)


# LambdaLR: lr = base_lr * lr_lambda(epoch)
case("lambda_linear_warmup", "LambdaLR", lr=0.1, steps=30, far=[1000], jump=[10**12],
     lr_lambda="min(1.0, (epoch + 1) / 10)")
case("lambda_exponential", "LambdaLR", lr=0.5, steps=200, far=[5000], lr_lambda="0.95 ** epoch")
case("lambda_inverse_sqrt", "LambdaLR", lr=1.0, steps=300, far=[10**5], jump=[10**9, 10**12],
     lr_lambda="min((epoch + 1) / 100, rsqrt(max(epoch + 1, 100)) * 10)")
case("lambda_cosine_formula", "LambdaLR", lr=0.01, steps=150, lr_lambda="0.5 * (1 + cos(pi * epoch / 50))")
case("lambda_exp_log_floor", "LambdaLR", lr=0.2, steps=100,
     lr_lambda="exp(-0.01 * epoch) * floor(epoch / 10 + 1) / (1 + log(1 + epoch))")
case("lambda_many_functions", "LambdaLR", lr=0.03, steps=120,
     lr_lambda="abs(sin(epoch / 7)) + tanh(epoch / 20) + sqrt(epoch) / 10 + pow(0.99, epoch)"
               " + ceil(epoch / 25) - max(epoch - 80, 0) * 0.01 + exp(-epoch / 30)")
case("lambda_goes_negative", "LambdaLR", lr=0.1, steps=80, lr_lambda="1 - epoch / 50")

# MultiplicativeLR: lr_s = lr_{s-1} * lr_lambda(s) for s >= 1
case("multiplicative_constant", "MultiplicativeLR", lr=0.1, steps=100, far=[1000, 10**4], lr_lambda="0.95")
case("multiplicative_epoch_dependent", "MultiplicativeLR", lr=0.2, steps=200, far=[10**5, 10**6],
     lr_lambda="1 - 0.1 / (epoch + 1)")
case("multiplicative_growth", "MultiplicativeLR", lr=0.001, steps=100, lr_lambda="1.01")
case("multiplicative_step_like", "MultiplicativeLR", lr=0.1, steps=60,
     lr_lambda="1 - 0.5 * (floor(epoch / 10) - floor((epoch - 1) / 10))")

# StepLR
case("step_default_gamma", "StepLR", lr=0.1, steps=100, far=[1000], step_size=30)
case("step_gamma_half", "StepLR", lr=0.1, steps=120, far=[3000, 10**5], step_size=30, gamma=0.5)
case("step_size_one", "StepLR", lr=1.0, steps=50, step_size=1, gamma=0.9)
case("step_gamma_above_one", "StepLR", lr=0.001, steps=60, step_size=10, gamma=2.0)
case("step_negative_step_size", "StepLR", lr=0.1, steps=20, step_size=-3, gamma=0.5,
     note="Python's t % -3 == 0 at multiples of 3, so step_size=-3 decays like step_size=3")
case("step_zero_step_size", "StepLR", lr=0.1, steps=5, step_size=0, expect="raises")

# MultiStepLR
case("multistep_basic", "MultiStepLR", lr=0.05, steps=120, far=[10**4], milestones=[30, 80])
case("multistep_repeated", "MultiStepLR", lr=1.0, steps=40, milestones=[10, 10, 20], gamma=0.5)
case("multistep_unsorted", "MultiStepLR", lr=1.0, steps=60, milestones=[40, 10, 25], gamma=0.5)
case("multistep_zero_and_negative", "MultiStepLR", lr=1.0, steps=30, milestones=[0, -5, 15], gamma=0.5,
     note="milestone 0 applies in the constructor's step; a negative milestone is never reached")
case("multistep_default_gamma", "MultiStepLR", lr=0.3, steps=10, milestones=[5])
case("multistep_empty", "MultiStepLR", lr=0.3, steps=5, milestones=[], gamma=0.5)

# ConstantLR
case("constant_default", "ConstantLR", lr=0.05, steps=10)
case("constant_half_four", "ConstantLR", lr=0.05, steps=10, factor=0.5, total_iters=4)
case("constant_total_iters_zero", "ConstantLR", lr=0.05, steps=10, far=[1000], factor=0.5, total_iters=0,
     note="torch 1.13 applies the factor at step 0 and never undoes it when total_iters=0")
case("constant_negative_total_iters", "ConstantLR", lr=0.05, steps=10, factor=0.25, total_iters=-2)
case("constant_factor_one", "ConstantLR", lr=0.05, steps=10, factor=1.0, total_iters=3)
case("constant_factor_zero", "ConstantLR", lr=0.05, steps=10, factor=0.0, total_iters=3, expect="raises",
     note="factor 0 is accepted; step total_iters divides by it")
case("constant_long", "ConstantLR", lr=0.3, steps=20, far=[999, 1000, 1001, 10**5], factor=0.1, total_iters=1000)
case("constant_factor_above_one", "ConstantLR", lr=0.05, factor=1.5, expect="error", param="factor")
case("constant_factor_negative", "ConstantLR", lr=0.05, factor=-0.1, expect="error", param="factor")

# LinearLR
case("linear_default", "LinearLR", lr=0.05, steps=10)
case("linear_doc_example", "LinearLR", lr=0.05, steps=8, start_factor=0.5, total_iters=4)
case("linear_decay", "LinearLR", lr=0.1, steps=100, start_factor=1.0, end_factor=0.1, total_iters=50)
case("linear_end_zero", "LinearLR", lr=0.1, steps=30, start_factor=1.0, end_factor=0.0, total_iters=20)
case("linear_long", "LinearLR", lr=0.3, steps=200, far=[5000, 9999, 10000, 10001, 10**5],
     start_factor=0.001, total_iters=10000)
case("linear_total_iters_zero", "LinearLR", lr=0.05, steps=10, start_factor=0.25, total_iters=0,
     note="torch 1.13 applies start_factor at step 0 and never moves when total_iters=0")
case("linear_start_zero", "LinearLR", lr=0.05, steps=10, start_factor=0.0, expect="raises", expect2="error",
     param="start_factor",
     note="torch 1.13 accepts start_factor=0 and divides by zero at step 1 (torch 2.x rejects it)")
case("linear_start_above_one", "LinearLR", lr=0.05, start_factor=1.5, expect="error", param="start_factor")
case("linear_start_negative", "LinearLR", lr=0.05, start_factor=-0.5, expect="error", param="start_factor")
case("linear_end_above_one", "LinearLR", lr=0.05, end_factor=1.2, expect="error", param="end_factor")
case("linear_end_negative", "LinearLR", lr=0.05, end_factor=-0.1, expect="error", param="end_factor")

# ExponentialLR
case("exponential_basic", "ExponentialLR", lr=0.1, steps=100, far=[1000, 10**4], gamma=0.9)
case("exponential_gamma_one", "ExponentialLR", lr=0.1, steps=10, gamma=1.0)
case("exponential_growth", "ExponentialLR", lr=1e-4, steps=100, far=[1000], gamma=1.05)
case("exponential_slow", "ExponentialLR", lr=1.0, steps=50, far=[10**5, 10**6], gamma=0.99999)

# PolynomialLR
case("polynomial_default", "PolynomialLR", lr=0.001, steps=10)
case("polynomial_power_two", "PolynomialLR", lr=0.1, steps=150, total_iters=100, power=2.0)
case("polynomial_power_half", "PolynomialLR", lr=0.1, steps=80, total_iters=50, power=0.5)
case("polynomial_power_zero", "PolynomialLR", lr=0.1, steps=20, total_iters=10, power=0.0)
case("polynomial_total_iters_zero", "PolynomialLR", lr=0.1, steps=5, total_iters=0)
case("polynomial_negative_power", "PolynomialLR", lr=0.1, steps=20, total_iters=10, power=-1.0, expect="raises")
case("polynomial_long", "PolynomialLR", lr=0.1, steps=100, far=[5000, 9999, 10000, 10001, 10**5],
     total_iters=10000, power=0.9)

# CosineAnnealingLR (periodic past T_max)
case("cosine_basic", "CosineAnnealingLR", lr=0.1, steps=450, far=[10**4, 10**5 + 37, 10**6, 10**6 + 100],
     T_max=100)
case("cosine_eta_min", "CosineAnnealingLR", lr=0.1, steps=300, far=[10**5, 10**6], T_max=50, eta_min=0.001)
case("cosine_t_max_one", "CosineAnnealingLR", lr=0.1, steps=20, far=[10**6, 10**6 + 1], T_max=1)
case("cosine_long", "CosineAnnealingLR", lr=3e-4, steps=100,
     far=[5000, 9999, 10000, 10001, 15000, 20000, 20001, 10**5, 10**6], T_max=10000, eta_min=1e-6)
case("cosine_eta_min_above_lr", "CosineAnnealingLR", lr=0.1, steps=100, T_max=20, eta_min=0.2)
case("cosine_negative_t_max", "CosineAnnealingLR", lr=0.1, steps=50, T_max=-10,
     note="cos is even and Python's % with a negative modulus hits the same steps, so T_max=-10 acts as 10")
case("cosine_t_max_zero", "CosineAnnealingLR", lr=0.1, steps=5, T_max=0, expect="raises")

# CosineAnnealingWarmRestarts
case("warm_restarts_basic", "CosineAnnealingWarmRestarts", lr=0.1, steps=60, far=[10**5], jump=[10**12 + 3],
     T_0=10)
case("warm_restarts_t_mult_two", "CosineAnnealingWarmRestarts", lr=0.1, steps=200,
     far=[10**5, 10**6], T_0=5, T_mult=2, eta_min=0.001)
case("warm_restarts_t_mult_three", "CosineAnnealingWarmRestarts", lr=0.1, steps=130, T_0=1, T_mult=3)
case("warm_restarts_t0_one", "CosineAnnealingWarmRestarts", lr=0.1, steps=5, T_0=1)
case("warm_restarts_eta_min", "CosineAnnealingWarmRestarts", lr=0.01, steps=70, T_0=7, T_mult=1, eta_min=0.002)
case("warm_restarts_t0_zero", "CosineAnnealingWarmRestarts", lr=0.1, T_0=0, expect="error", param="T_0")
case("warm_restarts_t0_negative", "CosineAnnealingWarmRestarts", lr=0.1, T_0=-3, expect="error", param="T_0")
case("warm_restarts_t0_float", "CosineAnnealingWarmRestarts", lr=0.1, T_0=2.5, expect="error", param="T_0")
case("warm_restarts_t_mult_zero", "CosineAnnealingWarmRestarts", lr=0.1, T_0=10, T_mult=0,
     expect="error", param="T_mult")
case("warm_restarts_t_mult_float", "CosineAnnealingWarmRestarts", lr=0.1, T_0=10, T_mult=1.5,
     expect="error", param="T_mult")

# CyclicLR (its base_lr replaces the optimizer's lr, so most specs give no lr)
case("cyclic_triangular", "CyclicLR", steps=200, jump=[10**6 + 7, 10**12 + 5],
     base_lr=0.001, max_lr=0.006, step_size_up=20)
case("cyclic_triangular2", "CyclicLR", steps=120, jump=[10**4], base_lr=0.001, max_lr=0.01, step_size_up=10,
     mode="triangular2")
case("cyclic_exp_range", "CyclicLR", steps=200, jump=[10**4], base_lr=0.001, max_lr=0.01, step_size_up=15,
     mode="exp_range", gamma=0.99)
case("cyclic_step_size_down", "CyclicLR", steps=100, base_lr=0.1, max_lr=1.0, step_size_up=5, step_size_down=15)
case("cyclic_step_size_down_zero", "CyclicLR", steps=35, base_lr=0.1, max_lr=1.0, step_size_up=10,
     step_size_down=0, note="a sawtooth: up for 10 steps, then straight back to base_lr")
case("cyclic_defaults", "CyclicLR", steps=50, far=[2000, 4000, 6000, 10**5], base_lr=0.01, max_lr=0.1)
case("cyclic_lr_ignored", "CyclicLR", lr=0.5, steps=30, base_lr=0.01, max_lr=0.05, step_size_up=4,
     note="the optimizer's lr (0.5) is overwritten by base_lr")
case("cyclic_no_momentum", "CyclicLR", steps=50, base_lr=0.01, max_lr=0.1, step_size_up=7,
     cycle_momentum=False, gamma=0.5, base_momentum=0.5, max_momentum=0.6,
     note="gamma is ignored by mode triangular; momentum settings do not touch the lr")
case("cyclic_base_above_max", "CyclicLR", steps=40, base_lr=0.1, max_lr=0.01, step_size_up=10)
case("cyclic_exp_range_scale_mode_ignored", "CyclicLR", steps=60, base_lr=0.001, max_lr=0.01, step_size_up=10,
     mode="exp_range", gamma=0.95, scale_mode="cycle",
     note="a built-in mode sets its own scale_mode; the scale_mode argument only matters with scale_fn")
case("cyclic_scale_fn_cycle", "CyclicLR", steps=100, base_lr=0.001, max_lr=0.01, step_size_up=10,
     scale_fn="1 / x", note="scale_fn is a formula of x; with scale_fn, scale_mode defaults to cycle")
case("cyclic_scale_fn_iterations", "CyclicLR", steps=100, jump=[10**5], base_lr=0.001, max_lr=0.01,
     step_size_up=10, step_size_down=5, scale_fn="exp(-x / 100)", scale_mode="iterations")
case("cyclic_scale_fn_overrides_mode", "CyclicLR", steps=40, base_lr=0.001, max_lr=0.01, step_size_up=5,
     mode="sine", scale_fn="0.5", note="with scale_fn, mode is not checked")
case("cyclic_bad_mode", "CyclicLR", base_lr=0.001, max_lr=0.01, mode="sine", expect="error", param="mode")
case("cyclic_step_size_up_zero", "CyclicLR", base_lr=0.001, max_lr=0.01, step_size_up=0, step_size_down=10,
     expect="error", param="step_size_up", note="step_ratio 0: the constructor's step divides by zero")

# OneCycleLR (rows 0..total_steps are valid; stepping once more raises)
case("onecycle_default", "OneCycleLR", steps=101, far=[101], expect="raises", max_lr=0.1, total_steps=100)
case("onecycle_linear", "OneCycleLR", steps=51, far=[51], expect="raises", max_lr=0.01, total_steps=50,
     anneal_strategy="linear", note="row total_steps extrapolates the last phase (linear: below min_lr)")
case("onecycle_three_phase", "OneCycleLR", steps=101, far=[101], expect="raises", max_lr=1.0, total_steps=100,
     three_phase=True)
case("onecycle_three_phase_linear", "OneCycleLR", steps=61, far=[61], expect="raises", max_lr=0.5,
     total_steps=60, three_phase=True, anneal_strategy="linear", pct_start=0.25, div_factor=10.0,
     final_div_factor=100.0)
case("onecycle_epochs_steps", "OneCycleLR", steps=101, far=[101], expect="raises", max_lr=0.05, epochs=5,
     steps_per_epoch=20)
case("onecycle_total_steps_precedence", "OneCycleLR", steps=31, far=[31], expect="raises", max_lr=0.05,
     total_steps=30, epochs=5, steps_per_epoch=20)
case("onecycle_div_factors", "OneCycleLR", steps=78, far=[78], expect="raises", max_lr=0.3, total_steps=77,
     pct_start=0.45, div_factor=10.0, final_div_factor=1000.0)
case("onecycle_pct_start_zero", "OneCycleLR", steps=21, far=[21], expect="raises", max_lr=0.1, total_steps=20,
     pct_start=0.0)
case("onecycle_pct_start_one", "OneCycleLR", steps=21, expect="raises", max_lr=0.1, total_steps=20,
     pct_start=1.0, note="the second phase has zero length, so step total_steps divides by zero")
case("onecycle_total_steps_one", "OneCycleLR", steps=2, far=[2], expect="raises", max_lr=0.1, total_steps=1)
case("onecycle_three_phase_late_peak", "OneCycleLR", steps=51, far=[51], expect="raises", max_lr=0.1,
     total_steps=50, three_phase=True, pct_start=0.7,
     note="2*pct_start > 1: the third phase is never reached")
case("onecycle_no_momentum", "OneCycleLR", steps=41, far=[41], expect="raises", max_lr=0.02, total_steps=40,
     cycle_momentum=False, base_momentum=0.5, max_momentum=0.6)
case("onecycle_large", "OneCycleLR", steps=200, far=[5000, 9999, 10000, 50000, 99999, 100000, 100001],
     expect="raises", max_lr=0.001, total_steps=100000, pct_start=0.1)
case("onecycle_lr_ignored", "OneCycleLR", lr=7.0, steps=11, far=[11], expect="raises", max_lr=0.1,
     total_steps=10, note="the optimizer's lr is replaced by max_lr/div_factor")
case("onecycle_pct_start_above_one", "OneCycleLR", max_lr=0.1, total_steps=100, pct_start=1.5,
     expect="error", param="pct_start")
case("onecycle_pct_start_negative", "OneCycleLR", max_lr=0.1, total_steps=100, pct_start=-0.1,
     expect="error", param="pct_start")
case("onecycle_pct_start_times_total_one", "OneCycleLR", max_lr=0.1, total_steps=10, pct_start=0.1,
     expect="error", param="pct_start", note="first phase of zero length: the constructor's step divides by zero")
case("onecycle_total_steps_zero", "OneCycleLR", max_lr=0.1, total_steps=0, expect="error", param="total_steps")
case("onecycle_total_steps_negative", "OneCycleLR", max_lr=0.1, total_steps=-5, expect="error",
     param="total_steps")
case("onecycle_no_length", "OneCycleLR", max_lr=0.1, expect="error", param="total_steps")
case("onecycle_epochs_zero", "OneCycleLR", max_lr=0.1, epochs=0, steps_per_epoch=10, expect="error",
     param="epochs")
case("onecycle_steps_per_epoch_zero", "OneCycleLR", max_lr=0.1, epochs=3, steps_per_epoch=0, expect="error",
     param="steps_per_epoch")
case("onecycle_epochs_without_steps_per_epoch", "OneCycleLR", max_lr=0.1, epochs=3, expect="error",
     param="steps_per_epoch")
case("onecycle_bad_anneal_strategy", "OneCycleLR", max_lr=0.1, total_steps=10, anneal_strategy="exp",
     expect="error", param="anneal_strategy")

# SequentialLR
case("sequential_linear_cosine", "SequentialLR", lr=0.1, steps=250, far=[10**4], milestones=[10],
     schedulers=[child("LinearLR", start_factor=0.01, total_iters=10),
                 child("CosineAnnealingLR", T_max=90, eta_min=1e-4)])
case("sequential_constant_exponential", "SequentialLR", lr=1.0, steps=30, milestones=[2],
     schedulers=[child("ConstantLR", factor=0.1, total_iters=2), child("ExponentialLR", gamma=0.9)])
case("sequential_three", "SequentialLR", lr=0.1, steps=60, milestones=[5, 15],
     schedulers=[child("LinearLR", start_factor=0.1, total_iters=5),
                 child("ConstantLR", factor=0.5, total_iters=4),
                 child("CosineAnnealingLR", T_max=20)])
case("sequential_warmup_cut_short", "SequentialLR", lr=0.1, steps=40, milestones=[10],
     schedulers=[child("LinearLR", start_factor=0.1, total_iters=20), child("ExponentialLR", gamma=0.95)],
     note="the warmup is cut at the milestone; the exponential starts from lr, not from where warmup was")
case("sequential_multiplicative_continues", "SequentialLR", lr=0.1, steps=40, milestones=[10],
     schedulers=[child("LinearLR", start_factor=0.1, total_iters=20), child("MultiplicativeLR", lr_lambda="0.9")],
     note="MultiplicativeLR has no closed form, so at its milestone it keeps the current lr")
case("sequential_multiplicative_epoch_lambda", "SequentialLR", lr=0.1, steps=30, milestones=[6],
     schedulers=[child("ConstantLR", factor=0.5, total_iters=6),
                 child("MultiplicativeLR", lr_lambda="0.8 + 0.01 * epoch")],
     note="torch 2.x multiplies by lr_lambda(0) at the milestone (_update_lr(0)); 1.13 keeps the lr there")
case("sequential_milestone_zero_cosine", "SequentialLR", lr=0.1, steps=30, milestones=[0],
     schedulers=[child("ConstantLR", factor=0.5, total_iters=5), child("CosineAnnealingLR", T_max=10)],
     note="the second child steps from -1 to 0 by step(): a real step in torch 2.x, the lr kept in 1.13")
case("sequential_milestone_zero_polynomial", "SequentialLR", lr=0.1, steps=20, milestones=[0],
     schedulers=[child("LinearLR", start_factor=0.5, total_iters=4), child("PolynomialLR", total_iters=8)])
case("sequential_milestone_zero_multiplicative", "SequentialLR", lr=0.1, steps=20, milestones=[0],
     schedulers=[child("ConstantLR", factor=0.5, total_iters=5), child("MultiplicativeLR", lr_lambda="0.9")])
case("sequential_milestone_zero_linear", "SequentialLR", lr=0.1, steps=20, milestones=[0],
     schedulers=[child("ConstantLR", factor=0.5, total_iters=5), child("LinearLR", start_factor=0.5, total_iters=6)])
case("sequential_milestone_zero", "SequentialLR", lr=0.1, steps=20, milestones=[0],
     schedulers=[child("ConstantLR", factor=0.1, total_iters=5), child("ExponentialLR", gamma=0.9)],
     note="milestone 0 is never hit exactly: the second child just steps on from the first one's lr")
case("sequential_duplicate_milestones", "SequentialLR", lr=0.1, steps=30, milestones=[5, 5],
     schedulers=[child("ConstantLR", factor=0.1, total_iters=10), child("ExponentialLR", gamma=0.5),
                 child("StepLR", step_size=4, gamma=0.5)])
case("sequential_step_multistep", "SequentialLR", lr=0.2, steps=60, milestones=[20],
     schedulers=[child("StepLR", step_size=6, gamma=0.5), child("MultiStepLR", milestones=[5, 15], gamma=0.1)])
case("sequential_lambda_second", "SequentialLR", lr=0.1, steps=40, milestones=[8],
     schedulers=[child("LinearLR", start_factor=0.25, total_iters=8),
                 child("LambdaLR", lr_lambda="1 / sqrt(epoch + 1)")])
case("sequential_warm_restarts_second", "SequentialLR", lr=0.1, steps=60, milestones=[5],
     schedulers=[child("LinearLR", start_factor=0.2, total_iters=5),
                 child("CosineAnnealingWarmRestarts", T_0=10, T_mult=2, eta_min=0.01)])
case("sequential_cyclic_second", "SequentialLR", lr=0.1, steps=50, milestones=[6],
     schedulers=[child("ConstantLR", factor=0.5, total_iters=6),
                 child("CyclicLR", base_lr=0.01, max_lr=0.05, step_size_up=5)])
case("sequential_cyclic_first", "SequentialLR", lr=0.1, steps=50, milestones=[12],
     schedulers=[child("CyclicLR", base_lr=0.01, max_lr=0.05, step_size_up=3, cycle_momentum=False),
                 child("ExponentialLR", gamma=0.9)],
     note="CyclicLR, built first, sets the optimizer's lr and so the initial_lr of every later child")
case("sequential_linear_onecycle", "SequentialLR", lr=0.1, steps=41, milestones=[10],
     schedulers=[child("LinearLR", start_factor=0.1, total_iters=10),
                 child("OneCycleLR", max_lr=1.0, total_steps=30)],
     note="OneCycleLR rewrites initial_lr (max_lr/div_factor), which SequentialLR then resets the lr to")
case("sequential_polynomial_cosine", "SequentialLR", lr=0.05, steps=120, milestones=[30],
     schedulers=[child("PolynomialLR", total_iters=30, power=2.0), child("CosineAnnealingLR", T_max=40)])
case("sequential_single", "SequentialLR", lr=0.1, steps=20, milestones=[],
     schedulers=[child("ExponentialLR", gamma=0.8)])
case("sequential_milestone_count", "SequentialLR", lr=0.1, milestones=[5, 10],
     schedulers=[child("ConstantLR"), child("ExponentialLR", gamma=0.9)], expect="error", param="milestones")
case("sequential_empty", "SequentialLR", lr=0.1, milestones=[], schedulers=[], expect="error", param="schedulers")

# ChainedScheduler (every child steps on the same optimizer lr, in list order)
case("chained_constant_exponential", "ChainedScheduler", lr=1.0, steps=30,
     schedulers=[child("ConstantLR", factor=0.1, total_iters=2), child("ExponentialLR", gamma=0.9)])
case("chained_linear_cosine", "ChainedScheduler", lr=0.1, steps=220, far=[10**4],
     schedulers=[child("LinearLR", start_factor=0.1, total_iters=10), child("CosineAnnealingLR", T_max=50)],
     note="past T_max the cosine's additive restart step forgets the other children's factors")
case("chained_cosine_eta_min_exponential", "ChainedScheduler", lr=0.1, steps=150,
     schedulers=[child("CosineAnnealingLR", T_max=30, eta_min=0.01), child("ExponentialLR", gamma=0.98)])
case("chained_exponential_cosine", "ChainedScheduler", lr=0.1, steps=150,
     schedulers=[child("ExponentialLR", gamma=0.98), child("CosineAnnealingLR", T_max=30)])
case("chained_three", "ChainedScheduler", lr=0.5, steps=80,
     schedulers=[child("LinearLR", start_factor=0.2, total_iters=8), child("StepLR", step_size=20, gamma=0.5),
                 child("ExponentialLR", gamma=0.99)])
case("chained_lambda_then_constant", "ChainedScheduler", lr=0.1, steps=30,
     schedulers=[child("LambdaLR", lr_lambda="0.9 ** epoch"), child("ConstantLR", factor=0.5, total_iters=10)],
     note="LambdaLR sets the lr outright; ConstantLR then applies its per-step ratio on top")
case("chained_constant_then_lambda", "ChainedScheduler", lr=0.1, steps=30,
     schedulers=[child("ConstantLR", factor=0.5, total_iters=10), child("LambdaLR", lr_lambda="0.9 ** epoch")],
     note="LambdaLR, stepping last, overwrites whatever ConstantLR did")
case("chained_warm_restarts_exponential", "ChainedScheduler", lr=0.1, steps=60,
     schedulers=[child("CosineAnnealingWarmRestarts", T_0=10), child("ExponentialLR", gamma=0.95)])
case("chained_exponential_cyclic", "ChainedScheduler", lr=0.1, steps=30,
     schedulers=[child("ExponentialLR", gamma=0.9), child("CyclicLR", base_lr=0.01, max_lr=0.05, step_size_up=4)],
     note="CyclicLR built after another scheduler: its constructor step uses base_lrs = initial_lr (the optimizer's "
          "lr), so row 0 is 0.1, not base_lr")
case("chained_multiplicative_step", "ChainedScheduler", lr=0.1, steps=60,
     schedulers=[child("MultiplicativeLR", lr_lambda="0.97"), child("StepLR", step_size=15, gamma=0.5)])
case("chained_polynomial_multistep", "ChainedScheduler", lr=0.1, steps=60,
     schedulers=[child("PolynomialLR", total_iters=40, power=1.5), child("MultiStepLR", milestones=[10, 20])])
case("chained_single", "ChainedScheduler", lr=0.1, steps=20, schedulers=[child("StepLR", step_size=5)])
case("chained_empty", "ChainedScheduler", lr=0.1, schedulers=[], expect="error", param="schedulers")


# More CyclicLR / OneCycleLR / CosineAnnealingWarmRestarts (momentum arguments must not touch the lr)
case("cyclic_triangular2_asymmetric", "CyclicLR", steps=130, jump=[10**4 + 3], base_lr=0.002, max_lr=0.02,
     step_size_up=4, step_size_down=16, mode="triangular2")
case("cyclic_triangular2_overflow", "CyclicLR", steps=10, far=[2047, 2048], expect="raises", base_lr=0.01,
     max_lr=0.1, step_size_up=1, step_size_down=1, mode="triangular2",
     note="from cycle 1025 on, 2.0 ** (cycle - 1) raises OverflowError in Python")
case("cyclic_exp_range_default_gamma", "CyclicLR", steps=60, base_lr=0.01, max_lr=0.03, step_size_up=6,
     mode="exp_range", note="gamma defaults to 1.0, so exp_range is triangular")
case("cyclic_momentum_settings", "CyclicLR", steps=60, base_lr=0.01, max_lr=0.1, step_size_up=7,
     base_momentum=0.95, max_momentum=0.5, note="cycle_momentum (default True) with other momentum bounds: "
     "the lr is cyclic_triangular's shape, momentum only moves the momentum")
case("cyclic_scale_fn_iterations_float_sizes", "CyclicLR", steps=80, base_lr=0.001, max_lr=0.004,
     step_size_up=2.5, step_size_down=7.5, scale_fn="1 / (1 + x / 20)", scale_mode="iterations",
     note="step sizes are floats in torch (float(step_size_up))")
case("onecycle_three_phase_small", "OneCycleLR", steps=11, far=[11], expect="raises", max_lr=0.2, total_steps=10,
     three_phase=True, pct_start=0.4)
case("onecycle_momentum_settings", "OneCycleLR", steps=31, far=[31], expect="raises", max_lr=0.05, total_steps=30,
     base_momentum=0.5, max_momentum=0.99, note="cycle_momentum with other momentum bounds: same lrs")
case("onecycle_epochs_steps_linear_three_phase", "OneCycleLR", steps=49, far=[49], expect="raises", max_lr=0.3,
     epochs=4, steps_per_epoch=12, anneal_strategy="linear", three_phase=True, pct_start=0.25)
case("warm_restarts_eta_min_above_lr", "CosineAnnealingWarmRestarts", lr=0.01, steps=40, T_0=6, T_mult=2,
     eta_min=0.05, note="eta_min above lr turns every cycle upside down")
case("warm_restarts_t_mult_four_far", "CosineAnnealingWarmRestarts", lr=0.3, steps=30,
     far=[85, 86, 340, 341, 10**5], T_0=1, T_mult=4, eta_min=1e-4)

# SWALR (torch.optim.swa_utils): anneals the lr it finds to swa_lr over anneal_epochs calls of its step()
case("swalr_default", "SWALR", lr=0.1, steps=30, far=[1000], swa_lr=0.05)
case("swalr_linear", "SWALR", lr=0.1, steps=15, swa_lr=0.01, anneal_epochs=5, anneal_strategy="linear")
case("swalr_cos_long", "SWALR", lr=0.5, steps=1100, far=[5000], swa_lr=0.001, anneal_epochs=1000)
case("swalr_linear_long", "SWALR", lr=0.3, steps=520, swa_lr=0.02, anneal_epochs=500, anneal_strategy="linear")
case("swalr_zero_epochs", "SWALR", lr=0.1, steps=5, swa_lr=0.02, anneal_epochs=0,
     note="anneal_epochs 0: swa_lr from row 0")
case("swalr_one_epoch", "SWALR", lr=0.1, steps=5, swa_lr=0.02, anneal_epochs=1)
case("swalr_swa_above_lr", "SWALR", lr=0.01, steps=12, swa_lr=0.2, anneal_epochs=8)
case("swalr_swa_equal_lr", "SWALR", lr=0.05, steps=12, swa_lr=0.05, anneal_epochs=6, anneal_strategy="linear")
case("swalr_swa_zero", "SWALR", lr=0.1, steps=12, swa_lr=0.0, anneal_epochs=7)
case("swalr_negative_epochs", "SWALR", lr=0.1, swa_lr=0.05, anneal_epochs=-1, expect="error", param="anneal_epochs")
case("swalr_float_epochs", "SWALR", lr=0.1, swa_lr=0.05, anneal_epochs=2.5, expect="error", param="anneal_epochs")
case("swalr_bad_strategy", "SWALR", lr=0.1, swa_lr=0.05, anneal_strategy="cosine", expect="error",
     param="anneal_strategy")
case("sequential_cosine_swalr", "SequentialLR", lr=0.1, steps=100, far=[1000], milestones=[75],
     schedulers=[child("CosineAnnealingLR", T_max=100), child("SWALR", swa_lr=0.05, anneal_epochs=5)],
     note="the SWA recipe: SWALR anneals from the lr the cosine left at the milestone; torch 1.13's step(0) counts "
          "as a SWALR step, torch 2.x's _update_lr(0) does not")
case("sequential_linear_swalr_linear", "SequentialLR", lr=0.2, steps=30, milestones=[10],
     schedulers=[child("LinearLR", start_factor=0.1, total_iters=10),
                 child("SWALR", swa_lr=0.01, anneal_epochs=4, anneal_strategy="linear")])
case("sequential_multiplicative_swalr", "SequentialLR", lr=0.1, steps=40, milestones=[20],
     schedulers=[child("MultiplicativeLR", lr_lambda="0.9"),
                 child("SWALR", swa_lr=0.05, anneal_epochs=20, anneal_strategy="linear")],
     note="the example of SWALR's docstring, as a SequentialLR")
case("sequential_step_swalr_zero_epochs", "SequentialLR", lr=0.1, steps=15, milestones=[5],
     schedulers=[child("StepLR", step_size=2, gamma=0.5), child("SWALR", swa_lr=0.3, anneal_epochs=0)])
case("sequential_swalr_first", "SequentialLR", lr=0.1, steps=25, milestones=[8],
     schedulers=[child("SWALR", swa_lr=0.01, anneal_epochs=6), child("ExponentialLR", gamma=0.9)])
case("sequential_three_swalr_middle", "SequentialLR", lr=0.1, steps=30, milestones=[6, 14],
     schedulers=[child("ConstantLR", factor=0.5, total_iters=3), child("SWALR", swa_lr=0.02, anneal_epochs=3),
                 child("CosineAnnealingLR", T_max=10)])
case("chained_exponential_swalr", "ChainedScheduler", lr=0.1, steps=20,
     schedulers=[child("ExponentialLR", gamma=0.9), child("SWALR", swa_lr=0.01, anneal_epochs=5)])
case("chained_swalr_exponential", "ChainedScheduler", lr=0.1, steps=20,
     schedulers=[child("SWALR", swa_lr=0.01, anneal_epochs=5), child("ExponentialLR", gamma=0.9)])


# ---------------------------------------------------------------------------------------------------------------
# Building real schedulers
# ---------------------------------------------------------------------------------------------------------------

def make_optimizer(lr):
    param = torch.nn.Parameter(torch.zeros(1))
    return torch.optim.SGD([param], lr=PLACEHOLDER_LR if lr is None else lr, momentum=0.9)


def torch_kwargs(type_, kwargs):
    out = dict(kwargs)
    if type_ in ("LambdaLR", "MultiplicativeLR"):
        out["lr_lambda"] = formula(kwargs["lr_lambda"], "epoch")
    if type_ == "CyclicLR" and "scale_fn" in kwargs:
        out["scale_fn"] = formula(kwargs["scale_fn"], "x")
    return out


def scheduler_class(type_):
    """The class called type_: SWALR from swa_utils, the others from lr_scheduler (None when the module lacks it)."""
    return getattr(SWA if type_ == "SWALR" else S, type_, None)


def load_swa_utils(module_dir):
    """DIR/swa_utils.py on top of DIR's lr_scheduler: its `from torch.optim.lr_scheduler import LRScheduler` is
    pointed at the 2.x module while it is imported, and the two torch.utils._foreach_utils names (which only
    AveragedModel calls, and torch 1.13 lacks) are stubs."""
    import importlib.util
    import types
    path = os.path.join(module_dir, "swa_utils.py")
    if not os.path.exists(path):
        return None
    saved = {k: sys.modules.get(k) for k in ("torch.optim.lr_scheduler", "torch.utils._foreach_utils")}
    stub = types.ModuleType("torch.utils._foreach_utils")
    stub._get_foreach_kernels_supported_devices = lambda: []
    stub._group_tensors_by_device_and_dtype = None
    sys.modules["torch.optim.lr_scheduler"] = S
    sys.modules.setdefault("torch.utils._foreach_utils", stub)
    try:
        spec = importlib.util.spec_from_file_location(os.path.basename(module_dir) + ".swa_utils", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        for k, v in saved.items():
            if v is None:
                sys.modules.pop(k, None)
            else:
                sys.modules[k] = v


def build(type_, kwargs, optimizer, last_epoch=-1):
    if type_ == "SequentialLR":
        children = [build(c["type"], c["kwargs"], optimizer) for c in kwargs["schedulers"]]
        return S.SequentialLR(optimizer, schedulers=children, milestones=kwargs["milestones"])
    if type_ == "ChainedScheduler":
        children = [build(c["type"], c["kwargs"], optimizer) for c in kwargs["schedulers"]]
        return S.ChainedScheduler(children)
    cls = scheduler_class(type_)
    extra = {} if last_epoch == -1 else {"last_epoch": last_epoch}
    return cls(optimizer, **torch_kwargs(type_, kwargs), **extra)


def lr_of(optimizer):
    return float(optimizer.param_groups[0]["lr"])


def jump_value(c, step):
    """The value at `step` without stepping there (see the module doc for why each path equals stepping)."""
    optimizer = make_optimizer(c["lr"])
    if c["type"] in ("LambdaLR", "CyclicLR"):
        # Resume at epoch s-2, then step once: CyclicLR's constructor step still uses base_lrs = initial_lr
        # (it sets base_lrs = base_lr only after the base constructor ran), so only the next step is right.
        for group in optimizer.param_groups:
            group["initial_lr"] = group["lr"]
        build(c["type"], c["kwargs"], optimizer, last_epoch=step - 2).step()
        return lr_of(optimizer)
    if c["type"] == "CosineAnnealingWarmRestarts" and c["kwargs"].get("T_mult", 1) == 1:
        scheduler = build(c["type"], c["kwargs"], optimizer)
        scheduler.step(step)
        return lr_of(optimizer)
    raise AssertionError("no jump path for " + c["type"])


def run(c):
    """Returns (rows, error, raises): rows is a list of (step, value)."""
    optimizer = make_optimizer(c["lr"])
    try:
        scheduler = build(c["type"], c["kwargs"], optimizer)
    except Exception as e:  # the constructor rejected the arguments
        return [], e, None
    wanted = set(range(c["steps"])) | set(c["far"])
    last = max(wanted)
    rows = []
    for s in range(last + 1):
        if s > 0:
            try:
                scheduler.step()
            except Exception as e:
                return rows, None, (s, e)
        if s in wanted:
            rows.append((s, lr_of(optimizer)))
    for s in c["jump"]:
        rows.append((s, jump_value(c, s)))
    return rows, None, None


# ---------------------------------------------------------------------------------------------------------------
# Writing the golden files
# ---------------------------------------------------------------------------------------------------------------

def yaml_scalar(v):
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, list) and all(not isinstance(x, dict) for x in v):
        return "[" + ", ".join(yaml_scalar(x) for x in v) + "]"
    if v is None:
        raise TypeError(v)
    return yaml_number(v)


def yaml_mapping(type_, lr, kwargs, indent):
    pad = " " * indent
    lines = [pad + "type: torch." + type_]
    if lr is not None:
        lines.append(pad + "lr: " + yaml_scalar(lr))
    for key, value in kwargs.items():
        if key == "schedulers":
            if not value:
                lines.append(pad + "schedulers: []")
                continue
            lines.append(pad + "schedulers:")
            for ch in value:
                sub = yaml_mapping(ch["type"], None, ch["kwargs"], indent + 4)
                sub[0] = pad + "  - " + sub[0].lstrip()
                lines.extend(sub)
        else:
            lines.append(pad + key + ": " + yaml_scalar(value))
    return lines


def spec_text(c, header, torch_version):
    lines = ["# " + h for h in header]
    if torch_version:
        lines.append("versions:")
        lines.append("  torch: " + yaml_scalar(torch_version))
    lines.append("steps: " + str(c["steps"]))
    lines.append("schedules:")
    body = yaml_mapping(c["type"], c["lr"], c["kwargs"], 4)
    lines.append("  - name: " + c["name"])
    lines.extend(body)
    return "\n".join(lines) + "\n"


def one_line(e):
    return " ".join(str(e).split())


def types_of(c):
    kinds = [c["type"]]
    for ch in c["kwargs"].get("schedulers", []) if isinstance(c["kwargs"].get("schedulers"), list) else []:
        kinds.extend(types_of(dict(type=ch["type"], kwargs=ch["kwargs"])))
    return kinds


def main():
    global OUT, S, SWA, MODULE, MODULE_SOURCE, SWA_SOURCE, RELEASE
    args = sys.argv[1:]
    opts = dict(zip(args[::2], args[1::2]))
    if len(args) % 2 or not set(opts) <= {"--module", "--release", "--source", "--swa-source"} or (
            args and ("--module" not in opts or "--source" not in opts)):
        print("usage: torch_golden.py [--module DIR --source TEXT [--swa-source TEXT] [--release X.Y]]",
              file=sys.stderr)
        return 2
    if opts:
        MODULE = os.path.abspath(opts["--module"])
        MODULE_SOURCE = opts["--source"]
        SWA_SOURCE = opts.get("--swa-source", SWA_SOURCE)
        RELEASE = opts.get("--release")
        sys.path.insert(0, os.path.dirname(MODULE))
        S = importlib.import_module(os.path.basename(MODULE) + ".lr_scheduler")
        SWA = load_swa_utils(MODULE)
        OUT = OUT + (RELEASE.replace(".", "") if RELEASE else "2")
    os.makedirs(OUT, exist_ok=True)
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    if MODULE:
        source = ("%s on torch %s (Debian python3-torch %s)"
                  % (MODULE_SOURCE, torch.__version__, debian_version()))
    else:
        source = "torch %s (Debian python3-torch %s), torch.optim.lr_scheduler" % (torch.__version__,
                                                                                    debian_version())
    written, problems, counts = set(), [], {}
    skipped = 0
    for c in CASES:
        if MODULE and not all(scheduler_class(k) is not None for k in types_of(c)):
            skipped += 1
            continue
        if RELEASE and not RELEASE_TYPES.intersection(types_of(c)):
            continue
        rows, error, raises = run(c)
        outcome = "error" if error else "raises" if raises else None
        expect = c["expect2"] if MODULE and c["expect2"] != "same" else c["expect"]
        if outcome != expect:
            problems.append("%s: expected %s, got %s (%s)" % (c["name"], expect, outcome, error or raises))
            continue
        header = ["Generated by src/tools/golden/torch_golden.py with " + source + ".",
                  "Row s = optimizer.param_groups[0]['lr'] after s calls of scheduler.step()."]
        if "SWALR" in types_of(c):
            header.append("SWALR: " + (SWA_SOURCE + " on that lr_scheduler" if MODULE
                                       else "torch.optim.swa_utils of that torch") + ".")
        if c["lr"] is None and c["type"] in ("CyclicLR", "OneCycleLR"):
            header.append("No lr: the optimizer's lr does not matter to this scheduler.")
        if c["far"]:
            header.append("Steps %s were reached by stepping." % ", ".join(map(str, c["far"])))
        if c["jump"]:
            how = ("step(epoch=s)" if c["type"] == "CosineAnnealingWarmRestarts"
                   else "rebuilding with last_epoch=s-2 and stepping once (torch's resume path)")
            header.append("Steps %s were computed by %s." % (", ".join(map(str, c["jump"])), how))
        if c["note"]:
            header.append("Note: " + c["note"] + ".")
        files = {c["name"] + ".yaml": spec_text(c, header, RELEASE if RELEASE else None if MODULE else "1.13")}
        if error:
            files[c["name"] + ".error"] = "param: %s\nmessage: %s\n" % (c["param"], one_line(error))
        else:
            csv = ["step," + c["name"]] + ["%d,%r" % (s, v) for s, v in rows]
            files[c["name"] + ".csv"] = "\n".join(csv) + "\n"
            if raises:
                files[c["name"] + ".raises"] = "step: %d\nmessage: %s\n" % (raises[0], one_line(raises[1]))
        for fname, text in files.items():
            with open(os.path.join(OUT, fname), "w") as f:
                f.write(text)
            written.add(fname)
        kind = c["type"]
        counts.setdefault(kind, [0, 0, 0, 0])
        counts[kind][0] += 1
        counts[kind][1 if not error and not raises else 2 if error else 3] += 1
    stale = sorted(f for f in os.listdir(OUT) if f.endswith(OWNED_EXT) and f not in written)
    for f in stale:
        os.remove(os.path.join(OUT, f))
    print("torch golden data: %s" % source)
    print("%-30s %5s %7s %6s %6s" % ("type", "cases", "values", "error", "raises"))
    for kind in sorted(counts):
        n, ok, err, rai = counts[kind]
        print("%-30s %5d %7d %6d %6d" % (kind, n, ok, err, rai))
    print("%d files written to %s, %d stale files deleted, %d cases skipped (class not in the module)"
          % (len(written), os.path.relpath(OUT, REPO), len(stale), skipped))
    for p in problems:
        print("PROBLEM: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
