"""Golden data for lrsched's fairseq config reader (src/docs/configs/fairseq.md), from fairseq's own code.

    /usr/bin/python3 src/tools/golden/fairseq_configs.py SCRATCH [--git-dir FAIRSEQ_GIT_DIR]

SCRATCH is a folder outside the repository. With --git-dir (a clone or snapshot of facebookresearch/fairseq) the
fairseq modules below are extracted into it at COMMIT first; without it they must already be there. Nothing of
fairseq enters this repository: only the configs this script writes and the learning rates fairseq computed for them.

fairseq's modules that run, unchanged (facebookresearch/fairseq at COMMIT):
  fairseq/dataclass/configs.py       FairseqConfig, OptimizationConfig (lr [0.25], max_update 0, update_freq [1], ...)
  fairseq/dataclass/constants.py, fairseq/dataclass/__init__.py
  fairseq/dataclass/utils.py         merge_with_parent, omegaconf_no_object_check
  fairseq/dataclass/initialize.py    add_defaults (the scheduler's dataclass, with its ${optimization.*} defaults,
                                     merged under the config's lr_scheduler section)
  fairseq/registry.py, fairseq/optim/lr_scheduler/*.py   build_lr_scheduler and every scheduler
  fairseq/data/iterators.py          CountingIterator, GroupedIterator (updates per epoch: ceil, or floor with
                                     skip_remainder_batch)
Shims (written by this script, no arithmetic): hydra's ConfigStore/GlobalHydra/compose (registration only),
fairseq.optim.FairseqOptimizer (holds the LR), fairseq.tasks/models registries (empty), fairseq.data (package stub),
and @dataclass made lenient about unhashable defaults (Python 3.11 refuses FairseqConfig's; see lenient_dataclasses).

What fairseq-hydra-train does with a config, and what this script does the same way:
  1. hydra_init stores FairseqConfig under the config's name, so the file is merged onto the structured
     FairseqConfig (OmegaConf.merge(OmegaConf.structured(FairseqConfig), file));
  2. _hydra_main: add_defaults(cfg), then OmegaConf.create(OmegaConf.to_container(cfg, resolve=True)): every
     ${...} interpolation is resolved here, against the whole config;
  3. Trainer: build_lr_scheduler(cfg.lr_scheduler, optimizer), then step_update(0) (trainer.py _build_optimizer);
     begin_epoch -> lr_step_begin_epoch(epoch) (step_begin_epoch, then step_update(num_updates)); each update
     set_num_updates(n + 1) -> step_update(n + 1); after each epoch lr_step(epoch) (step(epoch), then
     step_update(num_updates)). These three Trainer methods are restated below (Trainer itself needs a model, a
     task and CUDA); their bodies are two calls each (trainer.py lines 1195-1210 at COMMIT).
  4. fairseq_cli/train.py: epochs while next_epoch_idx <= (max_epoch or inf), stopping when the LR at an epoch
     start is <= stop_min_lr; update_freq[epoch - 1] (the last entry after the list ends) groups the batches through
     GroupedIterator; validate_and_save stops once num_updates >= (max_update or inf). Restated below likewise.
The row written for update s is the optimizer's LR when update s runs (before set_num_updates(s + 1)).

The Python here is Debian's: omegaconf 2.2.2, where fairseq pins omegaconf < 2.1; the configs below use nothing
whose merging or resolution differs between them (plain values, lists and absolute ${section.key} references).

Each case writes CASE.yaml (the config), CASE.csv (step,lr for every update of the run), CASE.run (the --run facts
the run needs, if any) or, for configs fairseq refuses, CASE.error (the exception fairseq raises; "the run has no
updates" where fairseq stops before its first update).
"""
import argparse
import math
import os
import subprocess
import sys
import types

