#!/usr/bin/env python3
"""Golden data for lrsched's `hf` config format (Hugging Face TrainingArguments files).

Runs the framework's own code paths, fetched into a scratch folder outside the repository (the first argument,
default /tmp/golden-hf), never copied into lrsched:

  transformers/optimization.py       huggingface/transformers src/transformers/optimization.py
                                     at 005edacb6b5dabbf0843e92c6623de9e07ca6241: get_scheduler and the schedule
                                     functions, verbatim (docstrings, Adafactor and the layer-wise branch left out;
                                     SchedulerType shimmed with the values of trainer_utils.SchedulerType)
  transformers/trainer_args_excerpt.py
                                     src/transformers/trainer.py at 000945a9b726d87a93e61e873b88ff8f3cd411b5
                                     (Trainer.set_initial_training_values: updates per epoch and max_steps) and
                                     src/transformers/training_args.py at 00349ae87eddc872ffa21a8a54f264375a0056a8
                                     (transformers 5: the deprecated warmup_ratio copied into warmup_steps by
                                     __post_init__, and get_warmup_steps), verbatim
  accelerate/data_loader.py          huggingface/accelerate src/accelerate/data_loader.py at
                                     16cb6eb80dd9aa8b4df1a63ef57863e455d53b83: BatchSamplerShard, extracted with
                                     ast and run on torch's own BatchSampler (the per-process dataloader length)

The Trainer's loop is then replayed: torch.optim.SGD with the config's learning_rate, the scheduler from
get_scheduler(lr_scheduler_type, num_warmup_steps=get_warmup_steps(N), num_training_steps=N,
scheduler_specific_kwargs=lr_scheduler_kwargs), the LR read before each of the N updates and scheduler.step()
after it. Older transformers (--versions cases): before 4.46 the Trainer floored the updates per epoch
(`num_update_steps_per_epoch = len_dataloader // args.gradient_accumulation_steps`, then max(..., 1), as in
src/transformers/trainer.py at 2cda12cbf6e476183e68ec476551fa7e3717394a, a 4.4x stored copy); before 5
get_warmup_steps was `warmup_steps if warmup_steps > 0 else math.ceil(num_training_steps * warmup_ratio)` with
warmup_ratio a field of its own (src/transformers/training_args.py at fd798335c275520af034c678b35e8167820c7c80, a 4.x
stored copy). Those two lines are written out below (old_*).

Writes src/test/resources/golden/configs/hf/: CASE.yaml or CASE.json (the config), CASE.run (the lrsched flags
the case needs: --run and --versions), CASE.csv (step,lr for rows 0..N-1).
Run: /usr/bin/python3 src/tools/golden/hf_configs.py /tmp/golden-hf [CASE ...]   (only the named cases, if given;
accelerate/data_loader.py is read only by cases with a dataset_size on more than one device)
"""
import ast
import importlib.util
import json
import math
import os
import sys
import types

import torch
import yaml
from torch.utils.data import BatchSampler, SequentialSampler

SCRATCH = sys.argv[1] if len(sys.argv) > 1 else "/tmp/golden-hf"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "resources", "golden", "configs",
                   "hf")


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, os.path.join(SCRATCH, path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


optimization = load("hf_optimization", "transformers/optimization.py")
trainer_args = load("hf_trainer_args", "transformers/trainer_args_excerpt.py")


def batch_sampler_shard_class():
    """accelerate's BatchSamplerShard, taken out of data_loader.py (whose imports need a full accelerate)."""
    source = open(os.path.join(SCRATCH, "accelerate/data_loader.py")).read()
    tree = ast.parse(source)
    node = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "BatchSamplerShard")
    module = types.ModuleType("accelerate_shard")
    module.BatchSampler = BatchSampler
    exec(compile(ast.Module(body=[node], type_ignores=[]), "data_loader.py", "exec"), module.__dict__)
    return module.BatchSamplerShard


def len_dataloader(dataset_size, batch_size, drop_last, num_devices):
    sampler = BatchSampler(SequentialSampler(range(dataset_size)), batch_size, drop_last)
    if num_devices == 1:
        return len(sampler)  # accelerate does not shard a single process's dataloader
    shard = batch_sampler_shard_class()
    return len(shard(sampler, num_processes=num_devices, process_index=0, even_batches=True))


