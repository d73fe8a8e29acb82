#!/usr/bin/python3
"""The matplotlib way to chart a schedule, as compare.sh times it against `lrsched plot`.

Computes torch's CosineAnnealingWarmRestarts(T_0=1000, T_mult=2, eta_min=1e-6, lr=0.1) in closed form with numpy
(stepping torch 10 million times would take minutes) and draws every point in an 800x500 PNG.
Usage: mpl_cawr.py STEPS OUT.png
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def main():
    steps = int(sys.argv[1])
    out = sys.argv[2]
    t0, mult, base, eta_min = 1000, 2, 0.1, 1e-6
    s = np.arange(steps, dtype=np.float64)
    cycle = np.floor(np.log2(s / t0 * (mult - 1) + 1))
    start = t0 * (mult ** cycle - 1) / (mult - 1)
    length = t0 * mult ** cycle
    lr = eta_min + (base - eta_min) * (1 + np.cos(np.pi * (s - start) / length)) / 2
    fig, ax = plt.subplots(figsize=(8, 5), dpi=100)
    ax.plot(s, lr, label="cawr")
    ax.set_xlabel("step")
    ax.set_ylabel("learning rate")
    ax.legend()
    fig.savefig(out)


if __name__ == "__main__":
    main()
