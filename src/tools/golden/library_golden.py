#!/usr/bin/env python3
"""Golden data for lrsched's timm.*, deepspeed.* and fairseq.* types, computed by the libraries' OWN scheduler code.

The modules are the libraries' files, verbatim (git show from the stored mirrors), copied into SCRATCH (outside
the repository) and run with /usr/bin/python3 (torch 1.13):
  timm       huggingface/pytorch-image-models @ aa4b5850c1543fa488abf260f18390eda46cf85d (each file last changed in
             31a85de79aad229c070c595c5ea0c43dfc95461e): timm/scheduler/{scheduler,cosine_lr,tanh_lr,step_lr,
             multistep_lr,poly_lr}.py  ->  SCRATCH/timm/scheduler/
  deepspeed  deepspeedai/DeepSpeed deepspeed/runtime/lr_schedules.py @ 8cae9d28a509e1a330e85979420ccf8796c13b22
             (2026-08-11, after DeepSpeed 0.19.4's OneCycle changes, #8166 and #8179)
             ->  SCRATCH/ds-8cae9d28/deepspeed/runtime/lr_schedules.py: golden/deepspeed, lrsched's default.
  deepspeed-0.19.3  the same file @ 886790b5aca351562f4217972aae2b8fafb6ac3f (before them; it differs from
             614e3f17, which earlier notes cite, by WarmupLR's default warmup_max_lr [...] vs [...][0], the same
             with one param group) -> SCRATCH/ds-886790b5a/deepspeed/runtime/lr_schedules.py:
             golden/deepspeed-0.19.3, whose specs say versions: {deepspeed: "0.19.3"}.
             Both copies were read with the read_file tool (verbatim; 41,916 and 40,366 characters); the index
             no longer serves 8cae9d28, whose copy comes from an earlier session's scratch folder.
             `--deepspeed-dir DIR` runs another copy.
  fairseq    facebookresearch/fairseq @ v0.12.3 (e16e44c658495ab3d704e25cf0b8c2c3eef6a476; the release form that
             lrsched follows: main's cosine_lr_scheduler.py drops the lr > min_lr assertion, nothing else differs)
             fairseq/optim/lr_scheduler/{fairseq_lr_scheduler,cosine_lr_scheduler,inverse_square_root_schedule,
             polynomial_decay_schedule,tri_stage_lr_scheduler,triangular_lr_scheduler}.py
             ->  SCRATCH/fairseq-src/fairseq/optim/lr_scheduler/
Import shims (no arithmetic): empty package files for timm/, timm/scheduler/ (the real ones import the model
zoo), deepspeed/, deepspeed/runtime/, and deepspeed/utils/__init__.py defining `logger` (logging.getLogger);
for fairseq (FAIRSEQ_SHIMS, written by this script): FairseqDataclass (an empty dataclass base),
gen_parser_from_dataclass (argparse only, a no-op), FairseqOptimizer (get_lr/set_lr on the torch optimizer's
param groups, as fairseq_optimizer.py), register_lr_scheduler (a plain registry dict). The configs are the
schedulers' own dataclasses (OmegaConf.structured) under a root with optimization.lr (a list; fairseq's default
[0.25]) and optimization.max_update (default 0), which their II(...) fields interpolate.

The case definitions are the committed src/test/resources/golden/<lib>/*.yaml files: the type and the
arguments; `lr` is the torch SGD optimizer's LR (1.0 when a case has none: OneCycle overwrites it), every
other key is passed to the scheduler's constructor by name. For each case with a .csv the scheduler is built and
driven the way the library's training loop drives it (row conventions as in timm_ds_fairseq_oracle.py):
  timm       row s = param_groups[0]['lr'] after scheduler.step(s) (t_in_epochs true, the default) or
             scheduler.step_update(s) (t_in_epochs false), i.e. Scheduler._get_lr(s).
  deepspeed  row 0 = param_groups[0]['lr'] right after the constructor; row s >= 1 = after
             scheduler.step(s - 1) (the engine calls step() once after each applied update; the schedulers keep
             no state but last_batch_iteration, so step(s - 1) is the s-th step()).
  fairseq    row s = the value of lr_scheduler.step_update(s) (fairseq/trainer.py calls step_update(0) right after
             building the scheduler and step_update(num_updates) after each update).
Only the steps the CSV lists are computed. A case with a .raises file must raise at that step with that message;
an .error case must be refused by the library too (except lrsched's own deliberate refusals, listed below).

This script OWNS the .yaml/.csv/.raises of every computed case of these libraries, except
  - test_*  : values transcribed from the libraries' own unit tests (written by timm_ds_fairseq_oracle.py;
              compared here too, never written),
  - *.error : rejections (written by timm_ds_fairseq_oracle.py; checked here).
timm_ds_fairseq_oracle.py only CHECKS the cases this script owns.
To add a case: write its .yaml (steps, schedule) and a .csv with the wanted step column, run with --write.

Usage: /usr/bin/python3 src/tools/golden/library_golden.py SCRATCH [--write] [timm] [deepspeed] [deepspeed-0.19.3]
       [fairseq]
Without --write it only compares and reports; with --write it rewrites the owned CSVs and the YAML header.
"""
import glob
import os
import sys

