#!/usr/bin/python3
"""Golden data for lrsched's `kohya` config format (kohya-ss sd-scripts, a TOML file given with --config_file).

Runs the framework's own code paths, not a re-implementation:
  kohya-ss/sd-scripts   library/train_util.py           @ 48d368fa557731ad0488c07304dfeba8c07910eb
      read_config_from_file (the TOML, sections merged, into argparse's namespace), add_optimizer_arguments and
      add_training_arguments (the defaults), is_schedulefree_optimizer, get_scheduler_fix (the scheduler)
  kohya-ss/sd-scripts   train_network.py                @ 48d368fa557731ad0488c07304dfeba8c07910eb
      the max_train_epochs block of NetworkTrainer.train (max_train_steps from the epochs), executed as written;
      the --unet_lr / --text_encoder_lr arguments of setup_parser
  huggingface/transformers src/transformers/optimization.py @ 005edacb6b5dabbf0843e92c6623de9e07ca6241
      the schedule functions and TYPE_TO_SCHEDULER_FUNCTION that get_scheduler_fix calls (sd-scripts imports them
      from transformers.optimization; it pins transformers 4.54.1, whose functions are the same); the file's
      scheduler part with docstrings removed, its package imports (trainer_utils.SchedulerType, logging) shimmed
  huggingface/diffusers src/diffusers/optimization.py   @ 58eb52c0803ea9af3abec60841c2a093bdf1f951
      piecewise_constant (get_scheduler_fix takes that one name from diffusers); `.utils.logging` shimmed
  huggingface/accelerate src/accelerate/scheduler.py    @ 16cb6eb80dd9aa8b4df1a63ef57863e455d53b83
      AcceleratedScheduler.step: num_processes scheduler steps per optimizer update; AcceleratorState and
      GradientState shimmed (num_processes of the case; gradients synchronised at every update, as at the end of
      each accumulation window; no skipped optimizer step)

Each case is a TOML config as users write them (the example configs of examples/configs/ among them) (flat, or in the sections kohya's GUI writes: every section's keys
are merged), the --run facts lrsched needs (num_devices, batches_per_epoch), and the learning rate of the UNet
group for every optimizer update as the training loop sees it: read param_groups[0]["lr"], optimizer.step(),
lr_scheduler.step() (train_network.py's loop). Torch 1.13's LambdaLR and the optimizer are real.

The dataloader length: the max_train_epochs block uses len(train_dataloader) before accelerator.prepare; kohya
prints "num batches per epoch" after it, per process: accelerate's BatchSamplerShard (even_batches, the default)
gives ceil(L / num_processes), written here from accelerate/data_loader.py's __len__ (an integer formula, not
executed). The case's batches_per_epoch is that printed number.

Usage:  /usr/bin/python3 src/tools/golden/kohya_configs.py SCRATCH
SCRATCH holds train_util.py, train_network.py, transformers_optimization.py, diffusers_optimization.py and
accelerate_scheduler.py, as named above (git show COMMIT:PATH from the public repositories). Writes
src/test/resources/golden/configs/kohya/: CASE.toml, CASE.run (KEY=VALUE lines for --run), and CASE.csv (step,lr)
or CASE.error (the message the framework raises).
"""

import argparse
import ast
import importlib
import logging
import math
import os
import pathlib
import sys
import textwrap
import types
from typing import Any, Optional

import toml
import torch

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
OUT = os.path.join(ROOT, "src", "test", "resources", "golden", "configs", "kohya")

STATE = {"num_processes": 1}


def load_module(name, path, replace, logging_shim=None):
    text = open(path, encoding="utf-8").read()
    for old, new in replace:
        if old not in text:
            sys.exit(f"{path}: expected to find {old!r}")
        text = text.replace(old, new)
    module = types.ModuleType(name)
    module.__file__ = path
    module.__logging_shim__ = logging_shim
    exec(compile(text, path, "exec"), module.__dict__)
    return module


def top_level(path, names):
    """The source of the named top-level functions of a module, exactly as written."""
    text = open(path, encoding="utf-8").read()
    tree = ast.parse(text)
    out = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name in names:
            out[node.name] = ast.get_source_segment(text, node)
    missing = set(names) - set(out)
    if missing:
        sys.exit(f"{path}: missing {missing}")
    return [out[n] for n in names]


def epochs_block(path):
    """The max_train_epochs block of train_network.py's train(), dedented."""
    lines = open(path, encoding="utf-8").read().split("\n")
    start = next(i for i, l in enumerate(lines) if l.strip() == "if args.max_train_epochs is not None:")
    end = next(i for i in range(start, len(lines)) if "override steps" in lines[i]) + 1
    while lines[end].strip() != ")":
        end += 1
    return textwrap.dedent("\n".join(lines[start:end + 1]))


