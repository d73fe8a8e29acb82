#!/usr/bin/env python3
"""Golden data for lrsched's nemo.* types, made by NeMo's own schedulers.

Runs NVIDIA/NeMo nemo/core/optim/lr_scheduler.py (commit 8cfedd7203462cb251a914e700e5605444277561, the file's
last change c83adff36efaa549f7bdd26e97c01a60e9f9026b) with Debian's torch 1.13. The module is loaded from the
path given as the first argument; its NeMo-internal imports (nemo.core.config, nemo.utils.logging,
nemo.utils.model_utils) and hydra are replaced by empty stand-ins, used only by prepare_lr_scheduler and the
registration helpers, never by a scheduler's get_lr.

Loop order (PyTorch Lightning, interval 'step'): the constructor applies step 0 (last_epoch = 0); each training
step reads the LR, runs optimizer.step(), then scheduler.step(). Row s is param_groups[0]['lr'] read just before
the s-th optimizer.step(), i.e. get_lr() at last_epoch = s.

Writes src/test/resources/golden/nemo/CASE.{yaml,csv} (and .raises when a row raises, .error when the
constructor raises). Usage (from the repository root):
    /usr/bin/python3 src/tools/golden/nemo_schedulers.py /tmp/scratch-nemo/lr_scheduler.py
"""
import importlib.util
import os
import sys
import types
import warnings

import torch

from golden_yaml import yaml_number

SOURCE = ("NVIDIA/NeMo nemo/core/optim/lr_scheduler.py@8cfedd7203462cb251a914e700e5605444277561 "
          "(last changed in c83adff36efaa549f7bdd26e97c01a60e9f9026b)")
OUT = os.path.join("src", "test", "resources", "golden", "nemo")


