#!/usr/bin/python3
"""Golden data for lrsched's paddleocr.* types and its paddleocr config format, made by PaddleOCR's own code.

PaddleOCR and Paddle are not installable here (no PyPI), so their modules are used unchanged from a scratch folder
outside the repository, the first argument (default /tmp/scratch-paddleocr), holding

  python/paddle/optimizer/lr.py     PaddlePaddle/Paddle python/paddle/optimizer/lr.py
                                    at 00816fcb21ade6ad4425774b0e989c8098c6d324 (129,007 characters)
  ppocr/optimizer/__init__.py       PaddlePaddle/PaddleOCR ppocr/optimizer/__init__.py
                                    at 0deebdf86c4b1dda8cba6383a66bd547f2d59140 (2,219 characters; build_lr_scheduler)
  ppocr/optimizer/learning_rate.py  PaddlePaddle/PaddleOCR ppocr/optimizer/learning_rate.py
                                    at 045e5f6ac7f8d932767e14c497c3bacf94af9d54 (15,406 characters)
  ppocr/optimizer/lr_scheduler.py   PaddlePaddle/PaddleOCR ppocr/optimizer/lr_scheduler.py
                                    at f773f2c9b5e4065058067873d116d9c6c2d1e617 (9,015 characters)

Paddle's lr.py is loaded by paddle_schedules.load() (imported from beside this file; its shims are described there),
and the cases are written by paddle_schedules.write_cases().
The three PaddleOCR modules are loaded as the package ppocr.optimizer; their only import beyond lr.py is `paddle`
(the same shim module; build_optimizer, which uses paddle.nn, is never called).

Calling convention, as PaddleOCR's tools/program.py trains: build_lr_scheduler(lr_config, epochs, step_each_epoch)
returns a scheduler (or a float, which is never stepped); row s is scheduler() after s calls of scheduler.step(),
the rate of update s (0-based). A step that raises ends the case (CASE.raises names the first row that cannot be
computed); a class that refuses its arguments gives CASE.error (param: the parameter lrsched blames, message:
"ExceptionType: the message").

Config cases: each PaddleOCR YAML below is written to src/test/resources/golden/configs/paddleocr/CASE.yaml, read
back with PyYAML as tools/program.py load_config reads it (yaml.load(..., Loader=yaml.Loader)), and its
step_each_epoch is len(train_dataloader): PaddleOCR's build_dataloader (ppocr/data/__init__.py) batches the Train
set with DistributedBatchSampler(batch_size=batch_size_per_card, drop_last=drop_last), whose __len__
(PaddlePaddle/Paddle python/paddle/io/dataloader/batch_sampler.py at 01fbd77c319d09de4211282672149f2d8e0b18ac) is
computed by paddle_schedules.sampler_len() with the same expressions. CASE.run holds the --run facts, CASE.csv every update of
the run (Global.epoch_num epochs), CASE.error PaddleOCR's refusal.

Run: /usr/bin/python3 src/tools/golden/paddleocr_schedules.py /tmp/scratch-paddleocr
"""
import copy
import glob
import importlib.util
import math
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import paddle_schedules  # noqa: E402  (loads Paddle's lr.py from sys.argv[1] with its shims)
from paddle_schedules import clean, write_rows  # noqa: E402

OUT = os.path.normpath(os.path.join(HERE, "..", "..", "test", "resources", "golden", "paddleocr"))
CONFIGS = os.path.normpath(os.path.join(HERE, "..", "..", "test", "resources", "golden", "configs", "paddleocr"))
SCRATCH = sys.argv[1] if len(sys.argv) > 1 else "/tmp/scratch-paddleocr"
SOURCE = ("PaddlePaddle/PaddleOCR ppocr/optimizer/learning_rate.py@045e5f6ac7f8d932767e14c497c3bacf94af9d54, "
          "lr_scheduler.py@f773f2c9b5e4065058067873d116d9c6c2d1e617, __init__.py@0deebdf86c4b1dda8cba6383a66bd547f2d59140; "
          "on " + paddle_schedules.SOURCE)


