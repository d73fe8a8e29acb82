#!/usr/bin/python3
"""Golden data for lrsched's axolotl config reader: axolotl's own code sizes the run and builds the scheduler.

Usage: /usr/bin/python3 src/tools/golden/axolotl_configs.py SCRATCH [OUT]
  SCRATCH holds the framework files, fetched outside the repository:
    SCRATCH/axolotl/<path>   from axolotl-ai-cloud/axolotl at 067b021c8b87a9e5e380b9173c704cf7340e30f5
                             (git show COMMIT:<path>) for these paths:
                               src/axolotl/utils/schemas/training.py      HyperparametersConfig.convert_learning_rate
                               src/axolotl/utils/schemas/validation.py    check_batch_size_fields, check_gas_bsz,
                                                                          check_warmup (the schema's validators)
                               src/axolotl/utils/config/__init__.py       normalize_config (its batch-size part:
                                                                          the statements before base_model_config)
                               src/axolotl/utils/trainer.py               calculate_total_num_steps
                               src/axolotl/core/builders/base.py          _configure_warmup_and_logging,
                                                                          _configure_scheduler
                               src/axolotl/core/trainers/mixins/scheduler.py   SchedulerMixin (whole module)
                               src/axolotl/utils/schedulers.py            RexLR, the cosine variants (whole module)
    SCRATCH/transformers/optimization.py          huggingface/transformers src/transformers/optimization.py at
                                                  005edacb6b5dabbf0843e92c6623de9e07ca6241 (scheduler functions and
                                                  get_scheduler, verbatim; SchedulerType as in trainer_utils)
    SCRATCH/transformers/trainer_args_excerpt.py  TrainingArguments.get_warmup_steps, verbatim (training_args.py at
                                                  00349ae87eddc872ffa21a8a54f264375a0056a8, transformers 5)
  OUT defaults to src/test/resources/golden/configs/axolotl.

Each case is an axolotl config (CASE.yaml), the facts a user gives (CASE.run: --run values, one a line) and the
learning rate of every optimizer update (CASE.csv, step,lr; rows 0..max_steps-1). The config is read with PyYAML
(YAML 1.1, so an unquoted 2e-5 is a string, as axolotl reads it) and passes through: the schema validators above
and the schema defaults of the fields involved (gradient_accumulation_steps 1, micro_batch_size 1, num_epochs 1.0,
lr_scheduler cosine), convert_learning_rate, normalize_config with WORLD_SIZE set, calculate_total_num_steps on a
dataset of dataset_size rows (its token counting is skipped by presetting total_num_tokens, which the non-packed
path does not use), prepare_datasets' min(total, max_steps) (sft.py; load_preference_datasets' ceil for rl, and
max_steps for streaming: one line each, written here), the builder's warmup and scheduler settings, then
TrainingArguments.get_warmup_steps and SchedulerMixin.create_scheduler on a torch optimizer, stepped as the Trainer
does (one scheduler.step() after each update). Shims replace only imports that do not touch the arithmetic
(logging, plugins, device selection, torch 1.13's name _LRScheduler for LRScheduler). Debian's torch 1.13 runs it.
Before writing, self_check() reproduces what axolotl's own tests assert at that commit (tests/test_schedulers.py's
cosine-with-constant values, tests/core/test_builders.py's warmup_steps and scheduler type).
"""
import ast
import math
import os
import sys
import types
import warnings

import torch
import yaml

warnings.filterwarnings("ignore")
SCRATCH = sys.argv[1]
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "..", "test",
                                                                 "resources", "golden", "configs", "axolotl")
AX = os.path.join(SCRATCH, "axolotl", "src", "axolotl")


def source(path):
    with open(os.path.join(AX, path), encoding="utf-8") as f:
        return f.read()


def function(path, name, namespace, cut=None):
    """Defines the function (or method) `name` of the file in `namespace`, decorators dropped; `cut` ends its body
    before the first statement whose text contains it."""
    text = source(path)
    tree = ast.parse(text)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == name:
            node.decorator_list = []
            if cut:
                body = []
                for stmt in node.body:
                    if cut in ast.get_source_segment(text, stmt):
                        break
                    body.append(stmt)
                node.body = body
            exec(compile(ast.Module([node], []), path, "exec"), namespace)
            return namespace[name]
    raise KeyError(name)


