#!/usr/bin/python3
"""Golden data for lrsched's paddledet.LearningRate type and its paddledet config format, made by PaddleDetection's
own code.

PaddleDetection and Paddle are not installable here (no PyPI), so their modules are used unchanged from a scratch
folder outside the repository, the first argument (default /tmp/scratch-paddledet), holding

  python/paddle/optimizer/lr.py        PaddlePaddle/Paddle python/paddle/optimizer/lr.py
                                       at 00816fcb21ade6ad4425774b0e989c8098c6d324 (129,007 characters)
  ppdet/optimizer/optimizer.py         PaddlePaddle/PaddleDetection at 666f597fd00d3157e84dd9fb2dd3f40bf9918ebc
                                       (last changed in 3a9f3ded0c135ba933818e12bb86840fdc18e387; 12,513 bytes)
  ppdet/core/workspace.py              same commit (last changed in 2685fb569bc40f8ef80002ab919ac4eac9f6a096)
  ppdet/core/config/schema.py          same commit
  ppdet/core/config/yaml_helpers.py    same commit (last changed in d77c236f9b23db31871670285453c86733b17d81)

Paddle's lr.py is loaded by paddle_schedules.load() (imported from beside this file; its shims are described there).
The four PaddleDetection modules are loaded as the packages ppdet.core, ppdet.core.config and ppdet.optimizer (their
__init__.py files are not used: they only import the modules); the shims are paddle.nn and paddle.regularizer
(empty modules), ppdet.optimizer.adamw (AdamWDL and build_adamwdl stubs, never called) and ppdet.utils.logger
(setup_logger returning the logging module's logger). No arithmetic is touched: the scheduler classes, register,
serializable (the !Tag YAML constructors), load_config with its _BASE_ merge and create('LearningRate') are
PaddleDetection's own.

Calling convention, as ppdet/engine/trainer.py trains: self.lr = create('LearningRate')(steps_per_epoch) with
steps_per_epoch = len(self.loader), and self.lr.step() after each optimizer.step(); row s is the scheduler's value
after s calls of step(), the rate of update s (0-based).

Class cases: paddledet.LearningRate(base_lr, schedulers as PaddleDetection's dict form {name: Class, ...})
(step_per_epoch) -> CASE.yaml + CASE.csv (or CASE.error), in src/test/resources/golden/paddledet.
Config cases: each config below (with its _BASE_ files) is written to src/test/resources/golden/configs/paddledet/,
loaded with workspace.load_config (PyYAML, yaml.Loader, the classes' tag constructors), len(self.loader) is Paddle's
DistributedBatchSampler length (paddle_schedules.sampler_len, PaddleDetection's TrainReader batches with it:
ppdet/data/reader.py BaseDataLoader) and the rows run for `epoch` epochs: CASE.csv, or CASE.error with the refusal.

Run: /usr/bin/python3 src/tools/golden/paddledet_schedules.py /tmp/scratch-paddledet
"""
import glob
import importlib.util
import logging
import os
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import paddle_schedules  # noqa: E402  (loads Paddle's lr.py from sys.argv[1] with its shims)
from paddle_schedules import clean, load_file, module, write_rows  # noqa: E402

OUT = os.path.normpath(os.path.join(HERE, "..", "..", "test", "resources", "golden", "paddledet"))
CONFIGS = os.path.normpath(os.path.join(HERE, "..", "..", "test", "resources", "golden", "configs", "paddledet"))
SCRATCH = sys.argv[1] if len(sys.argv) > 1 else "/tmp/scratch-paddledet"
SOURCE = ("PaddlePaddle/PaddleDetection ppdet/optimizer/optimizer.py, ppdet/core/workspace.py @"
          "666f597fd00d3157e84dd9fb2dd3f40bf9918ebc; on " + paddle_schedules.SOURCE)


def package(name, folder):
    m = module(name)
    m.__path__ = [folder]
    return m