COMMIT = "3d262bb25690e4eb2e7d3c1309b1e9c406ca4b99"
FILES = [
    "fairseq/dataclass/__init__.py",
    "fairseq/dataclass/configs.py",
    "fairseq/dataclass/constants.py",
    "fairseq/dataclass/utils.py",
    "fairseq/dataclass/initialize.py",
    "fairseq/registry.py",
    "fairseq/data/iterators.py",
    "fairseq/optim/lr_scheduler/__init__.py",
    "fairseq/optim/lr_scheduler/fairseq_lr_scheduler.py",
    "fairseq/optim/lr_scheduler/cosine_lr_scheduler.py",
    "fairseq/optim/lr_scheduler/fixed_schedule.py",
    "fairseq/optim/lr_scheduler/inverse_square_root_schedule.py",
    "fairseq/optim/lr_scheduler/manual_lr_scheduler.py",
    "fairseq/optim/lr_scheduler/pass_through.py",
    "fairseq/optim/lr_scheduler/polynomial_decay_schedule.py",
    "fairseq/optim/lr_scheduler/reduce_lr_on_plateau.py",
    "fairseq/optim/lr_scheduler/step_lr_scheduler.py",
    "fairseq/optim/lr_scheduler/tri_stage_lr_scheduler.py",
    "fairseq/optim/lr_scheduler/triangular_lr_scheduler.py",
]

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(REPO, "src", "test", "resources", "golden", "configs", "fairseq")

# a run limited by both max_epoch (%d) and max_update
BOTH_LIMITS = """\
optimization:
  max_epoch: %d
  max_update: 600
  lr: [0.0004]
  update_freq: [2]
lr_scheduler:
  _name: cosine
  warmup_updates: 60
"""

STOP_MIN_LR = """\
optimization:
  max_update: 1000
  lr: [0.0005]
  stop_min_lr: 0.0002
lr_scheduler:
  _name: inverse_sqrt
  warmup_updates: 100
"""