def load_ppocr():
    sys.modules["paddle.optimizer"].lr = paddle_schedules.LR
    root = importlib.util.module_from_spec(importlib.machinery.ModuleSpec("ppocr", None, is_package=True))
    root.__path__ = []
    sys.modules["ppocr"] = root
    folder = os.path.join(SCRATCH, "ppocr", "optimizer")
    spec = importlib.util.spec_from_file_location("ppocr.optimizer", os.path.join(folder, "__init__.py"),
                                                  submodule_search_locations=[folder])
    mod = importlib.util.module_from_spec(spec)
    sys.modules["ppocr.optimizer"] = mod
    spec.loader.exec_module(mod)
    from ppocr.optimizer import learning_rate, lr_scheduler
    return mod, learning_rate, lr_scheduler


OPTIMIZER, LEARNING_RATE, LR_SCHEDULER = load_ppocr()


CASES = []


def case(name, note, cls, steps, **kwargs):
    CASES.append((name, note, cls, steps, kwargs, None))


def refused(name, note, cls, param, **kwargs):
    CASES.append((name, note, cls, 0, kwargs, param))


# each class, its defaults and its quirks
case("cosine", "Cosine without warmup: Paddle's CosineAnnealingDecay recursion over epochs * step_each_epoch",
     "Cosine", 61, learning_rate=0.001, epochs=6, step_each_epoch=10)
case("cosine_warmup", "Cosine with warmup_epoch 2: LinearWarmup from 0 to learning_rate, then the closed-form "
     "cosine counted from the warmup's end", "Cosine", 80, learning_rate=0.001, epochs=6, step_each_epoch=10,
     warmup_epoch=2)
case("cosine_warmup_half_even", "warmup_epoch 0.5 * step_each_epoch 5 = 2.5 rounds to 2 (half to even)", "Cosine", 30,
     learning_rate=0.01, epochs=5, step_each_epoch=5, warmup_epoch=0.5)
case("cosine_warmup_half_even_up", "warmup_epoch 0.5 * step_each_epoch 7 = 3.5 rounds to 4 (half to even)",
     "Cosine", 30, learning_rate=0.01, epochs=4, step_each_epoch=7, warmup_epoch=0.5)
case("cosine_warmup_rounds_to_zero", "warmup_epoch 0.1 * 4 = 0.4 rounds to 0: no warmup at all", "Cosine", 20,
     learning_rate=0.01, epochs=5, step_each_epoch=4, warmup_epoch=0.1)
case("linear", "Linear defaults: PolynomialDecay to end_lr 0.0 (not the docstring's 0.0001)", "Linear", 45,
     learning_rate=0.1, epochs=4, step_each_epoch=10)
case("linear_power_warmup", "Linear power 2, end_lr, warmup_epoch 1", "Linear", 60, learning_rate=0.1, epochs=4,
     step_each_epoch=10, end_lr=0.001, power=2.0, warmup_epoch=1)
case("step", "Step: StepDecay every step_size epochs", "Step", 50, learning_rate=0.1, step_size=2,
     step_each_epoch=8, gamma=0.5)
case("step_warmup", "Step with warmup: the decays count from the warmup's end", "Step", 50, learning_rate=0.1,
     step_size=2, step_each_epoch=8, gamma=0.5, warmup_epoch=1)
case("piecewise", "Piecewise: boundaries at decay_epochs * step_each_epoch", "Piecewise", 40, step_each_epoch=6,
     decay_epochs=[2, 5], values=[0.01, 0.001, 0.0001])
case("piecewise_warmup", "Piecewise warmup ends at values[0]; boundaries count from the warmup's end", "Piecewise",
     50, step_each_epoch=6, decay_epochs=[2, 5], values=[0.01, 0.001, 0.0001], warmup_epoch=1.5)
case("cyclical_cosine", "CyclicalCosine: cosine restarting every round(cycle * step_each_epoch) iterations",
     "CyclicalCosine", 60, learning_rate=0.001, step_each_epoch=4, epochs=15, cycle=2.5)