def load_ppdet():
    """Fresh ppdet modules (workspace's global_config starts empty): returns (workspace, optimizer)."""
    for k in [k for k in sys.modules if k == "ppdet" or k.startswith("ppdet.")]:
        del sys.modules[k]
    paddle = sys.modules["paddle"]
    paddle.optimizer = sys.modules["paddle.optimizer"]
    paddle.optimizer.lr = paddle_schedules.LR
    paddle.nn = module("paddle.nn")
    paddle.regularizer = module("paddle.regularizer")
    root = os.path.join(SCRATCH, "ppdet")
    package("ppdet", root)
    package("ppdet.core", os.path.join(root, "core"))
    package("ppdet.core.config", os.path.join(root, "core", "config"))
    package("ppdet.optimizer", os.path.join(root, "optimizer"))
    package("ppdet.utils", os.path.join(root, "utils"))
    module("ppdet.utils.logger", setup_logger=lambda name: logging.getLogger(name))
    module("ppdet.optimizer.adamw", AdamWDL=None, build_adamwdl=None)
    load_file("ppdet.core.config.schema", os.path.join(root, "core", "config", "schema.py"))
    load_file("ppdet.core.config.yaml_helpers", os.path.join(root, "core", "config", "yaml_helpers.py"))
    workspace = load_file("ppdet.core.workspace", os.path.join(root, "core", "workspace.py"))
    optimizer = load_file("ppdet.optimizer.optimizer", os.path.join(root, "optimizer", "optimizer.py"))
    return workspace, optimizer


WORKSPACE, OPTIMIZER = load_ppdet()

CASES = []


def case(name, note, steps, **kwargs):
    CASES.append((name, note, steps, kwargs, None))


def refused(name, note, param, **kwargs):
    CASES.append((name, note, 0, kwargs, param))


def lw(**k):
    return dict(name="LinearWarmup", **k)


# PiecewiseDecay and the warmups
case("defaults", "LearningRate() defaults: base_lr 0.01, PiecewiseDecay(gamma [0.1, 0.01], milestones [8, 11]) and "
     "LinearWarmup(steps 500, start_factor 1/3); 500 warmup steps pass milestones 16 and 22, so after the warmup "
     "the scan finds no boundary left and takes the last value", 520, step_per_epoch=2)
case("piecewise_yolov3", "yolov3 optimizer_270e: gamma 0.1 (a float: 0.1, 0.01), milestones [216, 243], "
     "LinearWarmup start_factor 0 over 40 steps; milestones in iterations, not shifted by the warmup", 280,
     base_lr=0.001, step_per_epoch=1,
     schedulers=[dict(name="PiecewiseDecay", gamma=0.1, milestones=[216, 243]), lw(start_factor=0.0, steps=40)])
case("piecewise_gamma_list", "gamma as a list: base_lr * each; three milestones", 70, base_lr=0.02,
     step_per_epoch=5, schedulers=[dict(name="PiecewiseDecay", gamma=[0.5, 0.25, 0.125], milestones=[3, 6, 9]),
                                   lw(steps=4)])
case("piecewise_gamma_float_three", "gamma 0.2 with three milestones: 0.2 / 10**i", 60, base_lr=0.1,
     step_per_epoch=4, schedulers=[dict(name="PiecewiseDecay", gamma=0.2, milestones=[4, 8, 12]), lw(steps=3)])
case("piecewise_no_warmup", "use_warmup false: base_lr until the first milestone; schedulers[1] unused", 40,
     base_lr=0.01, step_per_epoch=3, schedulers=[dict(name="PiecewiseDecay", milestones=[4, 9], use_warmup=False)])
case("piecewise_values", "use_warmup false with values: the values as written", 40, base_lr=0.5, step_per_epoch=3,
     schedulers=[dict(name="PiecewiseDecay", milestones=[4, 9], values=[0.3, 0.03, 0.003], use_warmup=False)])
case("piecewise_warmup_epochs", "LinearWarmup epochs 2 wins over steps 999 (epochs_first)", 50, base_lr=0.04,
     step_per_epoch=6, schedulers=[dict(name="PiecewiseDecay", milestones=[5, 7]),
                                   lw(steps=999, epochs=2, start_factor=0.1)])
case("piecewise_warmup_steps_first", "epochs_first false: steps, not epochs", 50, base_lr=0.04, step_per_epoch=6,
     schedulers=[dict(name="PiecewiseDecay", milestones=[5, 7]), lw(steps=9, epochs=2, epochs_first=False)])
case("piecewise_warmup_zero_steps", "LinearWarmup steps 0 becomes 1 (max(steps, 1))", 20, base_lr=0.01,
     step_per_epoch=2, schedulers=[dict(name="PiecewiseDecay", milestones=[3, 6]), lw(steps=0)])
case("piecewise_exp_warmup", "ExpWarmup defaults (steps 1000 too long here: given 20; power 2)", 60, base_lr=0.01,
     step_per_epoch=4, schedulers=[dict(name="PiecewiseDecay", milestones=[8, 12]),
                                   dict(name="ExpWarmup", steps=20)])
