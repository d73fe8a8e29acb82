#!/usr/bin/python3
"""Golden data for lrsched's detectron2.* and fvcore.* types, made by detectron2's and fvcore's own code.

detectron2 and fvcore are not installed here; their modules are copied unchanged into a scratch folder outside the
repository, the first argument (default /tmp/scratch-d2), as

  detectron2/solver/build.py         facebookresearch/detectron2 at 02b5c4e295e990042a714712c21dc79b731e8833
                                     (the file's last change: 0df924ce6066fb97d5413244614b12fbabaf65c8)
  detectron2/solver/lr_scheduler.py  same snapshot (last change 2c6c380f94a27bd8455a39506c9105f652b9f760)
  detectron2/config/defaults.py      same snapshot (the SOLVER defaults)
  fvcore/common/param_scheduler.py   facebookresearch/fvcore at 3378afe0d71dc2aa95e358bc78dc9b67cb48825a
                                     (last change 242366fe5c3a649c089c5e266afaa31896cf325a)

Shims (this script writes them into the scratch folder; none touches the arithmetic): detectron2/__init__.py,
detectron2/solver/__init__.py (empty: the real one imports the whole optimizer stack), detectron2/config/__init__.py
and config.py with a minimal CfgNode (a dict with attribute access, standing in for yacs' CfgNode: defaults.py only
sets attributes on it), detectron2/utils/env.py (TORCH_VERSION from torch.__version__), fvcore/__init__.py and
fvcore/common/__init__.py (empty).

Training loop, as detectron2 runs it (engine/train_loop.py TrainerBase.train, engine/hooks.py LRScheduler.after_step):
the optimizer is torch.optim.SGD over one parameter with lr = SOLVER.BASE_LR (build_optimizer's lr; one param
group), the scheduler is build_lr_scheduler(cfg, optimizer) (its constructor sets the LR of iteration 0), and every
iteration i runs optimizer.step() with param_groups[0]['lr'], then the hook calls scheduler.step(). Row i of each CSV
is param_groups[0]['lr'] read before optimizer.step() of iteration i, for i in 0 .. MAX_ITER - 1 (every row, or
every SAMPLE-th row and the rows around each boundary for long runs: there the scheduler is placed at a row by
setting last_epoch = i - 1 and calling step(), which for LRMultiplier computes get_lr() at last_epoch = i, the same
function; the row is also checked against the stepped value where both are made).

detectron2.LRMultiplier cases build the multiplier tree as a LazyConfig's instantiate does (each node's class called
with its keyword arguments) and wrap it in LRMultiplier(optimizer, multiplier=..., max_iter=...) as
detectron2/engine/defaults.py / tools/lazyconfig_train_net.py do. fvcore.* cases call the fvcore scheduler itself at
where = i / max_iter (what LRMultiplier multiplies by).

Writes src/test/resources/golden/detectron2/CASE.yaml (the lrsched spec) with CASE.csv (step,CASE; Python repr) or
CASE.error (param: NAME, message: the library's exception), and deletes any other file it owns there.
Also writes src/test/resources/golden/configs/detectron2-examples/NAME.csv for the example configs under
examples/configs/detectron2/: their SOLVER keys merged as yacs' CfgNode.load_yaml_with_base does (yacs is not
installed here: PyYAML's safe_load of each file, the _BASE_ file first and the file's keys over it, strings passed
through ast.literal_eval as yacs' _decode_cfg_value does), over config/defaults.py's SOLVER, then
build_lr_scheduler as above.
Run: /usr/bin/python3 src/tools/golden/detectron2_schedulers.py /tmp/scratch-d2
"""
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_yaml import yaml_number  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "test", "resources", "golden", "detectron2")

