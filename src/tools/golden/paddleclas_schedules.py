#!/usr/bin/python3
"""Golden data for lrsched's paddleclas.* types and its paddleclas config format, made by PaddleClas's own code.

PaddleClas and Paddle are not installable here (no PyPI), so their modules are used unchanged from a scratch folder
outside the repository, the first argument (default /tmp/scratch-paddleclas), holding

  python/paddle/optimizer/lr.py     PaddlePaddle/Paddle python/paddle/optimizer/lr.py
                                    at 00816fcb21ade6ad4425774b0e989c8098c6d324 (129,007 characters)
  ppcls/optimizer/__init__.py       PaddlePaddle/PaddleClas ppcls/optimizer/__init__.py
                                    at d178931fca432204e6b7422bac4f92e09ff22fa4 (build_lr_scheduler)
  ppcls/optimizer/learning_rate.py  PaddlePaddle/PaddleClas ppcls/optimizer/learning_rate.py
                                    at d178931fca432204e6b7422bac4f92e09ff22fa4
  ppcls/utils/config.py             PaddlePaddle/PaddleClas ppcls/utils/config.py
                                    at d178931fca432204e6b7422bac4f92e09ff22fa4 (parse_config: PyYAML SafeLoader,
                                    then ast.literal_eval of every string value of a mapping)

Paddle's lr.py is loaded by paddle_schedules.load() (imported from beside this file; its shims are described there),
and the class cases are written by paddle_schedules.write_cases(). The PaddleClas modules are loaded as the packages
ppcls.optimizer and ppcls.utils; their other imports are shims that never touch the arithmetic: ppcls.utils.logger
(warning/info/debug record nothing), ppcls.utils.check (unused by parse_config), ppcls.optimizer.optimizer (only
build_optimizer uses it, never called) and ppcls.engine.train.utils.type_name (likewise).

Calling convention, as PaddleClas's train loop runs (ppcls/engine/train/train.py and engine.py at d178931f): row s is
the rate of update s (0-based); after each update lr_sch.step() unless the scheduler has by_epoch set, and after the
last update of each epoch (step_each_epoch updates) step() when by_epoch is set. A class that refuses its arguments
gives CASE.error (param: the parameter lrsched blames, message: "ExceptionType: the message").

Config cases: each PaddleClas YAML below is written to src/test/resources/golden/configs/paddleclas/CASE.yaml and read
back with ppcls.utils.config.parse_config. step_each_epoch is Engine's iter_per_epoch // update_freq: iter_per_epoch
is Global.iter_per_epoch when set, else len(train_dataloader), which for a DistributedBatchSampler is
paddle_schedules.sampler_len(); it is then rounded down to a multiple of update_freq (Global.update_freq, default 1).
The run is Global.epochs epochs; build_optimizer's build_lr_scheduler(Optimizer.lr, epochs, step_each_epoch) makes
the scheduler. CASE.run holds the --run facts, CASE.csv every update, CASE.error PaddleClas's failure.

Run: /usr/bin/python3 src/tools/golden/paddleclas_schedules.py /tmp/scratch-paddleclas
"""
import copy
import glob
import importlib.util
import os
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import paddle_schedules  # noqa: E402  (loads Paddle's lr.py from sys.argv[1] with its shims)
from paddle_schedules import clean, write_rows  # noqa: E402

OUT = os.path.normpath(os.path.join(HERE, "..", "..", "test", "resources", "golden", "paddleclas"))
CONFIGS = os.path.normpath(os.path.join(HERE, "..", "..", "test", "resources", "golden", "configs", "paddleclas"))
SCRATCH = sys.argv[1] if len(sys.argv) > 1 else "/tmp/scratch-paddleclas"
SOURCE = ("PaddlePaddle/PaddleClas ppcls/optimizer/learning_rate.py, __init__.py, ppcls/utils/config.py "
          "@d178931fca432204e6b7422bac4f92e09ff22fa4; on " + paddle_schedules.SOURCE)