case("piecewise_exp_warmup_epochs_power", "ExpWarmup epochs 3, power 3", 60, base_lr=0.01, step_per_epoch=4,
     schedulers=[dict(name="PiecewiseDecay", milestones=[8, 12]), dict(name="ExpWarmup", epochs=3, power=3)])
# CosineDecay
case("cosine_ppyoloe", "PP-YOLOE: CosineDecay max_epochs 12, LinearWarmup start_factor 0, epochs 2; the warmup's "
     "last value is skipped (boundary W twice) and the cosine counts from the warmup's end", 130, base_lr=0.01,
     step_per_epoch=10, schedulers=[dict(name="CosineDecay", max_epochs=12), lw(start_factor=0.0, epochs=2)])
case("cosine_min_lr_plateau", "CosineDecay min_lr_ratio 0.1 and last_plateau_epochs 2 with warmup", 110,
     base_lr=0.02, step_per_epoch=8,
     schedulers=[dict(name="CosineDecay", max_epochs=12, min_lr_ratio=0.1, last_plateau_epochs=2), lw(steps=15)])
case("cosine_no_warmup", "use_warmup false, no plateau: Paddle's CosineAnnealingDecay(base_lr, T_max=max_iters, "
     "eta_min=min_lr), its recursion, past T_max", 75, base_lr=0.01, step_per_epoch=5,
     schedulers=[dict(name="CosineDecay", max_epochs=12, use_warmup=False, min_lr_ratio=0.05)])
case("cosine_no_warmup_plateau", "use_warmup false with last_plateau_epochs: PiecewiseDecay over every "
     "iteration, the cosine reaching min_lr at max_iters - plateau", 60, base_lr=0.01, step_per_epoch=4,
     schedulers=[dict(name="CosineDecay", max_epochs=12, use_warmup=False, last_plateau_epochs=3,
                      min_lr_ratio=0.2)])
case("cosine_warmup_past_end", "warmup 30 steps >= max_iters 24: only the warmup, then base_lr", 40, base_lr=0.01,
     step_per_epoch=2, schedulers=[dict(name="CosineDecay", max_epochs=12), lw(steps=30)])
case("cosine_warmup_fills_plateau", "max_iters - warmup - plateau = 0: min_lr right after the warmup", 40,
     base_lr=0.01, step_per_epoch=2,
     schedulers=[dict(name="CosineDecay", max_epochs=12, last_plateau_epochs=2, min_lr_ratio=0.5), lw(steps=20)])
case("cosine_exp_warmup", "CosineDecay with ExpWarmup power 0.5", 70, base_lr=0.003, step_per_epoch=5,
     schedulers=[dict(name="CosineDecay", max_epochs=12), dict(name="ExpWarmup", steps=9, power=0.5)])
case("cosine_default_max_epochs", "CosineDecay's default max_epochs 1000 (one iteration an epoch here)", 1010,
     base_lr=0.01, step_per_epoch=1, schedulers=[dict(name="CosineDecay"), lw(steps=10)])
# refusals
refused("bad_one_scheduler", "one scheduler whose use_warmup is true: schedulers[1] is missing", "schedulers",
        base_lr=0.01, step_per_epoch=2, schedulers=[dict(name="CosineDecay", max_epochs=12)])
refused("bad_unknown_class", "a class optimizer.py does not have", "schedulers", base_lr=0.01, step_per_epoch=2,
        schedulers=[dict(name="CosineAnnealing", max_epochs=12), lw()])
refused("bad_piecewise_values_warmup", "values with the warmup: PiecewiseDecay gets the warmup's boundaries and too "
        "few values", "schedulers", base_lr=0.01, step_per_epoch=2,
        schedulers=[dict(name="PiecewiseDecay", milestones=[4, 9], values=[0.3, 0.03, 0.003]), lw(steps=5)])
refused("bad_piecewise_values_count", "values not one more than milestones (assert)", "schedulers", base_lr=0.01,
        step_per_epoch=2, schedulers=[dict(name="PiecewiseDecay", milestones=[4, 9], values=[0.3, 0.03],
                                           use_warmup=False)])
refused("bad_piecewise_no_milestones", "no milestones without warmup: Paddle's PiecewiseDecay has no boundaries",
        "schedulers", base_lr=0.01, step_per_epoch=2,
        schedulers=[dict(name="PiecewiseDecay", milestones=[], use_warmup=False)])