# name -> (config text, run facts). Each config is written the way fairseq's public hydra configs are.
CASES = {
    # tri_stage from phase_ratio: stage lengths int(max_update * ratio), truncated (0.29 * 100 = 28.999...)
    "tri_stage_phase_ratio_truncates": ("""\
task:
  _name: audio_finetuning
  data: ???
criterion:
  _name: ctc
optimization:
  max_update: 100
  lr: [0.00005]
  update_freq: [4]
optimizer:
  _name: adam
lr_scheduler:
  _name: tri_stage
  phase_ratio: [0.29, 0.31, 0.4]
  final_lr_scale: 0.05
""", {}),
    # phase ratios that do not add up to 1 in floating point: fairseq's assertion
    "tri_stage_ratios_not_one": ("""\
optimization:
  max_update: 1000
  lr: [0.0001]
lr_scheduler:
  _name: tri_stage
  phase_ratio: [0.3, 0.6, 0.1]
""", {}),
    # tri_stage from step counts, lr only in optimization (the ${optimization.lr} default)
    "tri_stage_steps": ("""\
optimization:
  max_update: 600
  lr: [0.001]
lr_scheduler:
  _name: tri_stage
  warmup_steps: 100
  hold_steps: 150
  decay_steps: 250
  init_lr_scale: 0.02
""", {}),
    # inverse_sqrt, lr as a one-element list
    "inverse_sqrt_list_lr": ("""\
optimization:
  max_update: 1500
  lr: [0.0005]
  clip_norm: 0.0
optimizer:
  _name: adam
  adam_betas: (0.9,0.98)
lr_scheduler:
  _name: inverse_sqrt
  warmup_updates: 400
  warmup_init_lr: 1e-07
""", {}),
    # the lr_scheduler section given as a bare name
    "inverse_sqrt_by_name": ("""\
optimization:
  max_update: 900
  lr: [0.0007]
lr_scheduler: inverse_sqrt
""", {}),
    # cosine without lr_period_updates: period = max_update - warmup_updates; min_lr floor
    "cosine_period_from_max_update": ("""\
optimization:
  max_update: 1000
  lr: [0.001]
lr_scheduler:
  _name: cosine
  warmup_updates: 100
  min_lr: 1e-05
""", {}),
    # cosine restarts: t_mult 2, lr_shrink's default 0.1 shrinking each period
    "cosine_restarts": ("""\
optimization:
  max_update: 1200
  lr: [0.002]
lr_scheduler:
  _name: cosine
  warmup_updates: 50
  warmup_init_lr: 1e-06
  lr_period_updates: 150
  t_mult: 2
""", {}),
    # cosine with several lrs: fairseq refuses
    "cosine_lr_list": ("""\
optimization:
  max_update: 1000
  lr: [0.001, 0.0005]
lr_scheduler:
  _name: cosine
""", {}),
    # polynomial_decay: total_num_update defaults from max_update
    "polynomial_total_from_max_update": ("""\
optimization:
  max_update: 1250
  lr: [0.0005]
  update_freq: [16]
lr_scheduler:
  _name: polynomial_decay
  warmup_updates: 250
  end_learning_rate: 1e-05
  power: 2.0
""", {}),
    # interpolations written in the file: total_num_update and lr taken from optimization
    "polynomial_interpolations": ("""\
optimization:
  max_update: 800
  lr: [0.0003]
lr_scheduler:
  _name: polynomial_decay
  warmup_updates: 80
  total_num_update: ${optimization.max_update}
  lr: ${optimization.lr}
""", {}),
    # polynomial_decay with total_num_update shorter than the run
    "polynomial_total_shorter": ("""\
optimization:
  max_update: 700
  lr: [0.0001]
lr_scheduler:
  _name: polynomial_decay
  total_num_update: 500
  end_learning_rate: 2e-05
""", {}),
    # max_epoch ends the run: updates per epoch ceil(1001 / 4) = 251, three epochs
    "max_epoch_ceil": ("""\
optimization:
  max_epoch: 3
  lr: [0.0005]
  update_freq: [4]
dataset:
  max_tokens: 4096
lr_scheduler:
  _name: inverse_sqrt
  warmup_updates: 200
""", {"batches_per_epoch": 1001}),
    # update_freq per epoch, the last entry for later epochs; skip_remainder_batch floors
    "max_epoch_update_freq_list": ("""\
optimization:
  max_epoch: 4
  lr: [0.001]
  update_freq: [2, 3]
  skip_remainder_batch: true
lr_scheduler:
  _name: polynomial_decay
  warmup_updates: 30
  total_num_update: 400
""", {"batches_per_epoch": 101}),
    # both limits: max_update ends it first (4 epochs of ceil(350 / 2) = 175 would be 700)
    "max_update_before_max_epoch": (BOTH_LIMITS % 4, {"batches_per_epoch": 350}),
    # both limits: max_epoch ends it first (2 epochs of 175 = 350 < 600)
    "max_epoch_before_max_update": (BOTH_LIMITS % 2, {"batches_per_epoch": 350}),
    # triangular: an odd period loses an update (stepsize = 301 // 2 = 150); shrink_min
    "triangular_odd_period": ("""\
optimization:
  max_update: 1000
  lr: [0.0001]
lr_scheduler:
  _name: triangular
  max_lr: 0.001
  lr_period_updates: 301
  lr_shrink: 0.5
  shrink_min: true
""", {}),
    # neither max_update nor max_epoch: fairseq trains until stopped; the run length is a fact
    "no_limit": ("""\
optimization:
  lr: [0.0005]
lr_scheduler:
  _name: inverse_sqrt
  warmup_updates: 100
""", {"num_updates": 500}),
    # stop_min_lr: the LR reaches end_learning_rate 0 at update 250; the check at the start of epoch 4 (after 300
    # updates) stops the run, two epochs before max_epoch
    "stop_min_lr_epochs": ("""\
optimization:
  max_epoch: 6
  lr: [0.001]
  stop_min_lr: 0.0
lr_scheduler:
  _name: polynomial_decay
  total_num_update: 250
""", {"batches_per_epoch": 100}),
    # stop_min_lr with max_update: 5e-3 / sqrt(750) <= 2e-4 at the end of epoch 5, before update 1000
    "stop_min_lr_before_max_update": (STOP_MIN_LR + "  warmup_init_lr: 0.0003\n", {"batches_per_epoch": 150}),
    # the same from warmup_init_lr's default 0: the LR before the first update is already <= stop_min_lr, and
    # fairseq trains no update at all
    "stop_min_lr_before_the_first_update": (STOP_MIN_LR, {"batches_per_epoch": 150}),
    # OmegaConf's validation against the dataclasses: lr is a list, warmup_updates an int
    "lr_not_a_list": ("""\
optimization:
  max_update: 100
  lr: 0.001
lr_scheduler:
  _name: inverse_sqrt
""", {}),
    "warmup_updates_fractional": ("""\
optimization:
  max_update: 100
  lr: [0.001]
lr_scheduler:
  _name: inverse_sqrt
  warmup_updates: 40.0
""", {}),
}

# example configs under examples/configs/ (golden data under their own names)
EXAMPLES = {
    "example_wav2vec_finetune": ("fairseq-wav2vec-finetune.yaml", {}),
    "example_roberta_pretrain": ("fairseq-roberta-pretrain.yaml", {}),
    "example_translation_epochs": ("fairseq-translation-epochs.yaml", {"batches_per_epoch": 1187}),
}

