#!/usr/bin/env python3
"""Golden data for lrsched's `deepspeed` config format: ds_config.json alone, and linked from a Hugging Face
TrainingArguments file (`deepspeed: ds_config.json`).

Runs the frameworks' own code, fetched into a scratch folder outside the repository (the first argument, default
/tmp/golden-hf; see hf_configs.py for the transformers and accelerate modules):

  lr_schedules.py                     deepspeedai/DeepSpeed deepspeed/runtime/lr_schedules.py at
                                      edaa7221267243c7be7fb49c5d5f5c4fb97b4641, imported as is (deepspeed.utils.logger
                                      shimmed by deepspeed_shim/deepspeed/utils.py, a plain logging.Logger)
  transformers/deepspeed_excerpt.py   huggingface/transformers src/transformers/integrations/deepspeed.py at
                                      02348331baea70aaedce3b76c18481b2b441fe2d: fill_match and the optimizer / scheduler
                                      lines of trainer_config_process and trainer_config_finalize, verbatim

The engine is replayed as DeepSpeedEngine does (deepspeed/runtime/engine.py _scheduler_from_config and
_take_model_step): scheduler = lr_schedules.TYPE(optimizer, **params) (or torch.optim.lr_scheduler.TYPE), the
optimizer's lr read before each update, scheduler.step() after it. When the HF file links the config,
deepspeed_optim_sched decides: a "scheduler" block is DeepSpeed's scheduler; without one, the Trainer's own
(get_scheduler, as in hf_configs.py) runs on the optimizer.

Writes src/test/resources/golden/configs/deepspeed/: CASE.json (a ds_config alone) or CASE.yaml (TrainingArguments)
with CASE-ds.json beside it, CASE.run (flags), CASE.csv (step,lr).
Run: /usr/bin/python3 src/tools/golden/deepspeed_configs.py /tmp/golden-hf
"""
import copy
import importlib.util
import json
import os
import sys
import types

import torch
import yaml

SCRATCH = sys.argv[1] if len(sys.argv) > 1 else "/tmp/golden-hf"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "test", "resources", "golden", "configs", "deepspeed")
sys.path.insert(0, os.path.join(SCRATCH, "deepspeed_shim"))
sys.argv = sys.argv[:1] + [SCRATCH]


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


lr_schedules = load("ds_lr_schedules", os.path.join(SCRATCH, "lr_schedules.py"))
ds_excerpt = load("hf_ds_excerpt", os.path.join(SCRATCH, "transformers/deepspeed_excerpt.py"))
hf = load("hf_configs", os.path.join(HERE, "hf_configs.py"))


def engine_rows(ds, steps, optimizer_lr):
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=optimizer_lr)
    name = ds["scheduler"]["type"]
    cls = getattr(lr_schedules, name) if hasattr(lr_schedules, name) else getattr(torch.optim.lr_scheduler, name)
    scheduler = cls(optimizer, **ds["scheduler"].get("params", {}))
    rows = []
    for step in range(steps):
        rows.append((step, optimizer.param_groups[0]["lr"]))
        optimizer.step()
        scheduler.step()
    return rows


def alone(ds, facts):
    steps = facts.get("num_updates") or ds["scheduler"]["params"]["total_num_steps"]
    ds = copy.deepcopy(ds)
    params = ds["scheduler"].setdefault("params", {})
    if params.get("total_num_steps") == "auto":  # lrsched fills it from --run num_updates
        params["total_num_steps"] = facts["num_updates"]
    return engine_rows(ds, steps, ds["optimizer"]["params"]["lr"])


def linked(config, ds, facts):
    """The Trainer with `deepspeed:` set: sizes as hf_configs.run, the config filled, the scheduler chosen."""
    ds = copy.deepcopy(ds)
    _, n, w = hf.run(config, facts)
    args = types.SimpleNamespace(learning_rate=config.get("learning_rate", 5e-5),
                                 warmup_steps=config.get("warmup_steps", 0), warmup_ratio=config.get("warmup_ratio"))
    hf.trainer_args.post_init_warmup(args)
    args.get_warmup_steps = lambda num: hf.trainer_args.get_warmup_steps(args, num)
    filler = ds_excerpt.HfTrainerDeepSpeedConfigExcerpt(ds)
    filler.trainer_config_process_lr_part(args)
    filler.trainer_config_finalize_scheduler_part(args, n)
    optimizer_lr = ds["optimizer"]["params"]["lr"] if "optimizer" in ds else args.learning_rate
    if "scheduler" in ds:
        return engine_rows(ds, n, optimizer_lr)
    rows, _, _ = hf.run(config, facts)  # the Trainer's scheduler on the DeepSpeed optimizer (same lr)
    return rows


ADAMW_AUTO = {"type": "AdamW", "params": {"lr": "auto", "betas": "auto", "eps": "auto", "weight_decay": "auto"}}
ZERO2 = {"stage": 2, "overlap_comm": True, "contiguous_gradients": True}