SHIMS = {
    "detectron2/__init__.py": "",
    "detectron2/solver/__init__.py": "",
    "detectron2/utils/__init__.py": "",
    "detectron2/utils/env.py": "import torch\n"
    "TORCH_VERSION = tuple(int(x) for x in torch.__version__.split('.')[:2])\n",
    "detectron2/config/__init__.py": "from .config import CfgNode\n",
    "detectron2/config/config.py": "class CfgNode(dict):\n"
    "    def __init__(self, init_dict=None, new_allowed=False):\n"
    "        super().__init__(init_dict or {})\n"
    "    def __getattr__(self, name):\n"
    "        try:\n"
    "            return self[name]\n"
    "        except KeyError:\n"
    "            raise AttributeError(name)\n"
    "    def __setattr__(self, name, value):\n"
    "        self[name] = value\n",
    "fvcore/__init__.py": "",
    "fvcore/common/__init__.py": "",
}

SOLVER_KEYS = ["LR_SCHEDULER_NAME", "BASE_LR", "BASE_LR_END", "MAX_ITER", "STEPS", "GAMMA", "NUM_DECAYS",
               "WARMUP_FACTOR", "WARMUP_ITERS", "WARMUP_METHOD", "RESCALE_INTERVAL"]

# name -> (note, SOLVER keys given, sample); sample 0 = every row
BUILD_CASES = {
    "multistep": ("WarmupMultiStepLR, linear warmup", dict(
        LR_SCHEDULER_NAME="WarmupMultiStepLR", BASE_LR=0.02, MAX_ITER=120, STEPS=[60, 90], WARMUP_ITERS=10), 0),
    "multistep_constant_warmup": ("constant warmup", dict(
        BASE_LR=0.01, MAX_ITER=100, STEPS=[50, 75], WARMUP_ITERS=20, WARMUP_METHOD="constant",
        WARMUP_FACTOR=0.1), 0),
    "multistep_no_warmup": ("WARMUP_ITERS 0", dict(BASE_LR=0.1, MAX_ITER=50, STEPS=[20, 40], WARMUP_ITERS=0,
                                                   GAMMA=0.5), 0),
    "multistep_steps_beyond": ("a step beyond MAX_ITER is dropped with a warning", dict(
        BASE_LR=0.02, MAX_ITER=80, STEPS=[30, 60, 100], WARMUP_ITERS=5), 0),
    "multistep_step_at_end": ("a step equal to MAX_ITER is kept, and fvcore refuses it", dict(
        BASE_LR=0.02, MAX_ITER=80, STEPS=[30, 80], WARMUP_ITERS=5), 0),
    "multistep_warmup_in_step": ("a step inside the warmup: the warmup ramps to the scheduler's value at its end",
                                 dict(BASE_LR=0.02, MAX_ITER=60, STEPS=[5, 40], WARMUP_ITERS=10), 0),
    "multistep_rescale": ("RESCALE_INTERVAL: the steps count from the warmup's end", dict(
        BASE_LR=0.02, MAX_ITER=100, STEPS=[40, 80], WARMUP_ITERS=20, RESCALE_INTERVAL=True), 0),
    "multistep_long_warmup": ("WARMUP_ITERS beyond MAX_ITER: warmup_length is min(.., 1.0)", dict(
        BASE_LR=0.02, MAX_ITER=40, STEPS=[30], WARMUP_ITERS=100), 0),
    "multistep_defaults": ("every SOLVER default (config/defaults.py)", dict(), 97),
    "multistep_long_run": ("3,000,000 iterations: fvcore's WHERE_EPSILON (1e-6 of the run) moves each step and "
                           "the warmup's end 3 iterations early", dict(
        BASE_LR=0.02, MAX_ITER=3000000, STEPS=[2000000, 2500000], WARMUP_ITERS=1000), 4999),
    "cosine": ("WarmupCosineLR to 0", dict(LR_SCHEDULER_NAME="WarmupCosineLR", BASE_LR=0.01, MAX_ITER=100,
                                           WARMUP_ITERS=10), 0),
    "cosine_end": ("WarmupCosineLR to BASE_LR_END", dict(
        LR_SCHEDULER_NAME="WarmupCosineLR", BASE_LR=0.05, BASE_LR_END=0.0005, MAX_ITER=90, WARMUP_ITERS=15,
        WARMUP_FACTOR=0.01), 0),
    "cosine_rescale": ("RESCALE_INTERVAL: the cosine starts at the warmup's end", dict(
        LR_SCHEDULER_NAME="WarmupCosineLR", BASE_LR=0.05, BASE_LR_END=0.001, MAX_ITER=100, WARMUP_ITERS=25,
        RESCALE_INTERVAL=True), 0),
    "cosine_constant_warmup": ("constant warmup", dict(
        LR_SCHEDULER_NAME="WarmupCosineLR", BASE_LR=0.02, MAX_ITER=70, WARMUP_ITERS=7,
        WARMUP_METHOD="constant"), 0),
    "cosine_no_warmup": ("no warmup", dict(LR_SCHEDULER_NAME="WarmupCosineLR", BASE_LR=0.02, MAX_ITER=64,
                                           WARMUP_ITERS=0), 0),
    "cosine_end_above": ("BASE_LR_END above BASE_LR: build_lr_scheduler's assert", dict(
        LR_SCHEDULER_NAME="WarmupCosineLR", BASE_LR=0.01, BASE_LR_END=0.02, MAX_ITER=100), 0),
    "cosine_long": ("270,000 iterations (a 3x schedule)", dict(
        LR_SCHEDULER_NAME="WarmupCosineLR", BASE_LR=0.02, BASE_LR_END=0.0002, MAX_ITER=270000,
        WARMUP_ITERS=1000), 997),
    "fixed_gamma": ("WarmupStepWithFixedGammaLR", dict(
        LR_SCHEDULER_NAME="WarmupStepWithFixedGammaLR", BASE_LR=0.02, MAX_ITER=120, NUM_DECAYS=3,
        WARMUP_ITERS=10), 0),
    "fixed_gamma_rescale": ("WarmupStepWithFixedGammaLR with RESCALE_INTERVAL", dict(
        LR_SCHEDULER_NAME="WarmupStepWithFixedGammaLR", BASE_LR=0.02, MAX_ITER=100, NUM_DECAYS=4, GAMMA=0.5,
        WARMUP_ITERS=20, RESCALE_INTERVAL=True, WARMUP_METHOD="constant"), 0),
    "fixed_gamma_odd": ("NUM_DECAYS + 1 not dividing MAX_ITER", dict(
        LR_SCHEDULER_NAME="WarmupStepWithFixedGammaLR", BASE_LR=0.1, MAX_ITER=77, NUM_DECAYS=2, GAMMA=0.3,
        WARMUP_ITERS=0), 0),
    "fixed_gamma_zero_decays": ("NUM_DECAYS 0: fvcore refuses it", dict(
        LR_SCHEDULER_NAME="WarmupStepWithFixedGammaLR", BASE_LR=0.1, MAX_ITER=77, NUM_DECAYS=0), 0),
    "bad_warmup_method": ("an unknown WARMUP_METHOD", dict(BASE_LR=0.1, MAX_ITER=50, STEPS=[20],
                                                           WARMUP_METHOD="exp"), 0),
}