class ShimAcceleratorState:
    @property
    def num_processes(self):
        return STATE["num_processes"]


class ShimGradientState:
    sync_gradients = True
    adjust_scheduler = False


def build(scratch):
    logging_shim = types.SimpleNamespace(get_logger=logging.getLogger)
    tf = load_module("transformers_optimization", os.path.join(scratch, "transformers_optimization.py"), [])
    df = load_module("diffusers_optimization", os.path.join(scratch, "diffusers_optimization.py"),
                     [("from .utils import logging", "logging = __logging_shim__")], logging_shim)
    acc = load_module("accelerate_scheduler", os.path.join(scratch, "accelerate_scheduler.py"),
                      [("from .state import AcceleratorState, GradientState", "")])
    acc.AcceleratorState = ShimAcceleratorState
    acc.GradientState = ShimGradientState

    ns = {
        "argparse": argparse, "ast": ast, "importlib": importlib, "os": os, "pathlib": pathlib, "toml": toml,
        "math": math, "torch": torch, "Optional": Optional, "Any": Any, "Optimizer": torch.optim.Optimizer,
        "logger": logging.getLogger("sd-scripts"),
        "transformers": types.SimpleNamespace(optimization=types.SimpleNamespace(Adafactor=None)),
        "SchedulerType": tf.SchedulerType, "TYPE_TO_SCHEDULER_FUNCTION": tf.TYPE_TO_SCHEDULER_FUNCTION,
        "DiffusersSchedulerType": df.SchedulerType,
        "DIFFUSERS_TYPE_TO_SCHEDULER_FUNCTION": df.TYPE_TO_SCHEDULER_FUNCTION,
    }
    util = os.path.join(scratch, "train_util.py")
    for src in top_level(util, ["add_optimizer_arguments", "add_training_arguments", "read_config_from_file",
                                "is_schedulefree_optimizer", "get_dummy_scheduler", "get_scheduler_fix"]):
        exec(compile(src, util, "exec"), ns)
    network_src = open(os.path.join(scratch, "train_network.py"), encoding="utf-8").read()
    for arg in ('"--unet_lr"', '"--text_encoder_lr"'):
        if arg not in network_src:
            sys.exit("train_network.py: missing " + arg)
    return ns, acc, epochs_block(os.path.join(scratch, "train_network.py"))


def parser_of(ns):
    parser = argparse.ArgumentParser()
    ns["add_training_arguments"](parser, True)
    ns["add_optimizer_arguments"](parser)
    # train_network.py setup_parser, as written there
    parser.add_argument("--unet_lr", type=float, default=None)
    parser.add_argument("--text_encoder_lr", type=float, default=None, nargs="*")
    return parser


def run_case(ns, acc, epochs_code, path, num_processes, dataloader_len):
    """The UNet group's lr for every update of the run kohya would train with this config."""
    parser = parser_of(ns)
    saved = sys.argv
    sys.argv = ["train_network.py", "--config_file", path]
    try:
        args = parser.parse_args()
        args = ns["read_config_from_file"](args, parser)
    finally:
        sys.argv = saved
    STATE["num_processes"] = num_processes
    accelerator = types.SimpleNamespace(num_processes=num_processes, print=lambda *a, **k: None)
    exec(epochs_code, {"args": args, "math": math, "accelerator": accelerator,
                       "train_dataloader": [None] * (dataloader_len or 0)})
    # train_network.py: the UNet group's lr is unet_lr, else learning_rate (networks/lora.py prepare_optimizer_params)
    lr = args.unet_lr if args.unet_lr is not None else args.learning_rate
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.AdamW([{"params": [param], "lr": lr}], lr=args.learning_rate)
    optimizer.step_was_skipped = False
    scheduler = acc.AcceleratedScheduler(ns["get_scheduler_fix"](args, optimizer, num_processes), optimizer)
    rows = []
    for update in range(args.max_train_steps):
        rows.append((update, optimizer.param_groups[0]["lr"]))
        optimizer.step()
        scheduler.step()
    return rows