class DictDefault(dict):
    """Shim of axolotl.utils.dict.DictDefault (addict.Dict returning None for missing keys)."""

    def __getattr__(self, k):
        return self.get(k)

    def __setattr__(self, k, v):
        self[k] = v


class Log:
    def __getattr__(self, _):
        return lambda *a, **k: None


def module(name, **attrs):
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    sys.modules[name] = m
    return m


# --- shims for the imports of the scheduler modules ---
import torch.optim.lr_scheduler as tls  # noqa: E402

if not hasattr(tls, "LRScheduler"):
    tls.LRScheduler = tls._LRScheduler  # torch >= 2.0 name


class Trainer:
    """transformers.Trainer.create_scheduler (v5): get_scheduler with the args' type, warmup and kwargs."""

    def create_scheduler(self, num_training_steps, optimizer=None):
        if self.lr_scheduler is None:
            self.lr_scheduler = OPT.get_scheduler(
                self.args.lr_scheduler_type, optimizer=self.optimizer if optimizer is None else optimizer,
                num_warmup_steps=self.args.get_warmup_steps(num_training_steps),
                num_training_steps=num_training_steps, scheduler_specific_kwargs=self.args.lr_scheduler_kwargs)
        return self.lr_scheduler


class PluginManager:
    @staticmethod
    def get_instance():
        return PluginManager()

    def create_lr_scheduler(self, **_):
        return None


sys.path.insert(0, os.path.join(SCRATCH, "transformers"))
import optimization as OPT  # noqa: E402
import trainer_args_excerpt as TA  # noqa: E402

for pkg in ["axolotl", "axolotl.utils", "axolotl.integrations", "transformers"]:
    module(pkg).__path__ = []
module("axolotl.utils.logging", get_logger=lambda *_: Log())
module("axolotl.integrations.base", PluginManager=PluginManager)
module("transformers.trainer", Trainer=Trainer)
schedulers = module("axolotl.utils.schedulers")
exec(compile(source("utils/schedulers.py"), "schedulers.py", "exec"), schedulers.__dict__)
mixin = module("axolotl.core.trainers.mixins.scheduler")
exec(compile(source("core/trainers/mixins/scheduler.py"), "scheduler.py", "exec"), mixin.__dict__)

NS = {"math": math, "os": os, "LOG": Log(), "json": __import__("json"),
      "choose_device": lambda cfg: None, "resolve_dtype": lambda cfg: None}  # device and dtype: no arithmetic
convert_learning_rate = function("utils/schemas/training.py", "convert_learning_rate", dict(NS))
validators = [function("utils/schemas/validation.py", n, dict(NS))
              for n in ("check_batch_size_fields", "check_gas_bsz", "check_warmup")]
normalize_config = function("utils/config/__init__.py", "normalize_config", NS, cut="base_model_config")
calculate_total_num_steps = function("utils/trainer.py", "calculate_total_num_steps", NS)
configure_warmup = function("core/builders/base.py", "_configure_warmup_and_logging", NS)
configure_scheduler = function("core/builders/base.py", "_configure_scheduler", NS)

DEFAULTS = {"gradient_accumulation_steps": 1, "micro_batch_size": 1, "num_epochs": 1.0, "lr_scheduler": "cosine"}


class Dataset:
    column_names = ["input_ids", "labels"]

    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


def train_rows(cfg, n):
    """The train split's length after axolotl's validation split (sft.py _handle_train_dataset_split: int(v) if
    v > 1 else float(v); shared.py create_train_validation_split calls datasets' Dataset.train_test_split, which is
    not installed here: its sizing is n_test = ceil(test_size * n) for a float, test_size for an int, and
    n_train = n - n_test (datasets/arrow_dataset.py, written here by hand)."""
    if not cfg.val_set_size:
        return n
    v = int(cfg.val_set_size) if cfg.val_set_size > 1 else float(cfg.val_set_size)
    n_test = math.ceil(v * n) if isinstance(v, float) else v
    return n - n_test