def node(type_, **kw):
    return dict(type=type_, **kw)


MULT_CASES = {
    "lazy_multistep": ("the LazyConfig COCO schedule shape (configs/common/coco_schedule.py)", 0.02, 90, node(
        "detectron2.WarmupParamScheduler", warmup_length=0.1, warmup_factor=0.001,
        scheduler=node("fvcore.MultiStepParamScheduler", values=[1.0, 0.1, 0.01], milestones=[60, 80],
                       num_updates=90))),
    "lazy_cosine_rescale": ("WarmupParamScheduler(rescale_interval=True) over a cosine", 0.1, 80, node(
        "detectron2.WarmupParamScheduler", warmup_length=0.25, warmup_factor=0.01, warmup_method="linear",
        rescale_interval=True, scheduler=node("fvcore.CosineParamScheduler", start_value=1.0, end_value=0.01))),
    "lazy_composite": ("CompositeParamScheduler of constant, linear and cosine, rescaled and fixed", 0.5, 100, node(
        "fvcore.CompositeParamScheduler", lengths=[0.2, 0.3, 0.5], interval_scaling="rescaled, fixed, rescaled",
        schedulers=[node("fvcore.ConstantParamScheduler", value=0.3),
                    node("fvcore.LinearParamScheduler", start_value=0.3, end_value=1.0),
                    node("fvcore.CosineParamScheduler", start_value=1.0, end_value=0.0)])),
    "lazy_polynomial": ("PolynomialDecayParamScheduler", 0.01, 50, node(
        "fvcore.PolynomialDecayParamScheduler", base_value=1.0, power=0.9)),
    "lazy_exponential": ("ExponentialParamScheduler", 0.01, 60, node(
        "fvcore.ExponentialParamScheduler", start_value=2.0, decay=0.02)),
    "lazy_step": ("StepParamScheduler", 0.3, 70, node(
        "fvcore.StepParamScheduler", num_updates=70, values=[1.0, 0.5, 0.25, 0.125])),
    "lazy_step_fixed_gamma": ("StepWithFixedGammaParamScheduler", 0.3, 90, node(
        "fvcore.StepWithFixedGammaParamScheduler", base_value=1.0, num_decays=2, gamma=0.1, num_updates=90)),
    "lazy_multistep_even": ("MultiStepParamScheduler without milestones: evenly split", 0.1, 100, node(
        "fvcore.MultiStepParamScheduler", values=[1.0, 0.3, 0.1], num_updates=100)),
    "lazy_multistep_no_updates": ("MultiStepParamScheduler without num_updates: the last milestone", 0.1, 50, node(
        "fvcore.MultiStepParamScheduler", values=[1.0, 0.3, 0.1], milestones=[10, 20, 30])),
    "lazy_composite_uneven": ("lengths summing to 0.9995: the last one is made 1 - the others", 0.1, 40, node(
        "fvcore.CompositeParamScheduler", lengths=[0.3, 0.6995], interval_scaling="rescaled, rescaled",
        schedulers=[node("fvcore.LinearParamScheduler", start_value=0.0, end_value=1.0),
                    node("fvcore.CosineParamScheduler", start_value=1.0, end_value=0.1)])),
    "lazy_composite_bad_lengths": ("lengths summing to 0.9", 0.1, 40, node(
        "fvcore.CompositeParamScheduler", lengths=[0.3, 0.6], interval_scaling="rescaled, rescaled",
        schedulers=[node("fvcore.ConstantParamScheduler", value=1.0),
                    node("fvcore.ConstantParamScheduler", value=0.1)])),
    "lazy_multistep_bad_milestone": ("a milestone at num_updates", 0.1, 40, node(
        "fvcore.MultiStepParamScheduler", values=[1.0, 0.1], milestones=[40], num_updates=40)),
}