refused("bad_piecewise_short_gamma", "a gamma list shorter than milestones: too few values", "schedulers",
        base_lr=0.01, step_per_epoch=2, schedulers=[dict(name="PiecewiseDecay", gamma=[0.1], milestones=[4, 9]),
                                                    lw(steps=3)])
refused("bad_cosine_no_warmup_zero", "use_warmup false, max_epochs 0: CosineAnnealingDecay's T_max 0", "schedulers",
        base_lr=0.01, step_per_epoch=2, schedulers=[dict(name="CosineDecay", max_epochs=0, use_warmup=False)])
refused("bad_warmup_key", "a key LinearWarmup does not take", "schedulers", base_lr=0.01, step_per_epoch=2,
        schedulers=[dict(name="CosineDecay", max_epochs=12), lw(warmup_steps=3)])


def build(kwargs):
    kwargs = dict(kwargs)
    spe = kwargs.pop("step_per_epoch")
    if "schedulers" in kwargs:
        kwargs["schedulers"] = [dict(s) for s in kwargs["schedulers"]]
    return OPTIMIZER.LearningRate(**kwargs)(spe)


def value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join("%s: %s" % (k, value(x)) for k, x in v.items()) + "}"
    if isinstance(v, float):
        return repr(v)
    return str(v)


def write_class_cases():
    clean(OUT, (".yaml", ".yml", ".csv", ".error", ".run", ".raises"), recursive=True)
    with open(os.path.join(OUT, "README.md"), "w") as f:
        f.write("# PaddleDetection golden cases\n\nMade by src/tools/golden/paddledet_schedules.py from " + SOURCE
                + ", row s = the scheduler after s calls of step(). One case per line: name, what it shows.\n\n")
        for name, note, *_ in CASES:
            f.write("- " + name + ": " + note + "\n")
    for name, note, steps, kwargs, param in CASES:
        lines = ["# generated by src/tools/golden/paddledet_schedules.py from PaddleDetection's own code:",
                 "# " + SOURCE, "# " + note]
        if steps:
            lines.append("steps: %d" % steps)
        lines += ["schedules:", "  - name: " + name, "    type: paddledet.LearningRate"]
        for k, v in kwargs.items():
            lines.append("    %s: %s" % (k, value(v)))
        with open(os.path.join(OUT, name + ".yaml"), "w") as f:
            f.write("\n".join(lines) + "\n")
        if param is not None:
            try:
                build(kwargs)
            except Exception as e:
                with open(os.path.join(OUT, name + ".error"), "w") as f:
                    f.write("param: %s\nmessage: %s: %s\n" % (param, type(e).__name__, e))
                print(name, "refused:", type(e).__name__, e)
                continue
            raise AssertionError(name + " was not refused")
        rows, raised = paddle_schedules.stepped_rows(build(kwargs), steps)
        assert raised is None, name
        write_rows(os.path.join(OUT, name + ".csv"), name, rows)
        print(name, len(rows), "rows")