import yaml

GOLDEN = os.path.join("src", "test", "resources", "golden")
SCRIPT = "src/tools/golden/library_golden.py"
SOURCES = {
    "timm": "huggingface/pytorch-image-models timm/scheduler/{scheduler,cosine_lr,tanh_lr,step_lr,multistep_lr,"
            "poly_lr}.py@aa4b5850c1543fa488abf260f18390eda46cf85d",
    "deepspeed": "deepspeedai/DeepSpeed deepspeed/runtime/lr_schedules.py@8cae9d28a509e1a330e85979420ccf8796c13b22",
    "deepspeed-0.19.3": "deepspeedai/DeepSpeed deepspeed/runtime/lr_schedules.py@886790b5aca351562f4217972aae2b8fafb6ac3f",
    "fairseq": "facebookresearch/fairseq fairseq/optim/lr_scheduler/{fairseq_lr_scheduler,cosine_lr_scheduler,"
               "inverse_square_root_schedule,polynomial_decay_schedule,tri_stage_lr_scheduler,"
               "triangular_lr_scheduler}.py@v0.12.3 (e16e44c658495ab3d704e25cf0b8c2c3eef6a476)",
}
# lrsched's own deliberate refusals (the library accepts these inputs); every other .error must fail in the library
LRSCHED_REFUSALS = ("lrsched cannot reproduce it", "WarmupCosineLR scales the optimizer's lr: give lr",
                    "lrsched cannot evaluate it from the update count", "lrsched accepts one lr")


def shim_package(root, pkg, text=""):
    init = os.path.join(root, pkg, "__init__.py")
    os.makedirs(os.path.dirname(init), exist_ok=True)
    if not os.path.exists(init):
        with open(init, "w") as fh:
            fh.write(text)


def load_timm(scratch):
    shim_package(scratch, "timm")
    shim_package(scratch, os.path.join("timm", "scheduler"))
    sys.path.insert(0, scratch)
    from timm.scheduler.cosine_lr import CosineLRScheduler
    from timm.scheduler.tanh_lr import TanhLRScheduler
    from timm.scheduler.step_lr import StepLRScheduler
    from timm.scheduler.multistep_lr import MultiStepLRScheduler
    from timm.scheduler.poly_lr import PolyLRScheduler
    classes = {c.__name__: c for c in (CosineLRScheduler, TanhLRScheduler, StepLRScheduler, MultiStepLRScheduler,
                                       PolyLRScheduler)}

    def build(type_name, opt, params):
        sched = classes[type_name.split(".", 1)[1]](opt, **params)
        drive = sched.step if params.get("t_in_epochs", True) else sched.step_update

        def row(s):
            drive(s)
            return opt.param_groups[0]["lr"]
        return row
    return build


def load_deepspeed(root):
    shim_package(root, "deepspeed")
    shim_package(root, os.path.join("deepspeed", "runtime"))
    shim_package(root, os.path.join("deepspeed", "utils"), "import logging\nlogger = logging.getLogger('deepspeed')\n")
    sys.path.insert(0, root)
    from deepspeed.runtime import lr_schedules
    import logging
    logging.getLogger("deepspeed").setLevel(logging.ERROR)  # its warnings are not data

    def build(type_name, opt, params):
        sched = getattr(lr_schedules, type_name.split(".", 1)[1])(opt, **params)
        first = opt.param_groups[0]["lr"]

        def row(s):
            if s == 0:
                return first
            sched.step(s - 1)
            return opt.param_groups[0]["lr"]
        return row
    return build