# fvcore schedulers on their own: value at where = i / max_iter
FVCORE_CASES = {
    "fvcore_cosine": ("CosineParamScheduler", 50, node("fvcore.CosineParamScheduler", start_value=0.1,
                                                       end_value=0.0001)),
    "fvcore_linear": ("LinearParamScheduler", 40, node("fvcore.LinearParamScheduler", start_value=0.0001,
                                                       end_value=0.01)),
    "fvcore_constant": ("ConstantParamScheduler", 10, node("fvcore.ConstantParamScheduler", value=0.42)),
    "fvcore_multistep": ("MultiStepParamScheduler", 120, node(
        "fvcore.MultiStepParamScheduler", values=[0.1, 0.01, 0.001, 0.0001], milestones=[30, 60, 80],
        num_updates=120)),
    "fvcore_step": ("StepParamScheduler", 120, node("fvcore.StepParamScheduler", num_updates=120,
                                                    values=[0.1, 0.01, 0.001, 0.0001])),
    "fvcore_exponential": ("ExponentialParamScheduler", 30, node("fvcore.ExponentialParamScheduler",
                                                                 start_value=2.0, decay=0.02)),
    "fvcore_polynomial": ("PolynomialDecayParamScheduler", 30, node("fvcore.PolynomialDecayParamScheduler",
                                                                    base_value=0.1, power=0.9)),
    "fvcore_step_fixed_gamma": ("StepWithFixedGammaParamScheduler", 120, node(
        "fvcore.StepWithFixedGammaParamScheduler", base_value=0.1, num_decays=3, gamma=0.1, num_updates=120)),
}