case("cyclical_cosine_warmup", "CyclicalCosine with warmup", "CyclicalCosine", 60, learning_rate=0.001,
     step_each_epoch=4, epochs=15, cycle=3, warmup_epoch=1)
case("onecycle", "OneCycle defaults: cos, two phases, pct_start 0.3; row epochs * n is the last", "OneCycle", 41,
     max_lr=0.01, epochs=4, step_each_epoch=10)
case("onecycle_three_linear", "OneCycle three_phase linear", "OneCycle", 51, max_lr=0.01, epochs=5,
     step_each_epoch=10, anneal_strategy="linear", three_phase=True)
case("onecycle_warmup_raises", "OneCycle with warmup: the inner OneCycleDecay passes its total steps and raises",
     "OneCycle", 60, max_lr=0.01, epochs=4, step_each_epoch=10, warmup_epoch=1)
case("const", "Const without warmup: a float, never stepped", "Const", 10, learning_rate=0.0005, step_each_epoch=10)
case("const_warmup", "Const with warmup: LinearWarmup around the number", "Const", 30, learning_rate=0.0005,
     step_each_epoch=10, warmup_epoch=1.5)
case("decay_learning_rate", "DecayLearningRate: PolynomialDecay power factor 0.9 to 0", "DecayLearningRate", 45,
     learning_rate=0.007, step_each_epoch=10, epochs=4)
case("decay_learning_rate_end_lr", "DecayLearningRate ignores end_lr (self.end_lr = 0)", "DecayLearningRate", 45,
     learning_rate=0.007, step_each_epoch=10, epochs=4, factor=2.0, end_lr=0.001)
case("multistep", "MultiStepDecay at milestone epochs", "MultiStepDecay", 60, learning_rate=0.1,
     milestones=[2, 4], step_each_epoch=10, gamma=0.1)
case("multistep_warmup", "MultiStepDecay with warmup_epoch 0.5", "MultiStepDecay", 60, learning_rate=0.1,
     milestones=[2, 4], step_each_epoch=10, gamma=0.2, warmup_epoch=0.5)
case("two_step_cosine", "TwoStepCosine: T_max1 is 200 epochs, whatever epochs is", "TwoStepCosine", 120,
     learning_rate=0.001, step_each_epoch=3, epochs=20)
case("two_step_cosine_warmup", "TwoStepCosine with warmup: the closed form", "TwoStepCosine", 120,
     learning_rate=0.001, step_each_epoch=3, epochs=20, warmup_epoch=2)
# the LRScheduler subclasses themselves
case("cyclical_cosine_decay_eta_min", "CyclicalCosineDecay with eta_min", "CyclicalCosineDecay", 30,
     learning_rate=0.1, T_max=100, cycle=7, eta_min=0.01)
case("cyclical_cosine_decay_zero_cycle", "CyclicalCosineDecay cycle 0: ZeroDivisionError at row 1",
     "CyclicalCosineDecay", 5, learning_rate=0.1, T_max=100, cycle=0)
case("onecycle_decay", "OneCycleDecay with its own pct_start, div_factor and final_div_factor", "OneCycleDecay", 31,
     max_lr=0.5, epochs=3, steps_per_epoch=10, pct_start=0.25, div_factor=10.0, final_div_factor=100.0)
case("onecycle_decay_three_cos", "OneCycleDecay three_phase cos with fractional phase ends", "OneCycleDecay", 38,
     max_lr=0.05, epochs=1, steps_per_epoch=37, three_phase=True)
case("two_step_cosine_decay", "TwoStepCosineDecay past T_max1: the recursion goes on from the first cosine's end",
     "TwoStepCosineDecay", 80, learning_rate=0.1, T_max1=20, T_max2=15)
case("two_step_cosine_decay_eta_min", "TwoStepCosineDecay with eta_min, past T_max1 and past T_max2's rises",
     "TwoStepCosineDecay", 120, learning_rate=0.1, T_max1=10, T_max2=25, eta_min=0.001)