SHIMS = {
    "fairseq/__init__.py": "",
    "fairseq/optim/__init__.py": '''\
class FairseqOptimizer(object):
    """Holds the learning rate the scheduler sets (the real one wraps a torch optimizer)."""

    def __init__(self):
        self._lr = None

    def set_lr(self, lr):
        self._lr = lr

    def get_lr(self):
        return self._lr
''',
    "fairseq/data/__init__.py": "",
    "fairseq/data/data_utils.py": "",
    "fairseq/tasks/__init__.py": "TASK_DATACLASS_REGISTRY = {}\n",
    "fairseq/models/__init__.py": "ARCH_MODEL_NAME_REGISTRY = {}\nMODEL_DATACLASS_REGISTRY = {}\n",
    "hydra/__init__.py": "",
    "hydra/core/__init__.py": "",
    "hydra/core/config_store.py": '''\
class ConfigStore(object):
    """Registration only: fairseq stores its dataclasses for hydra's composition, which this script does itself."""
    _instance = None

    @classmethod
    def instance(cls):
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def store(self, *args, **kwargs):
        pass
''',
    "hydra/core/global_hydra.py": "class GlobalHydra(object):\n    pass\n",
    "hydra/experimental/__init__.py": "def compose(*a, **k):\n    raise NotImplementedError\n\n\n"
                                      "def initialize(*a, **k):\n    raise NotImplementedError\n",
}


