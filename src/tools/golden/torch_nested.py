#!/usr/bin/python3
"""Golden data for SequentialLR and ChainedScheduler nested in each other, made by the real torch.optim.lr_scheduler.

    /usr/bin/python3 src/tools/golden/torch_nested.py                # torch 1.13 -> golden/torch-nested
    /usr/bin/python3 src/tools/golden/torch_nested.py --module DIR --source TEXT   # newest -> golden/torch-nested2

Same machinery as src/tools/golden/torch_golden.py (imported from beside this file: the optimizer, the building of
real schedulers, children before their parent and in list order, the stepping and the YAML writing); only the cases
and the output directories are this script's own, so that torch_golden.py's runs (which delete files they did not
write in golden/torch and golden/torch2) leave them alone. Without --module it runs Debian's torch 1.13 and every
spec says `versions: {torch: "1.13"}`; with --module DIR it imports DIR/lr_scheduler.py exactly as torch_golden.py
does (--source says where it was copied from, for the headers). The committed torch-nested2 data comes from the
torch 2.14.1 release wheel's lr_scheduler.py (see torch_golden.py's docstring for it and the scratch folder's
layout); the earlier data, from pytorch/pytorch lr_scheduler.py at commit 008f727ece1520e12c25089a7969d5b8fca75f8e,
had the same files.

Row s = optimizer.param_groups[0]['lr'] after s calls of the outermost scheduler's step(). A case that torch
refuses to build writes .error (param: schedulers, message: torch's); one whose step() raises writes the rows before
it and .raises.
"""

import importlib
import os
import sys

import torch_golden as G

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = []


def case(name, type_, lr, steps, expect13=None, expect2=None, far=(), **kwargs):
    """expect13 / expect2: None (rows), 'error' (constructor raises) or 'raises' (a step raises)."""
    CASES.append(dict(name=name, type=type_, lr=lr, steps=steps, far=list(far), jump=[], kwargs=kwargs,
                      expect13=expect13, expect2=expect2))


child = G.child

# ChainedScheduler inside ChainedScheduler: every leaf steps, in depth-first order, on the one lr.
case("chained_in_chained", "ChainedScheduler", 0.1, 30, far=[200],
     schedulers=[child("ExponentialLR", gamma=0.9),
                 child("ChainedScheduler", schedulers=[child("StepLR", step_size=3, gamma=0.5),
                                                        child("LinearLR", start_factor=0.5, total_iters=4)])])
# SequentialLR inside ChainedScheduler: the inner SequentialLR's constructor resets the lr and undoes its children.
case("sequential_in_chained", "ChainedScheduler", 0.1, 40, far=[500],
     schedulers=[child("SequentialLR", milestones=[5],
                       schedulers=[child("LinearLR", start_factor=0.1, total_iters=5),
                                   child("ExponentialLR", gamma=0.95)]),
                 child("StepLR", step_size=7, gamma=0.5)])
case("sequential_cosine_in_chained", "ChainedScheduler", 0.01, 60, far=[1000],
     schedulers=[child("ExponentialLR", gamma=0.99),
                 child("SequentialLR", milestones=[4],
                       schedulers=[child("ConstantLR", factor=0.25, total_iters=4),
                                   child("CosineAnnealingLR", T_max=12, eta_min=0.001)])])
# SequentialLR as the first child of SequentialLR: the outer constructor steps the inner one once more.
case("sequential_in_sequential_first", "SequentialLR", 0.1, 40, far=[300],
     milestones=[10],
     schedulers=[child("SequentialLR", milestones=[4],
                       schedulers=[child("LinearLR", start_factor=0.2, total_iters=4),
                                   child("ExponentialLR", gamma=0.9)]),
                 child("CosineAnnealingLR", T_max=10)])
case("sequential_in_sequential_first_2", "SequentialLR", 1.0, 30,
     milestones=[12],
     schedulers=[child("SequentialLR", milestones=[3],
                       schedulers=[child("ConstantLR", factor=0.5, total_iters=2),
                                   child("MultiStepLR", milestones=[2, 6], gamma=0.5)]),
                 child("PolynomialLR", total_iters=10, power=2.0)])
