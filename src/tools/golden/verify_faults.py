#!/usr/bin/python3
"""Training logs, correct and faulty, from real torch schedulers, for lrsched verify's tests.

Each case trains nothing: it runs the loop a training script runs (optimizer.step(), then scheduler.step()) with
torch.optim.lr_scheduler's own classes (Debian's python3-torch; the version is printed into README.txt), and logs
the learning rate as a CSV `step,lr` whose row `step=u` claims to be the LR the optimizer used for update u (0-based),
read from param_groups[0]['lr'] just before optimizer.step(). The faults are the ones users report:

  ok      the loop as it should be
  k2      scheduler.step() called twice per update (accelerate with 2 processes)
  k4      four times per update
  epoch7  scheduler.step() once every 7 updates (once per epoch; Lightning's default interval)
  restart a fresh optimizer and scheduler at update R (a resume that did not restore the scheduler)
  ahead   the value logged for update u read after scheduler.step() (the next update's LR)
  behind  the value logged for update u is the one read at update u - 1

and `other`: a run of a different plan (another peak LR), which no fault explains.

Usage: verify_faults.py OUT_DIR
"""
import sys
import warnings
from pathlib import Path

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR, StepLR

UPDATES = 240


def warmup_cosine(opt):
    # plan: warmup_cosine.yaml
    return SequentialLR(opt, [LinearLR(opt, start_factor=0.01, end_factor=1.0, total_iters=20),
                              CosineAnnealingLR(opt, T_max=220, eta_min=1e-5)], milestones=[20])


def steps(opt):
    # plan: step.yaml
    return StepLR(opt, step_size=30, gamma=0.5)


PLANS = {"warmup_cosine": (warmup_cosine, 3e-4), "step": (steps, 0.1)}


def run(make, lr, fault, restart_at=97):
    def fresh():
        p = torch.nn.Parameter(torch.zeros(1))
        opt = torch.optim.SGD([p], lr=lr)
        return opt, make(opt)

    opt, sched = fresh()
    rows = []
    previous = None
    for u in range(UPDATES):
        if fault == "restart" and u == restart_at:
            opt, sched = fresh()
        used = opt.param_groups[0]["lr"]
        opt.step()
        calls = {"k2": 2, "k4": 4}.get(fault, 1)
        if fault == "epoch7":
            calls = 1 if (u + 1) % 7 == 0 else 0
        for _ in range(calls):
            sched.step()
        if fault == "ahead":
            rows.append((u, opt.param_groups[0]["lr"]))
        elif fault == "behind":
            if previous is not None:
                rows.append((u, previous))
        else:
            rows.append((u, used))
        previous = used
    return rows


def write(path, rows, every):
    with open(path, "w") as f:
        f.write("step,lr\n")
        for u, v in rows:
            if u % every == 0 or every == 1:
                f.write(f"{u},{v!r}\n")


def main(out):
    warnings.simplefilter("ignore")  # SequentialLR's deprecated step(0) at its milestone, as in training
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    lines = [f"made by src/tools/golden/verify_faults.py with torch {torch.__version__}", ""]
    for name, (make, lr) in PLANS.items():
        for fault in ["ok", "k2", "k4", "epoch7", "restart", "ahead", "behind"]:
            every = 1 if fault in ("epoch7", "restart", "ahead", "behind") else 5
            write(out / f"{name}.{fault}.csv", run(make, lr, fault), every)
            lines.append(f"{name}.{fault}.csv: plan {name}.yaml, fault {fault}, logged every {every} updates")
        write(out / f"{name}.other.csv", run(make, lr * 1.5, "ok"), 5)
        lines.append(f"{name}.other.csv: plan {name}.yaml run with 1.5 times its lr (no known fault)")
    (out / "README.txt").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
