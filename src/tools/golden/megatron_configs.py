#!/usr/bin/python3
"""Golden data for lrsched's `megatron` config format (Megatron-LM launch scripts).

Each script (examples/configs/megatron-*.sh and src/test/resources/golden/configs/megatron/*.sh) is run by bash
itself, with torchrun, python, python3 and srun defined as shell functions that print their arguments instead of
running anything, so bash does all the expanding (variables, arrays, quotes, line continuations, $(( ))). The words
after pretrain_*.py are parsed by argparse with Megatron's names, types and choices for the learning-rate arguments
(megatron/training/config/training_config.py SchedulerConfig and TrainingConfig at
889c9099226409d689dc31e3975aa8571e276d0c, megatron/training/arguments.py --lr and --min-lr at
d96d76c068191a6d3bb448ab561822120c9527ba; allow_abbrev=False as there), and the schedule comes from Megatron's own
get_optimizer_param_scheduler and OptimizerParamScheduler run as in megatron_scheduler.py (same scratch folder,
the first argument, default /tmp/scratch-megatron).

Writes src/test/resources/golden/configs/megatron/NAME.csv (step,lr: iteration s and the LR it used) for every
golden script NAME.sh, and example_NAME.csv for examples/configs/megatron-NAME.sh.
Run: /usr/bin/python3 src/tools/golden/megatron_configs.py /tmp/scratch-megatron
"""
import argparse
import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import megatron_scheduler as ms  # noqa: E402

REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(REPO, "src", "test", "resources", "golden", "configs", "megatron")

PRINT_ARGS = """
torchrun() { printf '%s\\0' "$@"; }
python() { printf '%s\\0' "$@"; }
python3() { printf '%s\\0' "$@"; }
srun() { printf '%s\\0' "$@"; }
"""


def argv_of(script):
    """The words bash passes to the launcher, from pretrain_*.py on (environment emptied but PATH)."""
    text = open(script).read()
    out = subprocess.run(["bash", "-c", PRINT_ARGS + text, "script"], capture_output=True,
                         env={"PATH": os.environ["PATH"]}, cwd="/tmp", check=False).stdout
    words = out.decode().split("\0")
    start = next(i for i, w in enumerate(words) if os.path.basename(w).startswith("pretrain_") and w.endswith(".py"))
    return words[start + 1:]


def parse(argv):
    p = argparse.ArgumentParser(allow_abbrev=False)
    p.add_argument("--lr", type=float, default=None)
    p.add_argument("--min-lr", type=float, default=0.0)
    p.add_argument("--lr-warmup-init", type=float, default=0.0)
    p.add_argument("--lr-warmup-iters", type=int, default=0)
    p.add_argument("--lr-warmup-samples", type=int, default=0)
    p.add_argument("--lr-warmup-fraction", type=float, default=None)
    p.add_argument("--lr-decay-style", choices=["constant", "linear", "cosine", "inverse-square-root", "WSD"],
                   default="linear")
    p.add_argument("--lr-decay-iters", type=int, default=None)
    p.add_argument("--lr-decay-samples", type=int, default=None)
    p.add_argument("--lr-wsd-decay-style", choices=["exponential", "linear", "cosine", "minus_sqrt"],
                   default="exponential")
    p.add_argument("--lr-wsd-decay-iters", type=int, default=None)
    p.add_argument("--lr-wsd-decay-samples", type=int, default=None)
    p.add_argument("--train-iters", type=int, default=None)
    p.add_argument("--train-samples", type=int, default=None)
    p.add_argument("--global-batch-size", type=int, default=None)
    args, _ = p.parse_known_args(argv)
    return vars(args)


def rows(given, space):
    """Every row up to 300, then 300 spread rows and the rows around each boundary, through the run's end."""
    b = given["global_batch_size"]
    iters = given["train_iters"] or given["train_samples"] // b
    picked = set(range(min(iters + 2, 301)))
    picked.update(range(0, iters + 2, max(1, iters // 300)))
    args = dict(ms.DEFAULTS, **given)
    unit = b if given["train_iters"] else 1
    marks = []
    decay = (args["lr_decay_iters"] or args["train_iters"]) * b if given["train_iters"] \
        else args["lr_decay_samples"] or args["train_samples"]
    marks.append(decay)
    if args["lr_warmup_fraction"] is not None:
        marks.append(args["lr_warmup_fraction"] * decay)
    else:
        marks.append((args["lr_warmup_iters"] or 0) * b + (args["lr_warmup_samples"] or 0))
    wsd = args["lr_wsd_decay_iters"] * unit if given["train_iters"] and args["lr_wsd_decay_iters"] \
        else args["lr_wsd_decay_samples"]
    if wsd:
        marks.append(decay - wsd)
    for m in marks:
        centre = int(m // b)
        picked.update(r for r in range(centre - 3, centre + 4) if 0 <= r <= iters + 1)
    return sorted(picked)


def main():
    space = ms.megatron_namespace(ms.shim())
    os.makedirs(OUT, exist_ok=True)
    cases = [(os.path.join(OUT, os.path.basename(s)[:-3] + ".csv"), s)
             for s in sorted(glob.glob(os.path.join(OUT, "*.sh")))]
    cases += [(os.path.join(OUT, "example_" + os.path.basename(s)[len("megatron-"):-3].replace("-", "_") + ".csv"), s)
              for s in sorted(glob.glob(os.path.join(REPO, "examples", "configs", "megatron-*.sh")))]
    for csv, script in cases:
        given = {k: v for k, v in parse(argv_of(script)).items() if v is not None}
        values = ms.run(space, given, rows({**ms.DEFAULTS, **given}, space))
        with open(csv, "w") as f:
            f.write("step,lr\n" + "".join(f"{s},{v!r}\n" for s, v in values))
        print(f"{os.path.relpath(script, REPO)}: {given} -> {len(values)} rows")


if __name__ == "__main__":
    main()
