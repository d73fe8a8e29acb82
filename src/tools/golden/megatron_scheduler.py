#!/usr/bin/python3
"""Golden data for lrsched's megatron.OptimizerParamScheduler, made by Megatron-LM's own code.

Megatron-LM cannot be installed here (it needs CUDA builds), so its three files are fetched unchanged into a scratch
folder outside the repository, the first argument (default /tmp/scratch-megatron), as

  megatron/core/optimizer_param_scheduler.py   NVIDIA/Megatron-LM at 3d87bfc1b71cbb6473da1a4142ed5d99773ff701
  megatron/training/training.py                 NVIDIA/Megatron-LM at da5a81d491d6af1c18e52995a556e30ef84d4052
  megatron/training/arguments.py                NVIDIA/Megatron-LM at d96d76c068191a6d3bb448ab561822120c9527ba

(all three as in the snapshot d98e8a64ddf34856e74b24714e3bedb2f5a39553). The scheduler module is imported as is; its
one import, megatron.core.utils.log_single_rank, is shimmed by a no-op (it only logs). From training.py the functions
get_optimizer_param_scheduler and update_train_iters, and from arguments.py validate_args' checks of the
learning-rate arguments (the two `if args.train_iters/train_samples and not args.skip_train:` blocks and
`if args.lr is not None: assert args.min_lr <= args.lr`), are taken out of the files' syntax trees (ast) and run
unchanged with a plain namespace as `args`: the script copies none of their code.

Training loop, as training.py's train / train_step do it: the scheduler is built (its constructor calls step(0)),
then every iteration runs optimizer.step() with param_groups[0]['lr'] and, when the update was applied, calls
opt_param_scheduler.step(increment=num_microbatches * micro_batch_size * data_parallel_size), which is the global
batch size (constant here: no --rampup-batch-size). Row s is param_groups[0]['lr'] read before the optimizer step of
iteration s (0-based), i.e. get_lr() at num_steps = s * global_batch_size. An optimizer with one param group stands
in for MegatronOptimizer (the scheduler only reads and writes param_groups).

Writes src/test/resources/golden/megatron/CASE.yaml (the lrsched spec, in Megatron's argument names) with CASE.csv
(step,CASE; Python repr, so the values are exact) or CASE.error (param: NAME, message: Megatron's exception), and
deletes any other file it owns there.
Run: /usr/bin/python3 src/tools/golden/megatron_scheduler.py /tmp/scratch-megatron
"""
import ast
import linecache
import os
import sys
import textwrap
import traceback
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_yaml import yaml_number  # noqa: E402

SCRATCH = sys.argv[1] if len(sys.argv) > 1 else "/tmp/scratch-megatron"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "test", "resources", "golden", "megatron"))
OWNED_EXT = (".yaml", ".csv", ".error")
SOURCE = ("NVIDIA/Megatron-LM megatron/core/optimizer_param_scheduler.py@3d87bfc1b71cbb6473da1a4142ed5d99773ff701, "
          "megatron/training/training.py@da5a81d491d6af1c18e52995a556e30ef84d4052 (get_optimizer_param_scheduler), "
          "megatron/training/arguments.py@d96d76c068191a6d3bb448ab561822120c9527ba (validate_args)")


def shim():
    """megatron.core.utils.log_single_rank only logs; nothing else of megatron is imported."""
    for name in ("megatron", "megatron.core"):
        module = types.ModuleType(name)
        module.__path__ = [os.path.join(SCRATCH, *name.split("."))]
        sys.modules[name] = module
    utils = types.ModuleType("megatron.core.utils")
    utils.log_single_rank = lambda logger, level, message: None
    sys.modules["megatron.core.utils"] = utils
    sys.path.insert(0, SCRATCH)
    import megatron.core.optimizer_param_scheduler as module
    return module


def functions_from(path, names):
    """The named top-level functions of a Python file, as source text taken from its syntax tree."""
    text = open(path).read()
    tree = ast.parse(text)
    found = {node.name: ast.get_source_segment(text, node) for node in tree.body
             if isinstance(node, ast.FunctionDef) and node.name in names}
    missing = set(names) - set(found)
    if missing:
        raise SystemExit(f"{path} has no {sorted(missing)}")
    return [found[n] for n in names]


def lr_checks_from(path):
    """validate_args' checks of the learning-rate arguments, as one function checks(args) (re-printed from the
    syntax tree by ast.unparse, statement for statement)."""
    tree = ast.parse(open(path).read())
    validate = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "validate_args")
    tests = [ast.dump(ast.parse(t, mode="eval").body) for t in (
        "args.train_iters and not args.skip_train", "args.train_samples and not args.skip_train",
        "args.lr is not None")]
    picked = [n for n in validate.body if isinstance(n, ast.If) and ast.dump(n.test) in tests]
    if len(picked) != 3:
        raise SystemExit(f"expected three learning-rate checks in validate_args, found {len(picked)}")
    return "def checks(args):\n" + textwrap.indent("\n".join(ast.unparse(n) for n in picked), "    ") + "\n"


