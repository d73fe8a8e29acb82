#!/usr/bin/python3
"""The PyTorch way to tabulate a schedule, as compare.sh times it against lrsched.

Creates an optimizer and a CosineAnnealingWarmRestarts scheduler, then for every step writes the optimizer's
learning rate to CSV and steps the scheduler: row s is the lr after s calls of scheduler.step(), lrsched's row
convention. Same parameters as cawr.yaml. Usage: torch_cawr.py STEPS OUT.csv
"""
import csv
import sys
import warnings

import torch


def main():
    steps = int(sys.argv[1])
    out = sys.argv[2]
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=0.1)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0=1000, T_mult=2, eta_min=1e-6)
    # nothing is trained, so scheduler.step() comes without optimizer.step(); torch warns about that once
    warnings.filterwarnings("ignore", message="Detected call of `lr_scheduler.step\\(\\)` before")
    with open(out, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["step", "cawr"])
        for step in range(steps):
            writer.writerow([step, optimizer.param_groups[0]["lr"]])  # csv writes floats as repr()
            scheduler.step()


if __name__ == "__main__":
    main()