FAIRSEQ_FILES = ("cosine_lr_scheduler", "inverse_square_root_schedule", "polynomial_decay_schedule",
                 "tri_stage_lr_scheduler", "triangular_lr_scheduler")
FAIRSEQ_SHIMS = {
    "fairseq/__init__.py": "",
    "fairseq/dataclass/__init__.py":
        "from dataclasses import dataclass\nfrom typing import Optional\n\n\n@dataclass\n"
        "class FairseqDataclass:  # shim: the config base class; only the schedulers' own fields matter\n"
        "    _name: Optional[str] = None\n",
    "fairseq/dataclass/utils.py": "def gen_parser_from_dataclass(parser, dc):  # shim: argparse only\n    pass\n",
    "fairseq/optim/__init__.py":
        "class FairseqOptimizer:  # shim: get_lr/set_lr as fairseq/optim/fairseq_optimizer.py, on a torch optimizer\n"
        "    def __init__(self, optimizer):\n        self.optimizer = optimizer\n\n"
        "    def get_lr(self):\n        return self.optimizer.param_groups[0]['lr']\n\n"
        "    def set_lr(self, lr):\n        for group in self.optimizer.param_groups:\n            group['lr'] = lr\n",
    "fairseq/optim/lr_scheduler/__init__.py":
        "from fairseq.optim.lr_scheduler.fairseq_lr_scheduler import FairseqLRScheduler  # noqa\n"
        "REGISTRY = {}\n\n\n"
        "def register_lr_scheduler(name, dataclass=None):  # shim: fairseq/registry.py's decorator, minus argparse\n"
        "    def register(cls):\n        REGISTRY[name] = (cls, dataclass)\n        return cls\n"
        "    return register\n",
}


def load_fairseq(root):
    for rel, text in FAIRSEQ_SHIMS.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as fh:
            fh.write(text)
    sys.path.insert(0, root)
    import importlib
    from omegaconf import OmegaConf
    from fairseq.optim import FairseqOptimizer
    from fairseq.optim import lr_scheduler
    for name in FAIRSEQ_FILES:
        importlib.import_module("fairseq.optim.lr_scheduler." + name)

    def build(type_name, opt, params):
        # fairseq's config tree: optimization.lr (a list, default [0.25]) and optimization.max_update (default 0)
        # are what the schedulers' II("optimization.lr") / II("optimization.max_update") fields point at
        cls, dc = lr_scheduler.REGISTRY[type_name.split(".", 1)[1]]
        params = dict(params)
        lr = params.pop("lr", [0.25])
        root_cfg = OmegaConf.create({
            "optimization": {"lr": lr if isinstance(lr, list) else [lr], "max_update": params.pop("max_update", 0)},
            "lr_scheduler": OmegaConf.merge(OmegaConf.structured(dc), params),
        })
        sched = cls(root_cfg.lr_scheduler, FairseqOptimizer(opt))

        def row(s):
            return sched.step_update(s)  # the trainer: step_update(0) after building, step_update(n) after update n
        return row
    return build


def read_case(path):
    with open(path) as fh:
        text = fh.read()
    spec = yaml.safe_load(text)
    (sched,) = spec["schedules"]
    params = {k: v for k, v in sched.items() if k not in ("name", "type")}
    return text, sched["type"], params


def make_row(torch, build, type_name, params):
    params = dict(params)
    lr = params.get("lr", 1.0) if type_name.startswith("fairseq.") else params.pop("lr", 1.0)
    opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=1.0 if isinstance(lr, list) else lr)
    row = build(type_name, opt, params)
    return lambda s: float(row(s))


def read_csv(path):
    with open(path) as fh:
        lines = fh.read().split("\n")
    rows = [(int(a), float(b)) for a, b in (ln.split(",") for ln in lines[1:] if ln)]
    return lines[0], rows


def read_kv(path):
    if not os.path.exists(path):
        return None
    with open(path) as fh:
        return dict(ln.split(": ", 1) for ln in fh.read().splitlines() if ln)