def load_ppcls():
    def module(name, package=False, **attrs):
        m = types.ModuleType(name)
        m.__dict__.update(attrs)
        if package:
            m.__path__ = []
        sys.modules[name] = m
        return m

    def quiet(*a, **k):
        pass

    def unused(*a, **k):
        raise AssertionError("shimmed helper called")

    sys.modules["paddle.optimizer"].lr = paddle_schedules.LR
    sys.modules["paddle"].optimizer = sys.modules["paddle.optimizer"]
    module("ppcls", package=True)
    module("ppcls.engine", package=True)
    module("ppcls.engine.train", package=True)
    module("ppcls.engine.train.utils", type_name=unused)
    logger = module("ppcls.utils.logger", warning=quiet, info=quiet, debug=quiet)
    check = module("ppcls.utils.check")
    loaded = {}
    for package, files in (("ppcls.utils", ("config",)), ("ppcls.optimizer", ("learning_rate",))):
        folder = os.path.join(SCRATCH, *package.split("."))
        init = os.path.join(folder, "__init__.py")
        if os.path.exists(init):
            spec = importlib.util.spec_from_file_location(package, init, submodule_search_locations=[folder])
            mod = importlib.util.module_from_spec(spec)
            sys.modules[package] = mod
            if package == "ppcls.optimizer":
                module("ppcls.optimizer.optimizer")
            spec.loader.exec_module(mod)
        else:
            mod = module(package, package=True, logger=logger, check=check)
            mod.__path__ = [folder]
        loaded[package] = mod
        for f in files:
            loaded[package + "." + f] = importlib.import_module(package + "." + f)
    return loaded["ppcls.optimizer"], loaded["ppcls.optimizer.learning_rate"], loaded["ppcls.utils.config"]


OPTIMIZER, LEARNING_RATE, CONFIG = load_ppcls()

CASES = []


def case(name, note, cls, steps, **kwargs):
    CASES.append((name, note, cls, steps, kwargs, None))


def refused(name, note, cls, param, **kwargs):
    CASES.append((name, note, cls, 0, kwargs, param))


# each class, its defaults and its quirks
case("cosine", "Cosine defaults: CosineAnnealingDecay over epochs * step_each_epoch, eta_min 0", "Cosine", 61,
     epochs=6, step_each_epoch=10, learning_rate=0.1)
case("cosine_warmup", "Cosine warmup_epoch 2: LinearWarmup from 0.0, then a cosine over (epochs - 2) epochs", "Cosine",
     61, epochs=6, step_each_epoch=10, learning_rate=0.1, warmup_epoch=2)
case("cosine_warmup_start_eta_min", "Cosine with warmup_start_lr and eta_min", "Cosine", 50, epochs=5,
     step_each_epoch=9, learning_rate=0.4, eta_min=0.001, warmup_epoch=1, warmup_start_lr=0.01)
case("cosine_warmup_clamped", "warmup_epoch >= epochs is set to epochs: T_max 0 gives Constant, all warmup",
     "Cosine", 40, epochs=3, step_each_epoch=10, learning_rate=0.1, warmup_epoch=5)
case("cosine_by_epoch", "Cosine by_epoch: T_max in epochs, stepped once per epoch; warmup_epoch epochs of warmup",
     "Cosine", 80, epochs=8, step_each_epoch=7, learning_rate=0.1, warmup_epoch=2, by_epoch=True)
case("linear", "Linear defaults: PolynomialDecay power 1 to end_lr 0.0", "Linear", 45, epochs=4, step_each_epoch=10,
     learning_rate=0.1)
case("linear_warmup_power_cycle", "Linear power 2, end_lr, cycle, warmup: decay over (epochs - warmup) epochs",
     "Linear", 70, epochs=6, step_each_epoch=10, learning_rate=0.1, end_lr=0.001, power=2.0, cycle=True,
     warmup_epoch=1, warmup_start_lr=0.001)
case("linear_by_epoch_warmup", "Linear by_epoch: its warmup is round(warmup_epoch * step_each_epoch) epochs",
     "Linear", 60, epochs=10, step_each_epoch=3, learning_rate=0.1, warmup_epoch=1, by_epoch=True)
case("step", "Step: StepDecay every step_size epochs", "Step", 50, epochs=6, step_each_epoch=8, learning_rate=0.1,
     step_size=2, gamma=0.5)