def megatron_namespace(scheduler_module):
    training = os.path.join(SCRATCH, "megatron", "training", "training.py")
    arguments = os.path.join(SCRATCH, "megatron", "training", "arguments.py")
    space = {"OptimizerParamScheduler": scheduler_module.OptimizerParamScheduler,
             "print_rank_0": lambda *a, **k: None}
    for source in functions_from(training, ["update_train_iters", "get_optimizer_param_scheduler"]):
        define(space, source, training + " (excerpt)")
    define(space, lr_checks_from(arguments), arguments + " (validate_args excerpt)")
    return space


def define(space, source, name):
    """Runs function definitions, with their text in linecache so that a traceback shows the failing line."""
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    exec(compile(source, name, "exec"), space)


# Megatron's defaults for the arguments lrsched reads (megatron/training/config/training_config.py SchedulerConfig,
# TrainingConfig; arguments.py --lr, --min-lr), plus what the scheduler's constructor needs beyond the LR.
DEFAULTS = dict(lr=None, min_lr=0.0, lr_warmup_init=0.0, lr_warmup_iters=0, lr_warmup_samples=0,
                lr_warmup_fraction=None, lr_decay_style="linear", lr_decay_iters=None, lr_decay_samples=None,
                lr_wsd_decay_style="exponential", lr_wsd_decay_iters=None, lr_wsd_decay_samples=None,
                train_iters=None, train_samples=None, global_batch_size=None)
RUN_ONLY = dict(skip_train=False, step_batch_size_schedule=None, start_weight_decay=0.01, end_weight_decay=0.01,
                weight_decay_incr_style="constant", use_checkpoint_opt_param_scheduler=False,
                override_opt_param_scheduler=False)


class Optimizer:
    """Stands in for MegatronOptimizer: the scheduler reads and writes param_groups only."""

    def __init__(self):
        self.param_groups = [{"params": [], "default_config": True}]


def run(space, given, rows):
    args = types.SimpleNamespace(**{**DEFAULTS, **given, **RUN_ONLY})
    space["get_args"] = lambda: args
    space["checks"](args)
    optimizer = Optimizer()
    scheduler = space["get_optimizer_param_scheduler"](optimizer)
    increment = args.global_batch_size  # num_microbatches * micro_batch_size * data_parallel_size
    wanted = sorted(set(rows))
    out, s = [], 0
    for row in wanted:
        while s < row:  # iteration s: optimizer.step() with the current lr, then the scheduler step
            scheduler.step(increment=increment)
            s += 1
        out.append((row, optimizer.param_groups[0]["lr"]))
    return out


def every(n):
    return list(range(n))