# A nested composite reached at a milestone: 1.13's step(0) and 2.x's _update_lr(0) both fail.
case("sequential_in_sequential_second", "SequentialLR", 0.1, 20, expect13="raises", expect2="raises",
     milestones=[5],
     schedulers=[child("ConstantLR", factor=0.5, total_iters=2),
                 child("SequentialLR", milestones=[3],
                       schedulers=[child("ExponentialLR", gamma=0.9), child("StepLR", step_size=2)])])
# ChainedScheduler inside SequentialLR: 1.13 fails when built (it undoes last_epoch, which ChainedScheduler lacks).
case("chained_in_sequential_first", "SequentialLR", 0.1, 30, expect13="error",
     milestones=[8],
     schedulers=[child("ChainedScheduler", schedulers=[child("ConstantLR", factor=0.5, total_iters=3),
                                                        child("ExponentialLR", gamma=0.9)]),
                 child("CosineAnnealingLR", T_max=10)])
case("chained_in_sequential_second", "SequentialLR", 0.1, 20, expect13="error", expect2="raises",
     milestones=[6],
     schedulers=[child("ExponentialLR", gamma=0.9),
                 child("ChainedScheduler", schedulers=[child("StepLR", step_size=2, gamma=0.5),
                                                        child("ExponentialLR", gamma=0.95)])])
# Three levels.
case("three_levels", "ChainedScheduler", 0.05, 50, far=[400],
     schedulers=[child("SequentialLR", milestones=[6],
                       schedulers=[child("SequentialLR", milestones=[2],
                                         schedulers=[child("ConstantLR", factor=0.1, total_iters=1),
                                                     child("LinearLR", start_factor=0.3, total_iters=3)]),
                                   child("CosineAnnealingLR", T_max=15, eta_min=0.0001)]),
                 child("MultiplicativeLR", lr_lambda="0.99")])


def main():
    args = sys.argv[1:]
    module = None
    out = os.path.join(G.REPO, "src", "test", "resources", "golden", "torch-nested")
    if args[:1] == ["--module"] and len(args) == 4 and args[2] == "--source":
        module = os.path.abspath(args[1])
        sys.path.insert(0, os.path.dirname(module))
        G.S = importlib.import_module(os.path.basename(module) + ".lr_scheduler")
        out += "2"
        source = ("%s on torch %s (Debian python3-torch %s)" % (args[3], G.torch.__version__, G.debian_version()))
    elif args:
        print("usage: torch_nested.py [--module DIR --source TEXT]", file=sys.stderr)
        return 2
    else:
        source = "torch %s (Debian python3-torch %s), torch.optim.lr_scheduler" % (G.torch.__version__,
                                                                                    G.debian_version())
    os.makedirs(out, exist_ok=True)
    written, problems = set(), []
    for c in CASES:
        rows, error, raises = G.run(c)
        outcome = "error" if error else "raises" if raises else None
        expect = c["expect2"] if module else c["expect13"]
        if outcome != expect:
            problems.append("%s: expected %s, got %s (%s)" % (c["name"], expect, outcome, error or raises))
            continue
        header = ["Generated by src/tools/golden/torch_nested.py with " + source + ".",
                  "Row s = optimizer.param_groups[0]['lr'] after s calls of the outermost scheduler's step()."]
        if c["far"]:
            header.append("Steps %s were reached by stepping." % ", ".join(map(str, c["far"])))
        files = {c["name"] + ".yaml": G.spec_text(c, header, None if module else "1.13")}
        if error:
            files[c["name"] + ".error"] = "param: schedulers\nmessage: %s\n" % G.one_line(error)
        else:
            csv = ["step," + c["name"]] + ["%d,%r" % (s, v) for s, v in rows]
            files[c["name"] + ".csv"] = "\n".join(csv) + "\n"
            if raises:
                files[c["name"] + ".raises"] = "step: %d\nmessage: %s: %s\n" % (
                    raises[0], type(raises[1]).__name__, G.one_line(raises[1]))
        for fname, text in files.items():
            with open(os.path.join(out, fname), "w") as f:
                f.write(text)
            written.add(fname)
    stale = sorted(f for f in os.listdir(out) if f.endswith(G.OWNED_EXT) and f not in written)
    for f in stale:
        os.remove(os.path.join(out, f))
    print("%d files written to %s, %d stale deleted" % (len(written), os.path.relpath(out, G.REPO), len(stale)))
    for p in problems:
        print("PROBLEM: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