# refusals, as the classes (and the Paddle schedulers they build) raise them
refused("bad_cosine_epochs", "Cosine with 0 epochs: CosineAnnealingDecay's T_max 0", "Cosine", "T_max",
        learning_rate=0.001, epochs=0, step_each_epoch=10)
refused("bad_step_gamma", "Step gamma >= 1 (StepDecay)", "Step", "gamma", learning_rate=0.1, step_size=2,
        step_each_epoch=8, gamma=1.0)
refused("bad_piecewise_values", "Piecewise with too few values", "Piecewise", "values", step_each_epoch=6,
        decay_epochs=[2, 5], values=[0.01, 0.001])
refused("bad_piecewise_warmup_zero", "Piecewise warmup to values[0] = 0: LinearWarmup's end_lr <= start_lr",
        "Piecewise", "end_lr", step_each_epoch=6, decay_epochs=[2], values=[0.0, 0.001], warmup_epoch=1)
refused("bad_linear_lr", "Linear with a negative learning_rate", "Linear", "learning_rate", learning_rate=-0.1,
        epochs=4, step_each_epoch=10)
refused("bad_multistep_order", "MultiStepDecay milestones not increasing", "MultiStepDecay", "milestones",
        learning_rate=0.1, milestones=[4, 2], step_each_epoch=10, gamma=0.1)
refused("bad_onecycle_anneal", "OneCycle unknown anneal_strategy", "OneCycle", "anneal_strategy", max_lr=0.01,
        epochs=4, step_each_epoch=10, anneal_strategy="cosine")
refused("bad_onecycle_epochs", "OneCycle with 0 epochs", "OneCycle", "epochs", max_lr=0.01, epochs=0,
        step_each_epoch=10)
refused("bad_onecycle_decay_pct", "OneCycleDecay pct_start > 1", "OneCycleDecay", "pct_start", max_lr=0.01,
        epochs=4, steps_per_epoch=10, pct_start=1.5)
refused("bad_two_step_t_max2", "TwoStepCosineDecay T_max2 0 (the message names T_max1)", "TwoStepCosineDecay",
        "T_max2", learning_rate=0.1, T_max1=10, T_max2=0)

SUBCLASSES = ("CyclicalCosineDecay", "OneCycleDecay", "TwoStepCosineDecay")


def build(cls, kwargs):
    if cls in SUBCLASSES:
        return getattr(LR_SCHEDULER, cls)(**kwargs)
    return getattr(LEARNING_RATE, cls)(**kwargs)()


def rows_of(sch, steps):
    """The rows, and the first row that raised (or None)."""
    if isinstance(sch, (float, int)):  # a number: the train loop never steps it
        return [float(sch)] * steps, None
    return paddle_schedules.stepped_rows(sch, steps)


# PaddleOCR training configs: name -> (note, --run facts, the YAML text)
DET = """\
Global:
  use_gpu: true
  epoch_num: %(epochs)s
  log_smooth_window: 20
  print_batch_step: 10
  save_model_dir: ./output/db_mv3/
  save_epoch_step: 1200
  eval_batch_step: [0, 2000]
  cal_metric_during_train: false
Architecture:
  model_type: det
  algorithm: DB
Optimizer:
  name: Adam
  beta1: 0.9
  beta2: 0.999
  lr:
%(lr)s
  regularizer:
    name: L2
    factor: 0
Train:
  dataset:
    name: SimpleDataSet
    data_dir: ./train_data/icdar2015/text_localization/
    label_file_list:
      - ./train_data/icdar2015/text_localization/train_icdar2015_label.txt
    ratio_list: [1.0]
  loader:
    shuffle: true
    drop_last: %(drop_last)s
    batch_size_per_card: %(batch)s
    num_workers: 4
"""