def run(text, dataset_size, world):
    data = yaml.safe_load(text)
    for v in validators:
        v(None, data)
    cfg = DictDefault({k: data.get(k, d) if data.get(k) is not None else d for k, d in DEFAULTS.items()})
    cfg.update({k: v for k, v in data.items() if k not in DEFAULTS})
    cfg.learning_rate = convert_learning_rate(None, cfg.learning_rate)
    if cfg.num_epochs is not None:
        cfg.num_epochs = float(cfg.num_epochs)
    os.environ["WORLD_SIZE"] = str(world)
    normalize_config(cfg)
    cfg.total_num_tokens = 1  # calculate_total_num_steps would count the tokens; the non-packed path ignores them
    cfg.total_supervised_tokens = 1
    if cfg.sample_packing:  # a packed run's estimate from measured values (as after a first run): see the case
        cfg.total_num_tokens, cfg.sample_packing_eff_est = 5_000_000, 0.95
    if cfg.streaming or cfg.pretraining_dataset:
        total = cfg.max_steps if cfg.max_steps else -1  # sft.py _prepare_streaming_dataset
    elif cfg.rl:
        total = int(math.ceil(train_rows(cfg, dataset_size) * cfg.num_epochs / cfg.batch_size))  # common/datasets.py
    elif cfg.max_steps:
        total = min(calculate_total_num_steps(cfg, Dataset(train_rows(cfg, dataset_size))), cfg.max_steps)  # sft.py
    else:
        total = calculate_total_num_steps(cfg, Dataset(train_rows(cfg, dataset_size)))
    builder = types.SimpleNamespace(cfg=cfg)
    kwargs = {}
    configure_warmup(builder, total, kwargs)
    configure_scheduler(builder, kwargs)
    max_steps = cfg.max_steps or total or -1  # _set_base_training_args
    args = types.SimpleNamespace(
        learning_rate=cfg.learning_rate, warmup_steps=kwargs["warmup_steps"],
        lr_scheduler_type=kwargs["lr_scheduler_type"], lr_scheduler_kwargs=kwargs["lr_scheduler_kwargs"],
        alternate_lr_scheduler_type=kwargs.get("alternate_lr_scheduler_type"),
        lr_quadratic_warmup=cfg.lr_quadratic_warmup if cfg.lr_quadratic_warmup is not None else False,
        cosine_min_lr_ratio=cfg.cosine_min_lr_ratio, cosine_constant_lr_ratio=cfg.cosine_constant_lr_ratio,
        jagged_restart_steps=None)
    args.get_warmup_steps = types.MethodType(TA.get_warmup_steps, args)
    optimizer = torch.optim.AdamW([torch.nn.Parameter(torch.zeros(1))], lr=args.learning_rate)
    trainer = mixin.SchedulerMixin.__new__(mixin.SchedulerMixin)
    trainer.args, trainer.optimizer, trainer.lr_scheduler = args, optimizer, None
    scheduler = trainer.create_scheduler(max_steps, optimizer)
    lrs = []
    for _ in range(max_steps):
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return lrs


HEAD = "base_model: NousResearch/Llama-3.2-1B\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\n" \
       "sequence_len: 2048\noutput_dir: ./outputs/out\n"