CASES = [
    ("warmup_decay_alone", None, {
        "train_micro_batch_size_per_gpu": 8, "gradient_accumulation_steps": 1,
        "optimizer": {"type": "AdamW", "params": {"lr": 3e-4, "weight_decay": 0.01}},
        "scheduler": {"type": "WarmupDecayLR", "params": {"total_num_steps": 1000, "warmup_min_lr": 0,
                                                          "warmup_max_lr": 3e-4, "warmup_num_steps": 100}},
        "zero_optimization": ZERO2}, {}),
    ("warmup_cosine_total_from_run", None, {
        "train_batch_size": 64,
        "optimizer": {"type": "Adam", "params": {"lr": 1e-4}},
        "scheduler": {"type": "WarmupCosineLR", "params": {"total_num_steps": "auto", "warmup_num_steps": 50,
                                                           "warmup_type": "linear", "cos_min_ratio": 0.01}}},
     {"num_updates": 500}),
    ("warmup_lr_takes_the_optimizer_lr", None, {
        "train_micro_batch_size_per_gpu": 4,
        "optimizer": {"type": "AdamW", "params": {"lr": 2e-4}},
        "scheduler": {"type": "WarmupLR", "params": {"warmup_num_steps": 120}}}, {"num_updates": 300}),
    ("one_cycle", None, {
        "train_micro_batch_size_per_gpu": 4,
        "optimizer": {"type": "SGD", "params": {"lr": 1e-3}},
        "scheduler": {"type": "OneCycle", "params": {"cycle_min_lr": 1e-5, "cycle_max_lr": 1e-3,
                                                     "cycle_first_step_size": 100, "decay_lr_rate": 0.01,
                                                     "decay_step_size": 10}}}, {"num_updates": 400}),
    ("torch_scheduler_fallback", None, {
        "train_micro_batch_size_per_gpu": 4,
        "optimizer": {"type": "AdamW", "params": {"lr": 1e-3}},
        "scheduler": {"type": "CosineAnnealingLR", "params": {"T_max": 100, "eta_min": 1e-5}}},
     {"num_updates": 150}),
    ("hf_auto_values_filled", {
        "output_dir": "out", "learning_rate": 2e-5, "warmup_ratio": 0.1, "per_device_train_batch_size": 4,
        "gradient_accumulation_steps": 4, "num_train_epochs": 2, "bf16": True}, {
        "bf16": {"enabled": "auto"}, "optimizer": ADAMW_AUTO,
        "scheduler": {"type": "WarmupDecayLR", "params": {"warmup_min_lr": "auto", "warmup_max_lr": "auto",
                                                          "warmup_num_steps": "auto", "total_num_steps": "auto"}},
        "zero_optimization": ZERO2, "gradient_accumulation_steps": "auto",
        "train_micro_batch_size_per_gpu": "auto", "train_batch_size": "auto"},
     {"dataset_size": 3000, "num_devices": 2}),
    ("hf_scheduler_without_ds_scheduler", {
        "output_dir": "out", "learning_rate": 1e-4, "lr_scheduler_type": "cosine", "warmup_steps": 30,
        "per_device_train_batch_size": 8, "num_train_epochs": 1}, {
        "optimizer": ADAMW_AUTO, "zero_optimization": {"stage": 3}, "train_micro_batch_size_per_gpu": "auto"},
     {"dataset_size": 2000}),
    ("ds_scheduler_wins_over_lr_scheduler_type", {
        "output_dir": "out", "learning_rate": 5e-5, "lr_scheduler_type": "cosine", "warmup_steps": 0.05,
        "per_device_train_batch_size": 16, "num_train_epochs": 3, "gradient_accumulation_steps": 2}, {
        "optimizer": ADAMW_AUTO,
        "scheduler": {"type": "WarmupCosineLR", "params": {"warmup_num_steps": "auto", "total_num_steps": "auto",
                                                           "warmup_type": "linear"}}},
     {"dataset_size": 5000, "num_devices": 4}),
]


def check_mismatch_raises():
    """An explicit value that contradicts TrainingArguments is refused (the message lrsched quotes)."""
    ds = {"scheduler": {"type": "WarmupLR", "params": {"warmup_max_lr": 1e-3}}}
    args = types.SimpleNamespace(learning_rate=2e-5, warmup_steps=0, get_warmup_steps=lambda n: 0)
    filler = ds_excerpt.HfTrainerDeepSpeedConfigExcerpt(ds)
    filler.trainer_config_process_lr_part(args)
    try:
        filler.trainer_config_finalize_scheduler_part(args, 100)
    except ValueError as e:
        assert "- ds scheduler.params.warmup_max_lr=0.001 vs hf learning_rate=2e-05" in str(e), e
        return
    raise AssertionError("no mismatch raised")


def main():
    check_mismatch_raises()
    os.makedirs(OUT, exist_ok=True)
    for name, config, ds, facts in CASES:
        if config is None:
            rows = alone(ds, facts)
            with open(os.path.join(OUT, name + ".json"), "w") as f:
                json.dump(ds, f, indent=2)
                f.write("\n")
        else:
            config = dict(config, deepspeed=name + "-ds.json")
            rows = linked(config, ds, facts)
            with open(os.path.join(OUT, name + ".yaml"), "w") as f:
                f.write(yaml.safe_dump(config, sort_keys=False))
            with open(os.path.join(OUT, name + "-ds.json"), "w") as f:
                json.dump(ds, f, indent=2)
                f.write("\n")
        hf.write_case(OUT, name, rows, "%d updates" % len(rows), hf.run_line(facts))
        print(name, len(rows), "rows")


if __name__ == "__main__":
    main()