CONFIG_CASES = [
    ("det_mv3_db_cosine", "DB detection, Cosine with warmup_epoch 2, 2 devices, the last batch kept",
     {"dataset_size": 1000, "num_devices": 2},
     DET % dict(epochs=6, drop_last="false", batch=16,
                lr="    name: Cosine\n    learning_rate: 0.001\n    warmup_epoch: 2")),
    ("det_r50_decay", "DB detection with DecayLearningRate (end_lr ignored), drop_last, 1 device",
     {"dataset_size": 1000},
     DET % dict(epochs=5, drop_last="true", batch=8,
                lr="    name: DecayLearningRate\n    learning_rate: 0.007\n    factor: 0.9\n    end_lr: 0.0001")),
    ("rec_piecewise", "recognition with Piecewise and warmup, 3 devices",
     {"dataset_size": 3000, "num_devices": 3},
     DET % dict(epochs=4, drop_last="true", batch=64,
                lr="    name: Piecewise\n    decay_epochs: [2, 3]\n    values: [0.001, 0.0001, 0.00001]\n"
                   "    warmup_epoch: 1")),
    ("rec_onecycle", "OneCycle with a stray key the class swallows", {"dataset_size": 500},
     DET % dict(epochs=3, drop_last="false", batch=32,
                lr="    name: OneCycle\n    max_lr: 0.001\n    warmup_epochs: 1")),
    ("cls_plain_number", "no lr name: the plain number learning_rate, never stepped", {"batches_per_epoch": 7},
     DET % dict(epochs=3, drop_last="false", batch=32, lr="    learning_rate: 0.0005\n    warmup_epoch: 2")),
    ("cls_const_warmup", "Const with warmup", {"dataset_size": 200},
     DET % dict(epochs=3, drop_last="false", batch=32,
                lr="    name: Const\n    learning_rate: 0.0005\n    warmup_epoch: 0.5")),
]

CONFIG_ERRORS = [
    ("bad_string_lr", "learning_rate: 1e-3 is the text '1e-3' for PyYAML, which Paddle's LRScheduler refuses",
     {"dataset_size": 1000},
     DET % dict(epochs=6, drop_last="false", batch=16,
                lr="    name: Cosine\n    learning_rate: 1e-3\n    warmup_epoch: 2")),
]


def run_config(text, facts):
    config = yaml.load(text, Loader=yaml.Loader)
    epochs = config["Global"]["epoch_num"]
    if "batches_per_epoch" in facts:
        step_each_epoch = facts["batches_per_epoch"]
    else:
        loader = config["Train"]["loader"]
        step_each_epoch = paddle_schedules.sampler_len(facts["dataset_size"], loader["batch_size_per_card"],
                                                       loader["drop_last"], facts.get("num_devices", 1))
    lr = OPTIMIZER.build_lr_scheduler(copy.deepcopy(config["Optimizer"]["lr"]), epochs, step_each_epoch)
    return rows_of(lr, epochs * step_each_epoch)


def main():
    paddle_schedules.write_cases(OUT, CASES, "paddleocr_schedules.py", SOURCE, "PaddleOCR", "paddleocr.", build,
                                 lambda cls, steps, kwargs: rows_of(build(cls, kwargs), steps))

    clean(CONFIGS)
    for name, note, facts, text in CONFIG_CASES + CONFIG_ERRORS:
        with open(os.path.join(CONFIGS, name + ".yaml"), "w") as f:
            f.write("# generated by src/tools/golden/paddleocr_schedules.py: " + note + "\n" + text)
        with open(os.path.join(CONFIGS, name + ".run"), "w") as f:
            f.write("run: " + ",".join("%s=%d" % kv for kv in facts.items()) + "\n")
    for name, note, facts, text in CONFIG_CASES:
        rows, raised = run_config(text, facts)
        if raised is not None:
            raise AssertionError(name + " raises at row %d" % raised)
        write_rows(os.path.join(CONFIGS, name + ".csv"), "lr", rows)
        print("config", name, len(rows), "rows")
    for name, note, facts, text in CONFIG_ERRORS:
        try:
            run_config(text, facts)
        except Exception as e:
            with open(os.path.join(CONFIGS, name + ".error"), "w") as f:
                f.write("message: %s: %s\n" % (type(e).__name__, e))
            print("config", name, "refused:", type(e).__name__, e)
            continue
        raise AssertionError(name + " was not refused")


main()