def load(path):
    """NeMo's module with stand-ins for the imports its schedulers do not use."""
    stub = types.ModuleType
    for name in ["hydra", "nemo", "nemo.core", "nemo.utils", "nemo.utils.model_utils", "nemo.core.config"]:
        sys.modules[name] = stub(name)
    sys.modules["nemo.core.config"].SchedulerParams = object
    sys.modules["nemo.core.config"].get_scheduler_config = None
    sys.modules["nemo.core.config"].register_scheduler_params = None
    sys.modules["nemo.utils"].logging = stub("logging")
    sys.modules["nemo.utils.model_utils"].maybe_update_config_version = None
    spec = importlib.util.spec_from_file_location("nemo_lr_scheduler", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# (case, class, lr, kwargs, rows, param named by a constructor refusal)
CASES = [
    ("warmup_policy_steps", "WarmupPolicy", 0.01, dict(warmup_steps=5, max_steps=20, min_lr=1e-4), 25),
    ("warmup_policy_ratio", "WarmupPolicy", 0.003, dict(warmup_ratio=0.15, max_steps=37), 42),
    ("warmup_policy_no_max_steps", "WarmupPolicy", 0.5, dict(warmup_steps=3), 10),
    ("warmup_policy_both_warmups", "WarmupPolicy", 0.1, dict(warmup_steps=3, warmup_ratio=0.1, max_steps=10), 5, "warmup_ratio"),
    ("warmup_policy_ratio_no_max", "WarmupPolicy", 0.1, dict(warmup_ratio=0.1), 5, "warmup_ratio"),
    ("warmup_hold_policy", "WarmupHoldPolicy", 0.02, dict(warmup_steps=4, hold_steps=6, max_steps=20, min_lr=1e-3), 26),
    ("warmup_hold_policy_ratios", "WarmupHoldPolicy", 0.02, dict(warmup_ratio=0.1, hold_ratio=0.25, max_steps=33), 40),
    ("warmup_hold_policy_both_holds", "WarmupHoldPolicy", 0.1, dict(hold_steps=3, hold_ratio=0.1, max_steps=10), 5, "hold_ratio"),
    ("warmup_anneal_hold_policy", "WarmupAnnealHoldPolicy", 0.05, dict(warmup_steps=3, constant_steps=4, max_steps=15, min_lr=0.001), 20),
    ("warmup_anneal_hold_both_constants", "WarmupAnnealHoldPolicy", 0.05, dict(constant_steps=4, constant_ratio=0.1, max_steps=15), 5, "constant_ratio"),
    ("square_annealing", "SquareAnnealing", 0.1, dict(warmup_steps=4, max_steps=24), 30),
    ("square_annealing_min_lr", "SquareAnnealing", 0.1, dict(max_steps=17, min_lr=0.02), 22),
    ("square_root_annealing", "SquareRootAnnealing", 0.1, dict(warmup_steps=5, max_steps=25, min_lr=0.01), 30),
    ("square_root_annealing_plain", "SquareRootAnnealing", 3e-4, dict(max_steps=19), 22),
    ("cosine_annealing", "CosineAnnealing", 0.1, dict(warmup_steps=5, max_steps=40, min_lr=1e-3), 45),
    ("cosine_annealing_ratio", "CosineAnnealing", 2e-4, dict(warmup_ratio=0.07, max_steps=123, min_lr=2e-5), 130),
    ("cosine_annealing_no_warmup", "CosineAnnealing", 1.0, dict(max_steps=31), 35),
    ("cosine_annealing_megatron", "CosineAnnealing", 6e-4, dict(warmup_steps=6, constant_steps=10, max_steps=50, min_lr=6e-5), 56),
    ("cosine_annealing_megatron_ratio", "CosineAnnealing", 1e-3, dict(warmup_ratio=0.1, constant_ratio=0.2, max_steps=47, min_lr=1e-4), 52),
    ("cosine_annealing_megatron_no_warmup", "CosineAnnealing", 1e-3, dict(constant_steps=3, max_steps=20, min_lr=1e-5), 24),
    ("cosine_annealing_min_above_lr", "CosineAnnealing", 1e-3, dict(warmup_steps=2, max_steps=20, min_lr=1e-2), 6, "min_lr"),
    ("cosine_annealing_megatron_min_above_lr", "CosineAnnealing", 1e-3, dict(warmup_steps=2, constant_steps=3, max_steps=20, min_lr=1e-2), 6, "min_lr"),
    ("noam_annealing", "NoamAnnealing", 2.0, dict(d_model=256, warmup_steps=10, min_lr=1e-5), 60),
    ("noam_annealing_no_warmup", "NoamAnnealing", 1.0, dict(d_model=512, min_lr=1e-3), 40),
    ("noam_annealing_ratio", "NoamAnnealing", 5.0, dict(d_model=144, warmup_ratio=0.2, max_steps=50), 70),
    ("noam_hold_annealing", "NoamHoldAnnealing", 0.005, dict(warmup_steps=5, hold_steps=8, max_steps=40, min_lr=1e-4), 45),
    ("noam_hold_annealing_rate_one", "NoamHoldAnnealing", 0.005, dict(warmup_ratio=0.1, hold_ratio=0.3, decay_rate=1.0, max_steps=50, min_lr=1e-5), 55),
    ("noam_hold_annealing_no_hold", "NoamHoldAnnealing", 0.01, dict(warmup_steps=4, max_steps=30), 33),
    ("noam_hold_annealing_no_warmup", "NoamHoldAnnealing", 0.01, dict(hold_steps=3, max_steps=30), 8, "warmup_steps"),
    ("warmup_hold_anneal_one_minus_sqrt", "WarmupHoldAnnealOneMinusSquareRoot", 0.01, dict(warmup_steps=4, hold_steps=6, max_steps=30, min_lr=1e-4), 34),
    ("warmup_hold_anneal_one_minus_sqrt_no_hold", "WarmupHoldAnnealOneMinusSquareRoot", 0.01, dict(warmup_steps=4, max_steps=30), 34),
    ("warmup_hold_anneal_linear", "WarmupHoldAnnealLinear", 0.01, dict(warmup_ratio=0.1, hold_ratio=0.2, max_steps=40, min_lr=1e-3), 45),
    ("warmup_hold_anneal_linear_no_hold", "WarmupHoldAnnealLinear", 0.01, dict(warmup_steps=3, max_steps=20), 24),
    ("warmup_annealing", "WarmupAnnealing", 0.1, dict(warmup_steps=5, max_steps=25, min_lr=0.01), 30),
    ("warmup_annealing_plain", "WarmupAnnealing", 0.07, dict(max_steps=13), 16),
    ("inverse_square_root_annealing", "InverseSquareRootAnnealing", 0.1, dict(warmup_steps=8, max_steps=60, min_lr=1e-3), 66),
    ("inverse_square_root_annealing_plain", "InverseSquareRootAnnealing", 0.3, dict(max_steps=20), 24),
    ("t5_inverse_square_root_annealing", "T5InverseSquareRootAnnealing", 0.1, dict(constant_steps=10, max_steps=60, min_lr=1e-4), 66),
    ("t5_inverse_square_root_no_constant", "T5InverseSquareRootAnnealing", 0.1, dict(max_steps=60), 5, "constant_steps"),
    ("t5_inverse_square_root_constant_ratio", "T5InverseSquareRootAnnealing", 0.1, dict(constant_ratio=0.1, max_steps=60), 5, "constant_steps"),
    ("polynomial_decay_annealing", "PolynomialDecayAnnealing", 0.1, dict(warmup_steps=5, max_steps=30, min_lr=1e-3, power=2.0), 35),
    ("polynomial_decay_annealing_cycle", "PolynomialDecayAnnealing", 0.1, dict(warmup_steps=3, max_steps=21, power=0.5, cycle=True), 25),
    ("polynomial_decay_annealing_linear", "PolynomialDecayAnnealing", 0.04, dict(max_steps=16, min_lr=4e-3), 20),
    ("polynomial_hold_decay_annealing", "PolynomialHoldDecayAnnealing", 0.1, dict(warmup_steps=4, hold_steps=5, max_steps=30, min_lr=1e-3, power=2.0), 34),
    ("polynomial_hold_decay_annealing_no_hold", "PolynomialHoldDecayAnnealing", 0.1, dict(warmup_steps=6, max_steps=30, power=1.5), 34),
    ("polynomial_hold_decay_annealing_no_hold_cycle", "PolynomialHoldDecayAnnealing", 0.1, dict(warmup_steps=6, max_steps=30, power=1.5, cycle=True), 34),
]


def type_name(cls):
    return "nemo." + cls


def write_spec(name, cls, lr, kwargs, rows):
    lines = ["# generated by src/tools/golden/nemo_schedulers.py: NeMo's own scheduler, run with torch "
             + torch.__version__,
             "# from " + SOURCE,
             "steps: %d" % rows, "schedules:", "  - name: " + name, "    type: " + type_name(cls),
             "    lr: " + yaml_number(lr)]
    lines += ["    %s: %s" % (k, yaml_number(v)) for k, v in kwargs.items()]
    with open(os.path.join(OUT, name + ".yaml"), "w") as f:
        f.write("\n".join(lines) + "\n")


def run(module, case):
    name, cls, lr, kwargs, rows = case[:5]
    refused_param = case[5] if len(case) > 5 else None
    write_spec(name, cls, lr, kwargs, rows)
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=lr)
    try:
        scheduler = getattr(module, cls)(optimizer, **kwargs)
    except Exception as e:  # the constructor applies step 0: a refusal names the argument lrsched must name
        assert refused_param, "%s: unexpected %r" % (name, e)
        with open(os.path.join(OUT, name + ".error"), "w") as f:
            f.write("param: %s\nmessage: %s: %s (constructor)\n" % (refused_param, type(e).__name__, e))
        return
    values, raised = [], None
    for s in range(rows):
        values.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        try:
            scheduler.step()
        except Exception as e:  # get_lr at last_epoch = s + 1 raised: row s + 1 does not exist
            raised = (s + 1, "%s: %s" % (type(e).__name__, e))
            break
    if refused_param:  # lrsched refuses these arguments up front; NeMo raises at the first row that needs them
        assert raised, name + " was expected to raise"
        with open(os.path.join(OUT, name + ".error"), "w") as f:
            f.write("param: %s\nmessage: %s (at row %d)\n" % (refused_param, raised[1], raised[0]))
        return
    with open(os.path.join(OUT, name + ".csv"), "w") as f:
        f.write("step,%s\n" % name)
        f.writelines("%d,%r\n" % (s, float(v)) for s, v in enumerate(values))
    if raised:
        with open(os.path.join(OUT, name + ".raises"), "w") as f:
            f.write("step: %d\nmessage: %s\n" % raised)


def main():
    module = load(sys.argv[1])
    os.makedirs(OUT, exist_ok=True)
    warnings.simplefilter("ignore")
    for case in CASES:
        run(module, case)


if __name__ == "__main__":
    main()