def extract(git_dir, scratch):
    for path in FILES:
        text = subprocess.run(["git", "--git-dir", git_dir, "show", COMMIT + ":" + path], check=True,
                              capture_output=True).stdout
        target = os.path.join(scratch, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as f:
            f.write(text)


def write_shims(scratch):
    for path, text in SHIMS.items():
        target = os.path.join(scratch, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w") as f:
            f.write(text)


class Trainer(object):
    """The LR-related part of fairseq's Trainer (trainer.py at COMMIT), restated: the real one needs a model."""

    def __init__(self, lr_scheduler):
        self.lr_scheduler = lr_scheduler
        self._num_updates = 0
        self.lr_scheduler.step_update(0)  # _build_optimizer

    def get_num_updates(self):
        return self._num_updates

    def set_num_updates(self, num_updates):
        self._num_updates = num_updates
        self.lr_step_update()

    def lr_step_begin_epoch(self, epoch):
        self.lr_scheduler.step_begin_epoch(epoch)
        return self.lr_step_update()

    def lr_step(self, epoch, val_loss=None):
        self.lr_scheduler.step(epoch, val_loss)
        return self.lr_step_update()

    def lr_step_update(self):
        return self.lr_scheduler.step_update(self.get_num_updates())

    def get_lr(self):
        return self.lr_scheduler.optimizer.get_lr()


def lenient_dataclasses():
    """Python 3.11 refuses dataclass instances as field defaults unless hashable (fairseq's FairseqConfig has them;
    fairseq predates the check): classes made by @dataclass get object's hash. Nothing computed changes."""
    import dataclasses
    strict = dataclasses.dataclass

    def dataclass(cls=None, **kwargs):
        def wrap(c):
            made = strict(**kwargs)(c)
            if made.__hash__ is None:
                made.__hash__ = object.__hash__
            return made
        return wrap if cls is None else wrap(cls)

    dataclasses.dataclass = dataclass


def compose(text):
    """fairseq-hydra-train's config: the file on FairseqConfig, add_defaults, everything resolved."""
    from omegaconf import OmegaConf
    from fairseq.dataclass.configs import FairseqConfig
    from fairseq.dataclass.initialize import add_defaults
    from fairseq.dataclass.utils import omegaconf_no_object_check
    import fairseq.optim.lr_scheduler  # noqa: registers the schedulers

    cfg = OmegaConf.merge(OmegaConf.structured(FairseqConfig), OmegaConf.create(text))
    add_defaults(cfg)
    with omegaconf_no_object_check():
        cfg = OmegaConf.create(OmegaConf.to_container(cfg, resolve=True, enum_to_str=True))
    OmegaConf.set_struct(cfg, True)
    return cfg


def run(cfg, facts):
    """fairseq_cli/train.py's loop over epochs and updates; returns the LR of every update."""
    from fairseq.data.iterators import CountingIterator, GroupedIterator
    from fairseq.optim import FairseqOptimizer
    from fairseq.optim.lr_scheduler import build_lr_scheduler

    trainer = Trainer(build_lr_scheduler(cfg.lr_scheduler, FairseqOptimizer()))
    max_epoch = cfg.optimization.max_epoch or math.inf
    max_update = cfg.optimization.max_update or math.inf
    if max_epoch == math.inf and max_update == math.inf:
        max_update = facts["num_updates"]  # fairseq would train until stopped
    batches = facts.get("batches_per_epoch", 10 ** 9)
    rows = []
    lr = trainer.get_lr()
    epoch = 1
    while epoch <= max_epoch:
        if lr <= cfg.optimization.stop_min_lr:
            break
        uf = cfg.optimization.update_freq
        update_freq = uf[epoch - 1] if epoch <= len(uf) else uf[-1]
        itr = GroupedIterator(CountingIterator(range(batches)), update_freq,
                              skip_remainder_batch=cfg.optimization.skip_remainder_batch)
        trainer.lr_step_begin_epoch(epoch)
        should_stop = False
        for _ in itr:
            rows.append(trainer.get_lr())  # the LR this update runs with
            trainer.set_num_updates(trainer.get_num_updates() + 1)
            if trainer.get_num_updates() >= max_update:
                should_stop = True
                break
        if should_stop:
            break
        lr = trainer.lr_step(epoch, None)
        epoch += 1
    return rows


def check_shims():
    """fairseq's own published values through the shimmed modules (tests/test_iterators.py at COMMIT:
    test_grouped_iterator and test_grouped_iterator_skip_remainder_batch's 3 batches of 3, grouped by 2). fairseq
    has no tests of the LR schedulers."""
    from fairseq.data.iterators import CountingIterator, GroupedIterator
    x = list(range(10))
    assert list(GroupedIterator(x, 4)) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert list(GroupedIterator(x, 5)) == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]
    assert len(GroupedIterator(CountingIterator(range(3)), 2, True)) == 1
    assert len(GroupedIterator(CountingIterator(range(3)), 2, False)) == 2


def write_case(name, text, facts, scratch):
    os.makedirs(OUT, exist_ok=True)
    for ext in (".yaml", ".csv", ".run", ".error"):
        if os.path.exists(os.path.join(OUT, name + ext)):
            os.remove(os.path.join(OUT, name + ext))
    with open(os.path.join(OUT, name + ".yaml"), "w") as f:
        f.write(text)
    if facts:
        with open(os.path.join(OUT, name + ".run"), "w") as f:
            f.write(",".join("%s=%d" % kv for kv in sorted(facts.items())) + "\n")
    try:
        rows = run(compose(text), facts)
    except Exception as e:  # fairseq refuses the config
        with open(os.path.join(OUT, name + ".error"), "w") as f:
            f.write("%s: %s\n" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))
        print("%-36s %s: %s" % (name, type(e).__name__, e))
        return
    if not rows:  # fairseq ran, but stopped before the first update
        with open(os.path.join(OUT, name + ".error"), "w") as f:
            f.write("the run has no updates\n")
        print("%-36s no updates" % name)
        return
    with open(os.path.join(OUT, name + ".csv"), "w") as f:
        f.write("step,lr\n")
        for i, lr in enumerate(rows):
            f.write("%d,%r\n" % (i, float(lr)))
    print("%-36s %d rows" % (name, len(rows)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scratch")
    parser.add_argument("--git-dir")
    args = parser.parse_args()
    scratch = os.path.abspath(args.scratch)
    if scratch.startswith(REPO + os.sep):
        sys.exit("the scratch folder must be outside the repository")
    if args.git_dir:
        extract(args.git_dir, scratch)
    write_shims(scratch)
    sys.path.insert(0, scratch)
    lenient_dataclasses()
    check_shims()
    for name, (text, facts) in CASES.items():
        write_case(name, text, facts, scratch)
    for name, (example, facts) in EXAMPLES.items():
        path = os.path.join(REPO, "examples", "configs", example)
        if os.path.exists(path):
            with open(path) as f:
                write_case(name, f.read(), facts, scratch)
        else:
            print("%-36s skipped: %s is missing" % (name, path))


if __name__ == "__main__":
    main()