# name, arguments (Megatron's names), rows to record, comment
CASES = [
    ("linear_iters", dict(lr=3e-4, min_lr=3e-5, lr_warmup_iters=10, train_iters=100, global_batch_size=8),
     every(101) + [150, 1000], "linear (the default style), warmup by iterations"),
    ("linear_defaults", dict(lr=1e-3, train_iters=50, global_batch_size=1), every(60), "no warmup, min_lr 0"),
    ("cosine_iters", dict(lr=6e-4, min_lr=6e-5, lr_warmup_iters=20, lr_decay_style="cosine", train_iters=200,
                          global_batch_size=512), every(230), "cosine, gbs 512"),
    ("cosine_decay_iters", dict(lr=1.5e-4, min_lr=1e-5, lr_warmup_iters=5, lr_decay_iters=80,
                                lr_decay_style="cosine", train_iters=120, global_batch_size=32), every(121),
     "decay ends before the run: min_lr after it"),
    ("cosine_warmup_init", dict(lr=2e-4, min_lr=2e-5, lr_warmup_init=1e-5, lr_warmup_iters=13,
                                lr_decay_style="cosine", train_iters=97, global_batch_size=24), every(100),
     "warmup from lr_warmup_init > 0"),
    ("cosine_warmup_fraction", dict(lr=3e-4, min_lr=3e-5, lr_warmup_fraction=0.01, lr_decay_style="cosine",
                                    train_iters=1000, global_batch_size=256), every(60) + [500, 999, 1000, 1001],
     "warmup fraction of the decay samples (0.01 * 256000 is not a whole number of samples)"),
    ("linear_warmup_fraction_odd", dict(lr=1e-3, min_lr=1e-4, lr_warmup_fraction=0.037, train_iters=300,
                                        global_batch_size=7), every(40) + [299, 300, 301],
     "a fraction that ends the warmup inside an iteration"),
    ("constant_warmup", dict(lr=5e-4, min_lr=1e-5, lr_warmup_iters=4, lr_decay_style="constant", train_iters=20,
                             global_batch_size=16), every(30), "constant ignores min_lr and the decay end"),
    ("isr_iters", dict(lr=1e-3, min_lr=1e-5, lr_warmup_iters=16, lr_decay_style="inverse-square-root",
                       train_iters=400, global_batch_size=64), every(120) + [399, 400, 401, 1000],
     "inverse-square-root, then min_lr after lr_decay_steps"),
    ("isr_no_warmup", dict(lr=1e-3, min_lr=1e-4, lr_decay_style="inverse-square-root", train_iters=150,
                           global_batch_size=3), every(160), "max(warmup, 1) and max(num_steps, 1)"),
    ("wsd_exponential", dict(lr=3e-4, min_lr=3e-6, lr_warmup_iters=10, lr_decay_style="WSD",
                             lr_wsd_decay_iters=30, train_iters=100, global_batch_size=8), every(105),
     "WSD, exponential anneal (the default)"),
    ("wsd_linear", dict(lr=3e-4, min_lr=3e-6, lr_warmup_iters=10, lr_decay_style="WSD", lr_wsd_decay_style="linear",
                        lr_wsd_decay_iters=25, train_iters=100, global_batch_size=4), every(105), "WSD linear"),
    ("wsd_cosine", dict(lr=2e-4, min_lr=0.0, lr_warmup_iters=5, lr_decay_style="WSD", lr_wsd_decay_style="cosine",
                        lr_wsd_decay_iters=40, lr_decay_iters=90, train_iters=100, global_batch_size=16),
     every(105), "WSD cosine, decay ends before the run"),
    ("wsd_minus_sqrt", dict(lr=1e-3, min_lr=1e-5, lr_warmup_iters=8, lr_decay_style="WSD",
                            lr_wsd_decay_style="minus_sqrt", lr_wsd_decay_iters=50, train_iters=120,
                            global_batch_size=12), every(125), "WSD minus_sqrt"),
    ("wsd_longer_than_decay", dict(lr=1e-3, min_lr=1e-4, lr_warmup_iters=10, lr_decay_style="WSD",
                                   lr_wsd_decay_style="linear", lr_wsd_decay_iters=80, train_iters=60,
                                   global_batch_size=2), every(65),
     "wsd decay longer than the decay: the anneal starts before the warmup ends"),
    ("samples_cosine", dict(lr=3e-4, min_lr=3e-5, lr_warmup_samples=1000, lr_decay_style="cosine",
                            train_samples=25000, global_batch_size=96), every(270),
     "sample-based: warmup and decay in samples, stepped by global_batch_size"),
    ("samples_decay_samples", dict(lr=1e-4, min_lr=1e-6, lr_warmup_samples=333, lr_decay_samples=9000,
                                   train_samples=12000, global_batch_size=50), every(245),
     "sample-based linear, lr_decay_samples shorter than train_samples"),
    ("samples_warmup_fraction", dict(lr=6e-4, min_lr=6e-5, lr_warmup_fraction=0.02, lr_decay_style="cosine",
                                     train_samples=100000, global_batch_size=256), every(400),
     "sample-based warmup fraction"),
    ("samples_wsd", dict(lr=4e-4, min_lr=4e-6, lr_warmup_samples=512, lr_decay_style="WSD",
                         lr_wsd_decay_samples=3000, train_samples=20000, global_batch_size=128), every(160),
     "sample-based WSD (exponential)"),
    ("samples_isr", dict(lr=1e-3, min_lr=0.0, lr_warmup_samples=700, lr_decay_style="inverse-square-root",
                         train_samples=60000, global_batch_size=100), every(610), "sample-based inverse-square-root"),
    ("samples_constant_warmup_init", dict(lr=1e-4, lr_warmup_init=1e-6, lr_warmup_samples=1000,
                                          lr_decay_style="constant", train_samples=5000, global_batch_size=64),
     every(90), "sample-based constant with warmup init"),
]