CASES = {
    # name: (toml text, num_processes, dataloader length before accelerate splits it, or None)
    "lora_cosine_unet_lr": ('''\
pretrained_model_name_or_path = "models/sd15.safetensors"
train_data_dir = "data/img"
output_name = "my_lora"
network_module = "networks.lora"
network_dim = 16
learning_rate = 2e-4
unet_lr = 1e-4
text_encoder_lr = 5e-5
lr_scheduler = "cosine"
lr_warmup_steps = 100
max_train_steps = 1000
train_batch_size = 2
''', 1, None),
    "gui_sections_restarts_ratio_2gpu": ('''\
[model_arguments]
pretrained_model_name_or_path = "stabilityai/stable-diffusion-xl-base-1.0"

[additional_network_arguments]
network_module = "networks.lora"
network_dim = 32
network_alpha = 16
unet_lr = 3e-4

[optimizer_arguments]
optimizer_type = "AdamW8bit"
learning_rate = 1e-4
lr_scheduler = "cosine_with_restarts"
lr_scheduler_num_cycles = 3
lr_warmup_steps = 0.05

[training_arguments]
output_name = "sdxl_style"
max_train_steps = 1200
mixed_precision = "bf16"
''', 2, None),
    "float_warmup_50_is_a_ratio": ('''\
pretrained_model_name_or_path = "models/sd15.safetensors"
network_module = "networks.lora"
learning_rate = 1e-4
lr_scheduler = "linear"
lr_warmup_steps = 50.0
max_train_steps = 40
''', 1, None),
    "int_warmup_not_multiplied_4gpu": ('''\
pretrained_model_name_or_path = "models/sd15.safetensors"
network_module = "networks.lora"
learning_rate = 1e-4
lr_scheduler = "constant_with_warmup"
lr_warmup_steps = 100
max_train_steps = 300
''', 4, None),
    "cosine_with_min_lr_cycles_halved": ('''\
pretrained_model_name_or_path = "models/flux1-dev.safetensors"
network_module = "networks.lora_flux"
learning_rate = 5e-4
lr_scheduler = "cosine_with_min_lr"
lr_scheduler_num_cycles = 1
lr_scheduler_min_lr_ratio = 0.1
lr_warmup_steps = 0.1
max_train_steps = 500
''', 2, None),
    "warmup_stable_decay": ('''\
pretrained_model_name_or_path = "models/sd15.safetensors"
network_module = "networks.lora"
learning_rate = 1e-4
lr_scheduler = "warmup_stable_decay"
lr_warmup_steps = 0.1
lr_decay_steps = 0.25
lr_scheduler_num_cycles = 1
lr_scheduler_min_lr_ratio = 0.05
max_train_steps = 800
''', 1, None),
    "epochs_polynomial_accumulation_2gpu": ('''\
pretrained_model_name_or_path = "models/sd15.safetensors"
network_module = "networks.lora"
learning_rate = 1e-4
lr_scheduler = "polynomial"
lr_scheduler_power = 2.0
lr_warmup_steps = 10
max_train_epochs = 10
gradient_accumulation_steps = 4
''', 2, 103),
    "defaults_constant_1600": ('''\
pretrained_model_name_or_path = "models/sd15.safetensors"
train_data_dir = "data/img"
output_name = "defaults"
learning_rate = 1e-5
''', 1, None),
    "custom_torch_cosine_annealing": ('''\
pretrained_model_name_or_path = "models/sd15.safetensors"
network_module = "networks.lora"
learning_rate = 1e-4
lr_scheduler_type = "CosineAnnealingLR"
lr_scheduler_args = ["T_max=500", "eta_min=1e-6"]
max_train_steps = 600
''', 1, None),
    "inverse_sqrt": ('''\
pretrained_model_name_or_path = "models/sd15.safetensors"
network_module = "networks.lora"
learning_rate = 1e-4
lr_scheduler = "inverse_sqrt"
lr_warmup_steps = 50
max_train_steps = 400
''', 1, None),
    "piecewise_constant": ('''\
pretrained_model_name_or_path = "models/sd15.safetensors"
network_module = "networks.lora"
learning_rate = 1e-4
lr_scheduler = "piecewise_constant"
lr_scheduler_args = ["step_rules='1:100,0.5:200,0.1'"]
max_train_steps = 300
''', 1, None),
    "epochs_one_process": ('''\
pretrained_model_name_or_path = "models/sd15.safetensors"
train_data_dir = "data/img"
network_module = "networks.lora"
learning_rate = 1e-4
lr_scheduler = "cosine"
lr_warmup_steps = 0.1
max_train_epochs = 4
''', 1, 250),
    "sections_later_key_wins_decay_ratio": ('''\
learning_rate = 1e-3
lr_scheduler = "linear"

[model_arguments]
pretrained_model_name_or_path = "models/sd15.safetensors"

[optimizer_arguments]
learning_rate = 2e-4
lr_scheduler = "warmup_stable_decay"
lr_warmup_steps = 30
lr_decay_steps = 0.5

[training_arguments]
max_train_steps = 150
''', 3, None),
    # refusals: the framework raises while building the scheduler
    "error_custom_scheduler_with_warmup": ('''\
pretrained_model_name_or_path = "models/sd15.safetensors"
network_module = "networks.lora"
lr_scheduler_type = "StepLR"
lr_scheduler_args = ["step_size=100", "gamma=0.5"]
lr_warmup_steps = 10
''', 1, None),
    "error_constant_with_warmup": ('''\
pretrained_model_name_or_path = "models/sd15.safetensors"
network_module = "networks.lora"
learning_rate = 1e-4
lr_scheduler = "constant"
lr_warmup_steps = 10
''', 1, None),
    "error_cosine_with_min_lr_without_ratio": ('''\
pretrained_model_name_or_path = "models/sd15.safetensors"
network_module = "networks.lora"
learning_rate = 1e-4
lr_scheduler = "cosine_with_min_lr"
max_train_steps = 100
''', 1, None),
}