def old_updates_per_epoch(length, ga):  # transformers < 4.46
    return max(length // ga, 1)


def old_get_warmup_steps(args, n):  # transformers < 5 (training_args.py at fd798335c275520af034c678b35e8167820c7c80)
    return args.warmup_steps if args.warmup_steps > 0 else math.ceil(n * args.warmup_ratio)


def version_tuple(v):
    return tuple(int(x) for x in v.split(".")[:2])


def run(config, facts, version=None, before_scheduler=None):
    """The per-update LR of a Trainer built from `config`, with `facts` (dataset_size, num_devices).
    `before_scheduler(args, n)` runs where a Trainer subclass's create_scheduler runs before get_scheduler."""
    a = types.SimpleNamespace(
        learning_rate=config.get("learning_rate", 5e-5),
        lr_scheduler_type=config.get("lr_scheduler_type", "linear"),
        lr_scheduler_kwargs=config.get("lr_scheduler_kwargs"),
        warmup_steps=config.get("warmup_steps", 0),
        warmup_ratio=config.get("warmup_ratio"),
        num_train_epochs=config.get("num_train_epochs", 3.0),
        max_steps=config.get("max_steps", -1),
        per_device_train_batch_size=config.get("per_device_train_batch_size", 8),
        gradient_accumulation_steps=config.get("gradient_accumulation_steps", 1),
        dataloader_drop_last=config.get("dataloader_drop_last", False),
    )
    if isinstance(a.lr_scheduler_kwargs, str) and a.lr_scheduler_kwargs.startswith("{"):
        a.lr_scheduler_kwargs = json.loads(a.lr_scheduler_kwargs)  # TrainingArguments.__post_init__
    old = version is not None and version_tuple(version) < (5, 0)
    if old:
        if a.warmup_ratio is None:
            a.warmup_ratio = 0.0
    else:
        trainer_args.post_init_warmup(a)
    length = None
    if "dataset_size" in facts:
        length = len_dataloader(facts["dataset_size"], a.per_device_train_batch_size, a.dataloader_drop_last,
                                facts.get("num_devices", 1))
    if version is not None and version_tuple(version) < (4, 46):
        upe = old_updates_per_epoch(length, a.gradient_accumulation_steps)
        n = a.max_steps if a.max_steps > 0 else math.ceil(a.num_train_epochs * upe)
    elif length is None:
        n = a.max_steps
    else:
        _, n = trainer_args.set_initial_training_values_part(a, length)
    w = old_get_warmup_steps(a, n) if old else trainer_args.get_warmup_steps(a, n)
    if before_scheduler is not None:
        a.get_warmup_steps = lambda num: trainer_args.get_warmup_steps(a, num)
        before_scheduler(a, n)
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=a.learning_rate)
    scheduler = optimization.get_scheduler(a.lr_scheduler_type, optimizer, num_warmup_steps=w, num_training_steps=n,
                                           scheduler_specific_kwargs=a.lr_scheduler_kwargs)
    rows = []
    for step in range(n):
        rows.append((step, optimizer.param_groups[0]["lr"]))
        optimizer.step()
        scheduler.step()
    return rows, n, w


CASES = [
    # name, config, facts, version, format
    ("linear_warmup_ratio_four_devices", {
        "output_dir": "out", "learning_rate": 5e-5, "per_device_train_batch_size": 8,
        "gradient_accumulation_steps": 8, "warmup_ratio": 0.03, "bf16": True, "logging_steps": 10},
     {"dataset_size": 52000, "num_devices": 4}, None, "yaml"),
    ("cosine_accumulation_not_dividing", {
        "output_dir": "out", "learning_rate": 2e-4, "lr_scheduler_type": "cosine", "per_device_train_batch_size": 16,
        "gradient_accumulation_steps": 3, "num_train_epochs": 2.5, "warmup_steps": 0.1},
     {"dataset_size": 1000}, None, "yaml"),
    ("min_lr_drop_last_three_devices", {
        "output_dir": "out", "learning_rate": 1e-4, "lr_scheduler_type": "cosine_with_min_lr",
        "lr_scheduler_kwargs": {"min_lr_rate": 0.1}, "per_device_train_batch_size": 16,
        "gradient_accumulation_steps": 4, "num_train_epochs": 2, "warmup_steps": 10, "dataloader_drop_last": True},
     {"dataset_size": 10001, "num_devices": 3}, None, "yaml"),
    ("polynomial_max_steps_kwargs_string", {
        "output_dir": "out", "learning_rate": 3e-4, "lr_scheduler_type": "polynomial",
        "lr_scheduler_kwargs": "{\"lr_end\": 1e-6, \"power\": 2.0}", "max_steps": 500, "warmup_steps": 50,
        "num_train_epochs": 10},
     {}, None, "yaml"),
    ("wsd_eight_devices", {
        "output_dir": "out", "learning_rate": 1e-3, "lr_scheduler_type": "warmup_stable_decay",
        "lr_scheduler_kwargs": {"num_decay_steps": 100, "min_lr_ratio": 0.1, "decay_type": "linear"},
        "per_device_train_batch_size": 4, "gradient_accumulation_steps": 2, "num_train_epochs": 1,
        "warmup_ratio": 0.05},
     {"dataset_size": 20000, "num_devices": 8}, None, "yaml"),
    ("constant_with_warmup_ignores_kwargs", {
        "output_dir": "out", "learning_rate": 1e-5, "lr_scheduler_type": "constant_with_warmup",
        "lr_scheduler_kwargs": {"num_cycles": 3}, "warmup_steps": 25, "per_device_train_batch_size": 32},
     {"dataset_size": 3000}, None, "yaml"),
    ("restarts_json", {
        "output_dir": "out", "learning_rate": 5e-4, "lr_scheduler_type": "cosine_with_restarts",
        "lr_scheduler_kwargs": {"num_cycles": 3}, "per_device_train_batch_size": 8, "num_train_epochs": 4,
        "warmup_steps": 20, "gradient_accumulation_steps": 2},
     {"dataset_size": 1700, "num_devices": 2}, None, "json"),
    ("warmup_ratio_replaces_warmup_steps", {
        "output_dir": "out", "learning_rate": 5e-5, "warmup_steps": 100, "warmup_ratio": 0.1,
        "per_device_train_batch_size": 16},
     {"dataset_size": 8000}, None, "yaml"),
    ("fractional_warmup_steps_truncated", {
        "output_dir": "out", "learning_rate": 5e-5, "lr_scheduler_type": "inverse_sqrt", "warmup_steps": 10.7,
        "lr_scheduler_kwargs": {"timescale": 50}, "per_device_train_batch_size": 8, "num_train_epochs": 1},
     {"dataset_size": 1000}, None, "yaml"),
    ("cosine_warmup_with_min_lr", {
        "output_dir": "out", "learning_rate": 2e-5, "lr_scheduler_type": "cosine_warmup_with_min_lr",
        "lr_scheduler_kwargs": {"min_lr": 2e-6}, "warmup_steps": 0.1, "per_device_train_batch_size": 4,
        "num_train_epochs": 1},
     {"dataset_size": 999}, None, "yaml"),
    ("defaults_only", {"output_dir": "out"}, {"dataset_size": 100}, None, "yaml"),
    ("v4_45_floored_updates", {
        "output_dir": "out", "learning_rate": 5e-5, "per_device_train_batch_size": 8,
        "gradient_accumulation_steps": 8, "warmup_ratio": 0.03},
     {"dataset_size": 52000, "num_devices": 4}, "4.45", "yaml"),
    ("v4_50_warmup_steps_wins", {
        "output_dir": "out", "learning_rate": 5e-5, "lr_scheduler_type": "cosine", "warmup_steps": 30,
        "warmup_ratio": 0.5, "per_device_train_batch_size": 16, "gradient_accumulation_steps": 3},
     {"dataset_size": 1000}, "4.50", "yaml"),
    # warmup_ratio 1.0: transformers 5 copies it into warmup_steps, which get_warmup_steps reads as int(1.0) = 1
    # step; transformers 4 read it as a ratio, ceil(N x 1.0) = N: the whole run warms up
    ("warmup_ratio_one_is_one_step", {
        "output_dir": "out", "learning_rate": 1e-4, "warmup_ratio": 1.0, "max_steps": 40},
     {}, None, "yaml"),
    ("v4_50_warmup_ratio_one_is_the_whole_run", {
        "output_dir": "out", "learning_rate": 1e-4, "warmup_ratio": 1.0, "max_steps": 40},
     {}, "4.50", "yaml"),
]