# config cases: name -> (note, --run facts, {relative path: text}); the first file is the config
OPT_80E = """\
epoch: 80

LearningRate:
  base_lr: 0.001
  schedulers:
    - name: CosineDecay
      max_epochs: 96
    - name: LinearWarmup
      start_factor: 0.
      epochs: 5

OptimizerBuilder:
  optimizer:
    momentum: 0.9
    type: Momentum
  regularizer:
    factor: 0.0005
    type: L2
"""
READER = """\
worker_num: 4
TrainReader:
  sample_transforms:
    - Decode: {}
    - RandomFlip: {}
  batch_transforms:
    - Permute: {}
  batch_size: 8
  shuffle: true
  drop_last: true
"""
OPT_270E = """\
epoch: 270

LearningRate:
  base_lr: 0.001
  schedulers:
  - !PiecewiseDecay
    gamma: 0.1
    milestones:
    - 216
    - 243
  - !LinearWarmup
    start_factor: 0.
    steps: 4000

OptimizerBuilder:
  optimizer:
    momentum: 0.9
    type: Momentum
  regularizer:
    factor: 0.0005
    type: L2
"""
CONFIG_CASES = [
    ("ppyoloe_plus_80e", "PP-YOLOE+ 80e: _BASE_ optimizer (name: dicts, max_epochs 96 > epoch 80) and reader",
     {"dataset_size": 1000, "num_devices": 2},
     {"ppyoloe_plus_80e.yaml": "_BASE_: [\n  './_base_/optimizer_80e.yml',\n  './_base_/reader.yml',\n]\n"
                              "log_iter: 100\nsnapshot_epoch: 5\n",
      "_base_/optimizer_80e.yml": OPT_80E, "_base_/reader.yml": READER}),
    ("yolov3_270e_override", "yolov3: tagged !PiecewiseDecay / !LinearWarmup from _BASE_, the config overrides "
     "base_lr and epoch (nested merge keeps schedulers) and TrainReader.batch_size; the last batch kept",
     {"dataset_size": 500},
     {"yolov3_270e_override.yaml": "_BASE_: [\n  './_base_/optimizer_270e.yml',\n  './_base_/reader.yml',\n]\n"
                                  "epoch: 30\nLearningRate:\n  base_lr: 0.002\nTrainReader:\n  batch_size: 16\n"
                                  "  drop_last: false\n",
      "_base_/optimizer_270e.yml": OPT_270E.replace("216", "20").replace("243", "25").replace("4000", "50"),
      "_base_/reader.yml": READER}),
    ("later_base_wins", "two _BASE_ files set LearningRate: the later one's keys win, merged into the earlier's",
     {"batches_per_epoch": 6},
     {"later_base_wins.yaml": "_BASE_: ['_base_/a.yml', '_base_/b.yml']\nepoch: 12\n",
      "_base_/a.yml": "LearningRate:\n  base_lr: 0.1\n  schedulers:\n  - !CosineDecay {max_epochs: 12}\n"
                      "  - !LinearWarmup {start_factor: 0.1, steps: 10}\n",
      "_base_/b.yml": "LearningRate:\n  base_lr: 0.05\n"}),
    ("default_schedulers", "no schedulers: LearningRate's default [PiecewiseDecay(), LinearWarmup()], no TrainReader "
     "batch_size: its default 1", {"dataset_size": 30},
     {"default_schedulers.yaml": "epoch: 14\nLearningRate:\n  base_lr: 0.01\nTrainReader:\n  drop_last: false\n"}),
]
CONFIG_ERRORS = [
    ("bad_string_base_lr", "base_lr: 1e-3 is the text '1e-3' for PyYAML", {"batches_per_epoch": 5},
     {"bad_string_base_lr.yaml": "epoch: 3\nLearningRate:\n  base_lr: 1e-3\n  schedulers:\n"
                                "  - !CosineDecay {max_epochs: 3}\n  - !LinearWarmup {steps: 2}\n"}),
]


def run_config(path, facts):
    workspace, _ = load_ppdet()
    cfg = workspace.load_config(path)
    if "batches_per_epoch" in facts:
        steps_per_epoch = facts["batches_per_epoch"]
    else:
        reader = cfg.get("TrainReader", {})
        steps_per_epoch = paddle_schedules.sampler_len(facts["dataset_size"], reader.get("batch_size", 1),
                                      reader.get("drop_last", True), facts.get("num_devices", 1))
    lr = workspace.create("LearningRate")(steps_per_epoch)
    rows, raised = paddle_schedules.stepped_rows(lr, cfg.epoch * steps_per_epoch)
    assert raised is None
    return rows


def write_config_cases():
    clean(CONFIGS, (".yaml", ".yml", ".csv", ".error", ".run", ".raises"), recursive=True)
    for name, note, facts, files in CONFIG_CASES + CONFIG_ERRORS:
        for i, (rel, text) in enumerate(files.items()):
            path = os.path.join(CONFIGS, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if os.path.exists(path) and open(path).read() != "# generated by src/tools/golden/paddledet_schedules.py\n" + text:
                raise AssertionError(rel + " written twice with different text")
            with open(path, "w") as f:
                f.write("# generated by src/tools/golden/paddledet_schedules.py\n" + text)
        with open(os.path.join(CONFIGS, name + ".run"), "w") as f:
            f.write("# " + note + "\nrun: " + ",".join("%s=%d" % kv for kv in facts.items()) + "\n")
    for name, note, facts, files in CONFIG_CASES:
        rows = run_config(os.path.join(CONFIGS, next(iter(files))), facts)
        write_rows(os.path.join(CONFIGS, name + ".csv"), "lr", rows)
        print("config", name, len(rows), "rows")
    for name, note, facts, files in CONFIG_ERRORS:
        try:
            run_config(os.path.join(CONFIGS, next(iter(files))), facts)
        except Exception as e:
            with open(os.path.join(CONFIGS, name + ".error"), "w") as f:
                f.write("message: %s: %s\n" % (type(e).__name__, e))
            print("config", name, "refused:", type(e).__name__, e)
            continue
        raise AssertionError(name + " was not refused")


write_class_cases()
write_config_cases()