# The expected values transformers' own test publishes (hf_published.PUBLISHED, from
# tests/optimization/test_optimization.py @ 74714520aed84bb44c9e6724ba805d2cd1e1eff7, ScheduleInitTest.test_schedulers:
# AdamW lr=10.0, 10 steps, compared at 1e-2): the shimmed module must reproduce them before anything is written.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hf_published import PUBLISHED  # noqa: E402


def check_shims(ns, acc):
    functions = ns["TYPE_TO_SCHEDULER_FUNCTION"]
    for name, kwargs, expected in PUBLISHED:
        optimizer = torch.optim.AdamW([torch.nn.Parameter(torch.zeros(1))], lr=10.0)
        scheduler = functions[ns["SchedulerType"](name)](optimizer, **kwargs)
        got = []
        for _ in range(10):
            got.append(scheduler.get_last_lr()[0])
            optimizer.step()
            scheduler.step()
        if any(abs(g - e) > 1e-2 for g, e in zip(got, expected)):
            sys.exit(f"shimmed transformers disagrees with its published test: {name}: {got} vs {expected}")
    # Accelerate: with 3 processes, one optimizer update steps the wrapped scheduler 3 times
    STATE["num_processes"] = 3
    optimizer = torch.optim.AdamW([torch.nn.Parameter(torch.zeros(1))], lr=1.0)
    optimizer.step_was_skipped = False
    inner = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: 1.0)
    acc.AcceleratedScheduler(inner, optimizer).step()
    if inner.last_epoch != 3:
        sys.exit(f"shimmed AcceleratedScheduler stepped {inner.last_epoch} times, not 3")
    print("shims reproduce transformers' published test values and accelerate's per-process stepping")


# The example configs of examples/configs/, run as they are (the epochs example on 2 processes, 240 batches: sd-scripts
# prints 120 per process)
EXAMPLES = {
    "example_kohya_lora": ("kohya_lora.toml", 1, None),
    "example_kohya_sdxl_lora_epochs": ("kohya_sdxl_lora_epochs.toml", 2, 240),
}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    ns, acc, epochs_code = build(sys.argv[1])
    check_shims(ns, acc)
    for name, (example, num_processes, dataloader_len) in EXAMPLES.items():
        with open(os.path.join(ROOT, "examples", "configs", example), encoding="utf-8") as f:
            CASES[name] = (f.read(), num_processes, dataloader_len)
    os.makedirs(OUT, exist_ok=True)
    for name, (text, num_processes, dataloader_len) in CASES.items():
        path = os.path.join(OUT, name + ".toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        facts = []
        if num_processes != 1:
            facts.append(f"num_devices={num_processes}")
        if dataloader_len is not None:
            # accelerate's BatchSamplerShard.__len__ with even_batches: what kohya prints per process
            facts.append(f"batches_per_epoch={-(-dataloader_len // num_processes)}")
        with open(os.path.join(OUT, name + ".run"), "w", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in facts))
        for stale in (".csv", ".error"):
            if os.path.exists(os.path.join(OUT, name + stale)):
                os.remove(os.path.join(OUT, name + stale))
        try:
            rows = run_case(ns, acc, epochs_code, path, num_processes, dataloader_len)
        except (ValueError, TypeError) as e:
            if not name.startswith("error_"):
                raise
            with open(os.path.join(OUT, name + ".error"), "w", encoding="utf-8") as f:
                f.write(str(e) + "\n")
            print(f"{name}: raises {e}")
            continue
        if name.startswith("error_"):
            sys.exit(f"{name}: expected the framework to raise")
        with open(os.path.join(OUT, name + ".csv"), "w", encoding="utf-8") as f:
            f.write("step,lr\n")
            for step, lr in rows:
                f.write(f"{step},{lr!r}\n")
        print(f"{name}: {len(rows)} rows, first {rows[0][1]!r}, last {rows[-1][1]!r}")


if __name__ == "__main__":
    main()