# name: (config after the common head, dataset_size, num_devices)
CASES = {
    "cosine_default_warmup": ("micro_batch_size: 2\ngradient_accumulation_steps: 4\nnum_epochs: 3\n"
                              "learning_rate: 2e-5\n", 1000, 2),
    "cosine_warmup_capped": ("micro_batch_size: 4\ngradient_accumulation_steps: 2\nnum_epochs: 1\n"
                             "learning_rate: 0.0002\n", 30000, 1),
    "linear_warmup_one": ("micro_batch_size: 8\ngradient_accumulation_steps: 1\nnum_epochs: 2\n"
                          "learning_rate: \"1e-4\"\nlr_scheduler: linear\nwarmup_steps: 1\n", 400, 1),
    "min_lr_ratio": ("micro_batch_size: 2\ngradient_accumulation_steps: 8\nnum_epochs: 2\nlearning_rate: 3e-5\n"
                     "warmup_ratio: 0.05\ncosine_min_lr_ratio: 0.1\n", 5000, 4),
    "min_lr_constant": ("micro_batch_size: 4\ngradient_accumulation_steps: 2\nnum_epochs: 1.5\n"
                        "learning_rate: 5e-5\nwarmup_steps: 10\ncosine_min_lr_ratio: 0.2\n"
                        "cosine_constant_lr_ratio: 0.8\n", 1200, 1),
    "constant_inside_warmup": ("micro_batch_size: 1\ngradient_accumulation_steps: 1\nnum_epochs: 1\n"
                               "learning_rate: 1e-5\nwarmup_steps: 30\ncosine_min_lr_ratio: 0.1\n"
                               "cosine_constant_lr_ratio: 0.1\n", 100, 1),
    "quadratic_warmup": ("micro_batch_size: 2\ngradient_accumulation_steps: 2\nnum_epochs: 1\n"
                         "learning_rate: 1e-4\nwarmup_ratio: 0.1\nlr_quadratic_warmup: true\n", 800, 1),
    "rex_min_lr": ("micro_batch_size: 2\ngradient_accumulation_steps: 4\nnum_epochs: 2\nlearning_rate: 2e-4\n"
                   "lr_scheduler: rex\nwarmup_steps: 10\ncosine_min_lr_ratio: 0.05\n", 1000, 1),
    "rex_default": ("micro_batch_size: 4\ngradient_accumulation_steps: 1\nnum_epochs: 1\nlearning_rate: 1e-4\n"
                    "lr_scheduler: rex\n", 2000, 2),
    "one_cycle": ("micro_batch_size: 2\ngradient_accumulation_steps: 4\nnum_epochs: 1\nlearning_rate: 3e-4\n"
                  "lr_scheduler: one_cycle\nwarmup_steps: 20\nlr_scheduler_kwargs:\n  div_factor: 10\n", 1600, 1),
    "max_steps_shorter": ("micro_batch_size: 2\ngradient_accumulation_steps: 4\nnum_epochs: 3\n"
                          "learning_rate: 2e-5\nmax_steps: 120\n", 10000, 1),
    "max_steps_longer": ("micro_batch_size: 2\ngradient_accumulation_steps: 4\nnum_epochs: 1\n"
                         "learning_rate: 2e-5\nmax_steps: 300\nwarmup_ratio: 0.1\n", 800, 1),
    "batch_size_key": ("micro_batch_size: 4\nbatch_size: 10\nnum_epochs: 1\nlearning_rate: 1e-5\n"
                       "lr_scheduler: constant_with_warmup\nwarmup_steps: 5\n", 1000, 3),
    "restarts_kwargs": ("micro_batch_size: 2\ngradient_accumulation_steps: 2\nnum_epochs: 1\nlearning_rate: 1e-4\n"
                        "lr_scheduler: cosine_with_restarts\nlr_scheduler_kwargs:\n  num_cycles: 3\n"
                        "warmup_steps: 10\n", 1200, 1),
    "polynomial_kwargs": ("micro_batch_size: 2\ngradient_accumulation_steps: 1\nnum_epochs: 1\n"
                          "learning_rate: 1e-4\nlr_scheduler: polynomial\nlr_scheduler_kwargs:\n  power: 2.0\n"
                          "  lr_end: 1.0e-6\n", 300, 1),
    "dpo_max_steps": ("rl: dpo\nmicro_batch_size: 2\ngradient_accumulation_steps: 4\nnum_epochs: 1\n"
                      "learning_rate: 5e-7\nmax_steps: 50\nwarmup_ratio: 0.1\n", 1000, 1),
    "inverse_sqrt_kwargs_dropped": ("micro_batch_size: 1\ngradient_accumulation_steps: 4\nnum_epochs: 1\n"
                                    "learning_rate: 1e-3\nlr_scheduler: inverse_sqrt\nwarmup_steps: 20\n"
                                    "lr_scheduler_kwargs:\n  timescale: 5\n", 800, 1),
    "min_lr_ignores_kwargs": ("micro_batch_size: 2\ngradient_accumulation_steps: 2\nnum_epochs: 1\n"
                              "learning_rate: 1e-4\ncosine_min_lr_ratio: 0.1\nlr_scheduler_kwargs:\n"
                              "  num_cycles: 2\n", 1000, 1),
    "warmup_zero_beats_ratio": ("micro_batch_size: 2\ngradient_accumulation_steps: 2\nnum_epochs: 1\n"
                                "learning_rate: 1e-4\nlr_scheduler: linear\nwarmup_steps: 0\nwarmup_ratio: 0.2\n",
                                400, 1),
    "wsd_kwargs": ("micro_batch_size: 4\ngradient_accumulation_steps: 2\nnum_epochs: 2\nlearning_rate: 3e-4\n"
                   "lr_scheduler: warmup_stable_decay\nwarmup_ratio: 0.05\nlr_scheduler_kwargs:\n"
                   "  num_decay_steps: 40\n  min_lr_ratio: 0.1\n", 1600, 1),
    "packed_max_steps": ("sample_packing: true\nmicro_batch_size: 1\ngradient_accumulation_steps: 8\n"
                         "num_epochs: 1\nlearning_rate: 1e-4\nmax_steps: 150\nwarmup_steps: 15\n", None, 1),
    "val_split": ("micro_batch_size: 2\ngradient_accumulation_steps: 4\nnum_epochs: 3\nlearning_rate: 2e-5\n"
                  "val_set_size: 0.05\n", 1053, 2),
    "val_split_count": ("micro_batch_size: 4\ngradient_accumulation_steps: 1\nnum_epochs: 1\nlearning_rate: 1e-4\n"
                        "val_set_size: 200\nwarmup_ratio: 0.1\n", 2000, 1),
    "hf_min_lr_by_name": ("micro_batch_size: 2\ngradient_accumulation_steps: 2\nnum_epochs: 1\n"
                          "learning_rate: 1e-4\nlr_scheduler: cosine_with_min_lr\nlr_scheduler_kwargs:\n"
                          "  min_lr: 1.0e-6\n", 900, 1),
    "quadratic_longer_than_run": ("micro_batch_size: 1\ngradient_accumulation_steps: 1\nnum_epochs: 1\n"
                                  "learning_rate: 1e-4\nwarmup_steps: 300\nlr_quadratic_warmup: true\n", 200, 1),
    "streaming": ("streaming: true\nmicro_batch_size: 4\ngradient_accumulation_steps: 1\nlearning_rate: 1e-4\n"
                  "max_steps: 200\n", None, 1),
}