def shim(root):
    for rel, text in SHIMS.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if not os.path.exists(path) or open(path).read() != text:
            with open(path, "w") as f:
                f.write(text)
    sys.path.insert(0, root)


def instantiate(n, classes):
    kw = {}
    for k, v in n.items():
        if k == "type":
            continue
        if isinstance(v, dict):
            v = instantiate(v, classes)
        elif isinstance(v, list) and v and isinstance(v[0], dict):
            v = [instantiate(x, classes) for x in v]
        elif isinstance(v, list):
            v = list(v)
        elif k == "interval_scaling":  # lrsched writes the list as words separated by commas
            v = [w.strip() for w in v.split(",")]
        kw[k] = v
    return classes[n["type"]](**kw)


def rows_of(max_iter, sample, boundaries):
    if not sample:
        return list(range(max_iter))
    rows = set(range(0, max_iter, sample)) | {max_iter - 1}
    for b in boundaries:
        rows |= {r for r in range(b - 4, b + 5) if 0 <= r < max_iter}
    return sorted(rows)


def run_lr_scheduler(make, base_lr, max_iter, rows):
    import torch
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=base_lr, momentum=0.9)
    sched = make(opt)
    out = {}
    stepped = rows == list(range(max_iter))
    for i in rows:
        if not stepped and i > 0:
            sched.last_epoch = i - 1
            sched.step()
        out[i] = opt.param_groups[0]["lr"]
        if stepped:
            opt.step()
            sched.step() if i < max_iter - 1 else None
    return out


def yaml_value(v, indent):
    if isinstance(v, str):
        return v
    if isinstance(v, list) and v and isinstance(v[0], dict):
        return "".join("\n" + " " * indent + "- " + yaml_map(x, indent + 2).lstrip() for x in v)
    if isinstance(v, list):
        return "[" + ", ".join(x if isinstance(x, str) else yaml_number(x) for x in v) + "]"
    if isinstance(v, dict):
        return "\n" + yaml_map(v, indent + 2) if v else "{}"
    return yaml_number(v)


def yaml_map(m, indent):
    lines = []
    for k, v in m.items():
        lines.append(" " * indent + k + ": " + yaml_value(v, indent))
    return "\n".join(lines).replace(": \n", ":\n")