case("step_fractional", "Step step_size 1.5: int(1.5 * step_each_epoch) iterations; warmup 0.5 rounds half to even",
     "Step", 50, epochs=6, step_each_epoch=5, learning_rate=0.1, step_size=1.5, gamma=0.1, warmup_epoch=0.5)
case("step_by_epoch", "Step by_epoch with warmup: stepped once per epoch", "Step", 60, epochs=10, step_each_epoch=6,
     learning_rate=0.1, step_size=3, gamma=0.5, warmup_epoch=1, by_epoch=True)
case("piecewise", "Piecewise: boundaries at decay_epochs * step_each_epoch", "Piecewise", 40, epochs=6,
     step_each_epoch=6, decay_epochs=[2, 5], values=[0.1, 0.01, 0.001])
case("piecewise_warmup", "Piecewise warmup to values[0] from warmup_start_lr; boundaries count from its end",
     "Piecewise", 50, epochs=8, step_each_epoch=6, decay_epochs=[2, 5], values=[0.1, 0.01, 0.001], warmup_epoch=1,
     warmup_start_lr=0.02)
case("piecewise_learning_rate", "Piecewise with learning_rate: values lr * 0.1**i every 30 epochs replace the lists",
     "Piecewise", 200, epochs=100, step_each_epoch=2, decay_epochs=[5], values=[0.5, 0.05], learning_rate=0.1)
case("piecewise_learning_rate_short", "Piecewise with learning_rate and fewer than 31 epochs: [epochs], [lr, lr]",
     "Piecewise", 45, epochs=20, step_each_epoch=2, decay_epochs=[5], values=[0.5, 0.05], learning_rate=0.3,
     warmup_epoch=2)
case("piecewise_by_epoch", "Piecewise by_epoch: boundaries in epochs", "Piecewise", 40, epochs=8, step_each_epoch=5,
     decay_epochs=[3, 6], values=[0.1, 0.01, 0.001], by_epoch=True)
case("multistep", "MultiStepDecay defaults: gamma 0.1 at milestone epochs", "MultiStepDecay", 60, epochs=6,
     step_each_epoch=10, learning_rate=0.1, milestones=[2, 4])
case("multistep_warmup", "MultiStepDecay with warmup_epoch 1 and gamma 0.5", "MultiStepDecay", 70, epochs=7,
     step_each_epoch=10, learning_rate=0.1, milestones=[2, 4], gamma=0.5, warmup_epoch=1)
case("multistep_by_epoch", "MultiStepDecay by_epoch: milestones in epochs, warmup_epoch epochs", "MultiStepDecay", 60,
     epochs=10, step_each_epoch=6, learning_rate=0.1, milestones=[4, 7], warmup_epoch=2, by_epoch=True)
case("constlr", "ConstLR: Constant, stepped", "ConstLR", 20, epochs=2, step_each_epoch=10, learning_rate=0.01)
case("constlr_warmup", "ConstLR with warmup_epoch 1.5 from warmup_start_lr", "ConstLR", 40, epochs=4,
     step_each_epoch=10, learning_rate=0.01, warmup_epoch=1.5, warmup_start_lr=0.001)
case("constlr_by_epoch", "ConstLR by_epoch: warmup_epoch epochs of warmup, stepped per epoch", "ConstLR", 50,
     epochs=10, step_each_epoch=5, learning_rate=0.01, warmup_epoch=3, by_epoch=True)
case("constant", "Constant: an LRScheduler whose **kwargs swallow warmup_epoch: no warmup", "Constant", 30, epochs=3,
     step_each_epoch=10, learning_rate=0.02, warmup_epoch=1)
# refusals, as the classes (and the Paddle schedulers they build) raise them
refused("bad_cosine_half_warmup", "Cosine warmup_epoch 0.5: T_max (epochs - 0.5) * n is a float", "Cosine",
        "warmup_epoch", epochs=6, step_each_epoch=10, learning_rate=0.1, warmup_epoch=0.5)
refused("bad_linear_half_warmup", "Linear warmup_epoch 0.5: decay_steps is a float", "Linear", "warmup_epoch",
        epochs=6, step_each_epoch=10, learning_rate=0.1, warmup_epoch=0.5)