def check_shim():
    """The shimmed get_scheduler reproduces transformers' own test (tests/optimization/test_optimization.py,
    ScheduleInitTest: linear, lr 10, 2 warmup steps of 10)."""
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=10.0)
    scheduler = optimization.get_scheduler("linear", optimizer, num_warmup_steps=2, num_training_steps=10)
    lrs = []
    for _ in range(10):
        lrs.append(optimizer.param_groups[0]["lr"])
        scheduler.step()
    expected = [0.0, 5.0, 10.0, 8.75, 7.5, 6.25, 5.0, 3.75, 2.5, 1.25]
    assert all(abs(a - b) < 1e-9 for a, b in zip(lrs, expected)), lrs


def write_case(out, name, rows, note, lines):
    """CASE.run (a comment, then the flag lines lrsched needs) and CASE.csv (step,lr) of one golden case."""
    with open(os.path.join(out, name + ".run"), "w") as f:
        f.write("# flags lrsched needs for this case; " + note + "\n")
        for line in lines:
            f.write(line + "\n")
    with open(os.path.join(out, name + ".csv"), "w") as f:
        f.write("step,lr\n")
        for step, lr in rows:
            f.write("%d,%r\n" % (step, lr))


def run_line(facts):
    return ["run: " + ",".join("%s=%d" % kv for kv in facts.items())] if facts else []


def main(only=()):
    check_shim()
    os.makedirs(OUT, exist_ok=True)
    for name, config, facts, version, fmt in CASES:
        if only and name not in only:
            continue
        rows, n, w = run(config, facts, version)
        if fmt == "json":
            with open(os.path.join(OUT, name + ".json"), "w") as f:
                json.dump(config, f, indent=2)
                f.write("\n")
        else:
            with open(os.path.join(OUT, name + ".yaml"), "w") as f:
                f.write(yaml.safe_dump(config, sort_keys=False))
        lines = run_line(facts)
        if version:
            lines.append("versions: transformers=" + version)
        if not any(k in config for k in ("per_device_train_batch_size", "lr_scheduler_type", "num_train_epochs")):
            lines.append("as: hf")  # nothing marks it as a TrainingArguments file
        write_case(OUT, name, rows, "N = %d, num_warmup_steps = %d" % (n, w), lines)
        print(name, "N =", n, "W =", w)


if __name__ == "__main__":
    main(sys.argv[2:])