# name, arguments, the parameter lrsched must name
ERRORS = [
    ("error_no_length", dict(lr=1e-4, global_batch_size=8), "train_iters"),
    ("error_iters_and_samples", dict(lr=1e-4, train_iters=10, train_samples=100, global_batch_size=8),
     "train_samples"),
    ("error_iters_decay_samples", dict(lr=1e-4, train_iters=10, lr_decay_samples=100, global_batch_size=8),
     "lr_decay_samples"),
    ("error_iters_warmup_samples", dict(lr=1e-4, train_iters=10, lr_warmup_samples=100, global_batch_size=8),
     "lr_warmup_samples"),
    ("error_fraction_and_iters", dict(lr=1e-4, train_iters=10, lr_warmup_iters=2, lr_warmup_fraction=0.1,
                                      global_batch_size=8), "lr_warmup_fraction"),
    ("error_samples_decay_iters", dict(lr=1e-4, train_samples=1000, lr_decay_iters=10, global_batch_size=8),
     "lr_decay_iters"),
    ("error_samples_warmup_iters", dict(lr=1e-4, train_samples=1000, lr_warmup_iters=10, global_batch_size=8),
     "lr_warmup_iters"),
    ("error_fraction_and_samples", dict(lr=1e-4, train_samples=1000, lr_warmup_samples=10, lr_warmup_fraction=0.1,
                                        global_batch_size=8), "lr_warmup_fraction"),
    ("error_min_lr_above_lr", dict(lr=1e-4, min_lr=1e-3, train_iters=10, global_batch_size=8), "min_lr"),
    ("error_negative_min_lr", dict(lr=1e-4, min_lr=-1e-5, train_iters=10, global_batch_size=8), "min_lr"),
    ("error_warmup_init_above_lr", dict(lr=1e-4, lr_warmup_init=2e-4, lr_warmup_iters=2, train_iters=10,
                                        global_batch_size=8), "lr_warmup_init"),
    ("error_warmup_not_below_decay", dict(lr=1e-4, lr_warmup_iters=10, train_iters=10, global_batch_size=8),
     "lr_warmup_iters"),
    ("error_warmup_fraction_one", dict(lr=1e-4, lr_warmup_fraction=1.0, train_iters=10, global_batch_size=8),
     "lr_warmup_fraction"),
    ("error_wsd_without_decay", dict(lr=1e-4, lr_decay_style="WSD", train_iters=10, global_batch_size=8),
     "lr_wsd_decay_iters"),
    ("error_wsd_samples_in_iters_run", dict(lr=1e-4, lr_decay_style="WSD", lr_wsd_decay_samples=40, train_iters=10,
                                            global_batch_size=8), "lr_wsd_decay_iters"),
    ("error_wsd_iters_in_samples_run", dict(lr=1e-4, lr_decay_style="WSD", lr_wsd_decay_iters=4, train_samples=80,
                                            global_batch_size=8), "lr_wsd_decay_samples"),
]

ORDER = ["lr", "min_lr", "lr_warmup_init", "lr_warmup_iters", "lr_warmup_samples", "lr_warmup_fraction",
         "lr_decay_style", "lr_decay_iters", "lr_decay_samples", "lr_wsd_decay_style", "lr_wsd_decay_iters",
         "lr_wsd_decay_samples", "train_iters", "train_samples", "global_batch_size"]


def spec(name, given, steps, comment):
    lines = [f"# generated by src/tools/golden/megatron_scheduler.py from Megatron-LM's own code:",
             f"# {SOURCE}", f"# {comment}"]
    if steps:
        lines.append(f"steps: {steps}")
    lines += ["schedules:", f"  - name: {name}", "    type: megatron.OptimizerParamScheduler"]
    for key in ORDER:
        if key in given:
            value = given[key]
            lines.append(f"    {key}: {value if isinstance(value, str) else yaml_number(value)}")
    return "\n".join(lines) + "\n"


def main():
    space = megatron_namespace(shim())
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith(OWNED_EXT):
            os.remove(os.path.join(OUT, f))
    for name, given, rows, comment in CASES:
        values = run(space, given, rows)
        with open(os.path.join(OUT, name + ".yaml"), "w") as f:
            f.write(spec(name, given, max(rows) + 1, comment))
        with open(os.path.join(OUT, name + ".csv"), "w") as f:
            f.write(f"step,{name}\n" + "".join(f"{s},{v!r}\n" for s, v in values))
    for name, given, param in ERRORS:
        try:
            run(space, given, [0])
        except (AssertionError, Exception) as e:  # Megatron's asserts and its plain Exception
            message = f"{type(e).__name__}: {e}" if str(e) else \
                f"{type(e).__name__} ({traceback.extract_tb(e.__traceback__)[-1].line})"
        else:
            raise SystemExit(f"{name}: Megatron accepted {given}")
        with open(os.path.join(OUT, name + ".yaml"), "w") as f:
            f.write(spec(name, given, 0, f"Megatron refuses: {message}"))
        with open(os.path.join(OUT, name + ".error"), "w") as f:
            f.write(f"param: {param}\nmessage: {message}\n")
    print(f"wrote {len(CASES)} curves and {len(ERRORS)} refusals to {OUT}")


if __name__ == "__main__":
    main()