refused("bad_by_epoch_half_warmup", "by_epoch with warmup_epoch 0.5: LinearWarmup's warmup_steps 0.5", "ConstLR",
        "warmup_epoch", epochs=6, step_each_epoch=10, learning_rate=0.1, warmup_epoch=0.5, by_epoch=True)
refused("bad_step_by_epoch_fraction", "Step by_epoch step_size 1.5 goes to StepDecay as it is", "Step", "step_size",
        epochs=6, step_each_epoch=10, learning_rate=0.1, step_size=1.5, gamma=0.1, by_epoch=True)
refused("bad_step_gamma", "Step gamma >= 1 (StepDecay)", "Step", "gamma", epochs=6, step_each_epoch=8,
        learning_rate=0.1, step_size=2, gamma=1.0)
refused("bad_multistep_order", "MultiStepDecay milestones not increasing", "MultiStepDecay", "milestones", epochs=6,
        step_each_epoch=10, learning_rate=0.1, milestones=[4, 2])
refused("bad_piecewise_values", "Piecewise with too few values", "Piecewise", "values", epochs=6, step_each_epoch=6,
        decay_epochs=[2, 5], values=[0.01, 0.001])
refused("bad_cosine_negative_lr", "Cosine with a negative learning_rate (LRScheduler)", "Cosine", "learning_rate",
        epochs=6, step_each_epoch=10, learning_rate=-0.1)


def build(cls, kwargs):
    lr = getattr(LEARNING_RATE, cls)(**kwargs)
    return lr if isinstance(lr, paddle_schedules.LR.LRScheduler) else lr()


def train(sch, epochs, step_each_epoch, steps=None):
    """The rate of each update as PaddleClas's train loop steps `sch`; (rows, None): no step raises here."""
    rows = []
    total = epochs * step_each_epoch if steps is None else steps
    by_epoch = getattr(sch, "by_epoch", False)
    for s in range(total):
        rows.append(sch() if callable(sch) else sch)
        if not by_epoch:
            sch.step()  # a float has no step(): AttributeError, as in train_epoch
        if by_epoch and (s + 1) % step_each_epoch == 0:
            sch.step()
    return rows, None


# PaddleClas training configs: name -> (note, --run facts, the YAML text)
CLS = """\
Global:
  checkpoints: null
  pretrained_model: null
  output_dir: ./output/
  device: gpu
  save_interval: 1
  eval_during_train: True
  eval_interval: 1
  epochs: %(epochs)s
  print_batch_step: 10
  use_visualdl: False
  image_shape: [3, 224, 224]
%(global)s
Arch:
  name: PPLCNet_x1_0
  class_num: 1000
Loss:
  Train:
    - CELoss:
        weight: 1.0
        epsilon: 0.1
Optimizer:
  name: Momentum
  momentum: 0.9
  lr:
%(lr)s
  regularizer:
    name: 'L2'
    coeff: 0.00003
DataLoader:
  Train:
    dataset:
      name: ImageNetDataset
      image_root: ./dataset/ILSVRC2012/
      cls_label_path: ./dataset/ILSVRC2012/train_list.txt
    sampler:
      name: DistributedBatchSampler
      batch_size: %(batch)s
      drop_last: %(drop_last)s
      shuffle: True
    loader:
      num_workers: 4
      use_shared_memory: True
"""