def write(name, header, steps, schedule, result):
    with open(os.path.join(OUT, name + ".yaml"), "w") as f:
        f.write("# generated by src/tools/golden/detectron2_schedulers.py from detectron2's and fvcore's own code\n")
        f.write("# (facebookresearch/detectron2@02b5c4e295e990042a714712c21dc79b731e8833 detectron2/solver, "
                "facebookresearch/fvcore@3378afe0d71dc2aa95e358bc78dc9b67cb48825a fvcore/common/param_scheduler.py)\n")
        f.write("# " + header + "\n")
        f.write("steps: %d\nschedules:\n  - name: %s\n" % (steps, name))
        f.write(yaml_map(schedule, 4) + "\n")
    if isinstance(result, tuple):
        with open(os.path.join(OUT, name + ".error"), "w") as f:
            f.write("param: %s\nmessage: %s\n" % result)
    else:
        with open(os.path.join(OUT, name + ".csv"), "w") as f:
            f.write("step,%s\n" % name)
            for i in sorted(result):
                f.write("%d,%r\n" % (i, result[i]))


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "/tmp/scratch-d2"
    shim(root)
    import logging
    logging.basicConfig(level=logging.WARNING)
    from detectron2.config.defaults import _C
    from detectron2.solver import build, lr_scheduler
    from fvcore.common import param_scheduler as ps
    classes = {"detectron2.WarmupParamScheduler": lr_scheduler.WarmupParamScheduler}
    for cls in ps.__all__:
        classes["fvcore." + cls] = getattr(ps, cls)
    os.makedirs(OUT, exist_ok=True)
    for f in glob.glob(os.path.join(OUT, "*")):
        if f.endswith((".yaml", ".csv", ".error")):
            os.remove(f)

    for name, (note, given, sample) in BUILD_CASES.items():
        solver = {k: _C.SOLVER[k] for k in SOLVER_KEYS}
        solver.update(given)
        cfg = type(_C)({"SOLVER": type(_C)(solver)})
        n = solver["MAX_ITER"]
        boundaries = list(solver["STEPS"]) + [solver["WARMUP_ITERS"]]
        rows = rows_of(n, sample, boundaries)
        try:
            result = run_lr_scheduler(lambda opt: build.build_lr_scheduler(cfg, opt), solver["BASE_LR"], n, rows)
            if sample:  # the stepped scheduler agrees at the first rows
                check = run_lr_scheduler(lambda opt: build.build_lr_scheduler(cfg, opt), solver["BASE_LR"], n,
                                         list(range(min(n, 3000))))
                assert all(check[i] == result[i] for i in result if i in check), name
        except Exception as e:  # noqa: BLE001 - the library's refusal is the expected outcome
            result = (param_of(e, given), "%s: %s" % (type(e).__name__, e))
        spec = {"type": "detectron2.build_lr_scheduler"}
        spec["SOLVER"] = {k: (list(v) if isinstance(v, tuple) else v) for k, v in given.items()}
        write(name, note, n, spec, result)

    for name, (note, lr, max_iter, tree) in MULT_CASES.items():
        try:
            result = run_lr_scheduler(lambda opt: lr_scheduler.LRMultiplier(
                opt, multiplier=instantiate(tree, classes), max_iter=max_iter), lr, max_iter,
                list(range(max_iter)))
        except Exception as e:  # noqa: BLE001
            result = ("lengths" if "lengths" in str(e) else "milestones", "%s: %s" % (type(e).__name__, e))
        spec = {"type": "detectron2.LRMultiplier", "lr": lr, "max_iter": max_iter, "multiplier": tree}
        write(name, note, max_iter, spec, result)

    example_configs(build, _C.SOLVER)

    for name, (note, max_iter, tree) in FVCORE_CASES.items():
        sched = instantiate(tree, classes)
        result = {i: sched(i / max_iter) for i in range(max_iter)}
        spec = dict(tree)
        spec["max_iter"] = max_iter
        write(name, note, max_iter, spec, result)


def solver_of(path):
    import ast
    import yaml
    with open(path) as f:
        doc = yaml.safe_load(f)
    solver = {}
    if "_BASE_" in doc:
        solver = solver_of(os.path.join(os.path.dirname(path), doc["_BASE_"]))
    for k, v in (doc.get("SOLVER") or {}).items():
        if isinstance(v, str):
            try:
                v = ast.literal_eval(v)
            except (ValueError, SyntaxError):
                pass
        solver[k] = v
    return solver


def example_configs(build, defaults):
    examples = os.path.join(HERE, "..", "..", "..", "examples", "configs", "detectron2")
    out = os.path.join(OUT, "..", "configs", "detectron2-examples")
    os.makedirs(out, exist_ok=True)
    for name in ["faster_rcnn_R_50_FPN_3x", "Base-RCNN-FPN"]:
        solver = dict(defaults)
        solver.update(solver_of(os.path.join(examples, name + ".yaml")))
        cfg = type(defaults)({"SOLVER": type(defaults)(solver)})
        n = solver["MAX_ITER"]
        rows = rows_of(n, 997, list(solver["STEPS"]) + [solver["WARMUP_ITERS"]])
        result = run_lr_scheduler(lambda opt: build.build_lr_scheduler(cfg, opt), solver["BASE_LR"], n, rows)
        with open(os.path.join(out, name + ".csv"), "w") as f:
            f.write("update,lr\n")
            for i in rows:
                f.write("%d,%r\n" % (i, result[i]))


def param_of(e, given):
    text = str(e)
    if "Milestone" in text or "miletones" in text:
        return "STEPS"
    if "warmup method" in text:
        return "WARMUP_METHOD"
    if "num_decays" in text:
        return "NUM_DECAYS"
    if isinstance(e, AssertionError):
        return "BASE_LR_END"
    return "LR_SCHEDULER_NAME"


if __name__ == "__main__":
    main()