def run_case(row, steps, raises):
    """Library rows for the listed steps (and the .raises step, if any). Returns (rows, (step, message) or None)."""
    rows = []
    for s in list(steps) + ([raises[0]] if raises else []):
        try:
            rows.append((s, row(s)))
        except Exception as e:  # noqa: BLE001 - the library's own exception is the expected data
            return rows, (s, f"{type(e).__name__}: {e}")
    return rows, None


def rewrite_yaml(path, text, lib):
    old = ("# generated by", "# formulas from", "# code from")
    body = [ln for ln in text.split("\n") if not ln.startswith(old)]
    header = [f"# generated by {SCRIPT}: the library's own scheduler code run with torch 1.13",
              f"# code from {SOURCES[lib]}"]
    with open(path, "w") as fh:
        fh.write("\n".join(header + body))


def check_library(lib, torch, build, write):
    compared = identical = 0
    differing = []
    for ypath in sorted(glob.glob(os.path.join(GOLDEN, lib, "*.yaml"))):
        base = ypath[:-5]
        case = os.path.basename(base)
        text, type_name, params = read_case(ypath)
        err = read_kv(base + ".error")
        if err is not None:
            try:
                make_row(torch, build, type_name, params)(0)
            except Exception as e:  # noqa: BLE001
                print(f"{case}: refused by {lib} too ({type(e).__name__}: {e}); lrsched: {err['message']}")
            else:
                if not any(r in err["message"] for r in LRSCHED_REFUSALS):
                    differing.append(case)
                    print(f"{case}: {lib} ACCEPTS a case lrsched refuses quoting the library: {err['message']}")
                else:
                    print(f"{case}: accepted by {lib}, refused by lrsched on purpose")
            continue
        head, expected = read_csv(base + ".csv")
        kv = read_kv(base + ".raises")
        raises = (int(kv["step"]), kv["message"]) if kv else None
        try:
            rows, raised = run_case(make_row(torch, build, type_name, params), [s for s, _ in expected], raises)
        except Exception as e:  # noqa: BLE001 - refused at construction
            rows, raised = [], (0, f"{type(e).__name__}: {e} (constructor)")
        lib_rows = dict(rows)
        diff = []
        for s, v in expected:
            compared += 1
            got = lib_rows.get(s)
            if got is not None and repr(got) == repr(v):
                identical += 1
            else:
                diff.append((s, v, got))
        if raised != raises:
            diff.append(("raises", raises, raised))
        if diff:
            differing.append(case)
            print(f"{case}: {len(diff)} differing, first: " + "; ".join(
                f"step {s}: committed {v!r}, {lib} {g!r}" for s, v, g in diff[:4]))
        if write and not case.startswith("test_"):
            with open(base + ".csv", "w") as fh:
                fh.write(head + "\n" + "".join(f"{s},{v!r}\n" for s, v in rows))
            if raised is not None:
                with open(base + ".raises", "w") as fh:
                    fh.write(f"step: {raised[0]}\nmessage: {raised[1]}\n")
            elif os.path.exists(base + ".raises"):
                os.remove(base + ".raises")
            rewrite_yaml(ypath, text, lib)
    print(f"{lib}: {identical} of {compared} committed rows reproduced bit for bit by the library's own code;"
          f" cases differing: {differing or 'none'}")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if not args or not os.path.isdir(os.path.join("src", "test")):
        sys.exit(__doc__)
    scratch, libs = args[0], args[1:] or ["timm", "deepspeed", "fairseq"]
    write = "--write" in sys.argv
    ds_dirs = {"deepspeed": os.path.join(scratch, "ds-8cae9d28"),
               "deepspeed-0.19.3": os.path.join(scratch, "ds-886790b5a")}
    if "--deepspeed-dir" in sys.argv:
        override = sys.argv[sys.argv.index("--deepspeed-dir") + 1]
        libs = [lib for lib in libs if lib != override]
        ds_dirs = {k: override for k in ds_dirs}
    if "deepspeed" in libs and "deepspeed-0.19.3" in libs:
        sys.exit("run deepspeed and deepspeed-0.19.3 separately: each imports its own deepspeed package")
    import torch
    for lib in libs:
        if lib == "fairseq":
            build = load_fairseq(os.path.join(scratch, "fairseq-src"))
        else:
            build = load_timm(scratch) if lib == "timm" else load_deepspeed(ds_dirs[lib])
        check_library(lib, torch, build, write)


if __name__ == "__main__":
    main()