CONFIG_CASES = [
    ("pplcnet_cosine", "PP-LCNet: Cosine with warmup_epoch 2, 2 devices, the last batch kept",
     {"dataset_size": 1000, "num_devices": 2},
     CLS % {"epochs": 8, "global": "", "batch": 64, "drop_last": "False",
            "lr": "    name: Cosine\n    learning_rate: 0.8\n    warmup_epoch: 2"}),
    ("resnet_piecewise_learning_rate", "Piecewise with learning_rate: decay 10x every 30 epochs, the lists ignored",
     {"batches_per_epoch": 3},
     CLS % {"epochs": 70, "global": "", "batch": 64, "drop_last": "False",
            "lr": "    name: Piecewise\n    learning_rate: 0.1\n    decay_epochs: [30, 60, 90]\n"
                  "    values: [0.1, 0.01, 0.001, 0.0001]"}),
    ("multistep_by_epoch_update_freq", "MultiStepDecay by_epoch, learning_rate 1e-3 (text, literal_eval makes it a "
     "float), update_freq 2", {"dataset_size": 500},
     CLS % {"epochs": 6, "global": "  update_freq: 2", "batch": 32, "drop_last": "True",
            "lr": "    name: MultiStepDecay\n    learning_rate: 1e-3\n    milestones: [2, 4]\n    warmup_epoch: 1\n"
                  "    by_epoch: True"}),
    ("iter_per_epoch_linear", "Global.iter_per_epoch replaces len(train_dataloader); Linear with a stray key",
     {},
     CLS % {"epochs": 5, "global": "  iter_per_epoch: 12", "batch": 64, "drop_last": "False",
            "lr": "    name: Linear\n    learning_rate: 0.05\n    end_lr: 0.0005\n    warmup_epoch: 1\n"
                  "    decay_epochs: [3]"}),
]

CONFIG_ERRORS = [
    ("bad_float_warmup", "warmup_epoch 5.0 is a Python float: Cosine's T_max becomes one", {"dataset_size": 1000},
     CLS % {"epochs": 8, "global": "", "batch": 64, "drop_last": "False",
            "lr": "    name: Cosine\n    learning_rate: 0.8\n    warmup_epoch: 5.0"}),
    ("bad_plain_number", "no lr name: the number learning_rate, which the train loop calls step() on",
     {"dataset_size": 1000},
     CLS % {"epochs": 3, "global": "", "batch": 64, "drop_last": "False", "lr": "    learning_rate: 0.1"}),
]


def run_config(path, facts):
    config = CONFIG.parse_config(path)
    glob_ = config["Global"]
    epochs = glob_["epochs"]
    if glob_.get("iter_per_epoch", None):  # replaces len(train_dataloader), which needs no fact then
        iters = glob_.get("iter_per_epoch")
    elif "batches_per_epoch" in facts:
        iters = facts["batches_per_epoch"]
    else:
        sampler = config["DataLoader"]["Train"]["sampler"]
        iters = paddle_schedules.sampler_len(facts["dataset_size"], sampler["batch_size"], sampler["drop_last"],
                                             facts.get("num_devices", 1))
    update_freq = glob_.get("update_freq", 1)
    if iters < update_freq:
        update_freq = 1
    iters = iters // update_freq * update_freq
    step_each_epoch = iters // update_freq
    lr = OPTIMIZER.build_lr_scheduler(copy.deepcopy(config["Optimizer"]["lr"]), epochs, step_each_epoch)
    return train(lr, epochs, step_each_epoch)


def main():
    paddle_schedules.write_cases(OUT, CASES, "paddleclas_schedules.py", SOURCE, "PaddleClas", "paddleclas.", build,
                                 lambda cls, steps, kwargs: train(build(cls, kwargs), kwargs["epochs"],
                                                                  kwargs["step_each_epoch"], steps))
    clean(CONFIGS)
    for name, note, facts, text in CONFIG_CASES + CONFIG_ERRORS:
        with open(os.path.join(CONFIGS, name + ".yaml"), "w") as f:
            f.write("# generated by src/tools/golden/paddleclas_schedules.py: " + note + "\n" + text)
        if facts:
            with open(os.path.join(CONFIGS, name + ".run"), "w") as f:
                f.write("run: " + ",".join("%s=%d" % kv for kv in facts.items()) + "\n")
    for name, note, facts, text in CONFIG_CASES:
        rows, _ = run_config(os.path.join(CONFIGS, name + ".yaml"), facts)
        write_rows(os.path.join(CONFIGS, name + ".csv"), "lr", rows)
        print("config", name, len(rows), "rows")
    for name, note, facts, text in CONFIG_ERRORS:
        try:
            run_config(os.path.join(CONFIGS, name + ".yaml"), facts)
        except Exception as e:
            with open(os.path.join(CONFIGS, name + ".error"), "w") as f:
                f.write("message: %s: %s\n" % (type(e).__name__, e))
            print("config", name, "refused:", type(e).__name__, e)
            continue
        raise AssertionError(name + " was not refused")


main()