def self_check():
    """The shims reproduce what axolotl's own tests assert (at the same commit)."""
    # tests/test_schedulers.py, TestCosineConstantLr
    opt = torch.optim.SGD([torch.nn.Parameter(torch.tensor(1.0))], lr=0.01)
    sched = schedulers.get_cosine_schedule_with_warmup_decay_constant(
        opt, num_warmup_steps=10, num_training_steps=1000, min_lr_ratio=0.1, constant_lr_ratio=0.8)
    assert sched.get_last_lr()[0] == 0
    for _ in range(10):
        opt.step()
        sched.step()
    assert sched.get_last_lr()[0] == 0.01
    for _ in range(800):
        opt.step()
        sched.step()
    assert sched.get_last_lr()[0] == 0.01 * 0.1
    for _ in range(200):
        opt.step()
        sched.step()
    assert sched.get_last_lr()[0] == 0.01 * 0.1
    # tests/core/test_builders.py, test_training_arguments with tests/core/conftest.py's base_cfg: build(100)
    cfg = DictDefault(max_steps=100, warmup_steps=10, warmup_ratio=None, lr_scheduler="cosine",
                      lr_scheduler_kwargs={"foo": "bar"})
    kwargs = {}
    configure_warmup(types.SimpleNamespace(cfg=cfg), 100, kwargs)
    configure_scheduler(types.SimpleNamespace(cfg=cfg), kwargs)
    assert kwargs["warmup_steps"] == 10 and kwargs["lr_scheduler_type"] == "cosine"
    assert (cfg.max_steps or 100 or -1) == 100


def main():
    self_check()
    os.makedirs(OUT, exist_ok=True)
    for name, (body, dataset_size, world) in CASES.items():
        text = HEAD + body
        lrs = run(text, dataset_size, world)
        with open(os.path.join(OUT, name + ".yaml"), "w", encoding="utf-8") as f:
            f.write(text)
        with open(os.path.join(OUT, name + ".run"), "w", encoding="utf-8") as f:
            if dataset_size is not None:
                f.write("dataset_size=%d\n" % dataset_size)
            if world != 1:
                f.write("num_devices=%d\n" % world)
        with open(os.path.join(OUT, name + ".csv"), "w", encoding="utf-8") as f:
            f.write("step,lr\n")
            for s, lr in enumerate(lrs):
                f.write("%d,%r\n" % (s, lr))
        print(name, len(lrs), "rows")


if __name__ == "__main__":
    main()
