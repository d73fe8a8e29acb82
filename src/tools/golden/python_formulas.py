#!/usr/bin/python3
"""Golden data for lrsched's formulas (lr_lambda, scale_fn, type: expr), made by Python itself.

Each formula is a lambda as users paste it into a torch LambdaLR; CPython's own eval() compiles it (with the
math module as its only global) and calls it at every step of STEPS. No library code is involved: the reference is
the interpreter's arithmetic (CPython Objects/floatobject.c, longobject.c, Python/bltinmodule.c, Modules/mathmodule.c
of the Python running it; 3.11.2 when the committed data was made). math's functions call the C library (glibc),
whose results may differ from Java's by one unit in the last place: a formula that calls one is marked libm.

Writes src/test/resources/golden/expr/formulas.tsv: a line `F<TAB>flags<TAB>formula` starts a formula (flags: exact
or libm), then one line `step<TAB>result` per step, the result float(value) in Python repr (exact), or the error
Python raises as `raises<TAB>Type: message`, or `complex` where Python computes a complex number.
Run: /usr/bin/python3 src/tools/golden/python_formulas.py
"""
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "test", "resources", "golden", "expr", "formulas.tsv"))

STEPS = list(range(0, 61)) + [99, 100, 101, 999, 1000, 12345, 10 ** 6, 2 ** 31 + 1, 10 ** 12]

FORMULAS = [
    ("exact", "lambda epoch: min(1.0, (epoch + 1) / 10)"),
    ("exact", "lambda epoch: 1 if epoch < 5 else 0.5 if epoch < 10 else 0.1"),
    ("exact", "lambda e: (e % 7) / 7 - e // 7 * 0.01"),
    ("exact", "lambda epoch: -epoch ** 2 / 1e4 + 1"),
    ("exact", "lambda epoch: 2 ** -epoch"),
    ("exact", "lambda epoch: 0.1 ** (epoch // 30)"),
    ("exact", "lambda epoch: 10 ** -epoch"),
    ("exact", "lambda epoch: (-2) ** (epoch % 50) / 4 ** (epoch % 50)"),
    ("exact", "lambda epoch: 1 / (epoch - 5)"),
    ("exact", "lambda epoch: 1.0 / (epoch - 5)"),
    ("exact", "lambda epoch: round(epoch / 4) / 10"),
    ("exact", "lambda epoch: round(epoch * 0.125, 1) + round(2.675, 2)"),
    ("exact", "lambda epoch: round(epoch / 8 + 0.5) - round(-epoch / 8 - 0.5)"),
    ("exact", "lambda epoch: int(epoch / 3) * 0.5 + float(epoch) * 1e-3 + int(-epoch / 7)"),
    ("exact", "lambda epoch: epoch * 0.1 // 0.1"),
    ("exact", "lambda epoch: epoch * 0.1 % 0.3 - (-epoch * 0.1) % 0.3"),
    ("exact", "lambda epoch: -epoch // 3 + -epoch % 3 + epoch // -4 + epoch % -4"),
    ("exact", "lambda epoch: 1 // (epoch * 0.1) if epoch % 2 else 7.5 // (epoch - 3)"),
    ("exact", "lambda epoch: (epoch > 3 and epoch < 8) or 0.25"),
    ("exact", "lambda epoch: (epoch % 4 and 0.5) or (epoch and 0.2)"),
    ("exact", "lambda epoch: 2 < epoch <= 6"),
    ("exact", "lambda epoch: 1 < 2 < epoch != 9 > 4 == 4"),
    ("exact", "lambda epoch: not epoch % 3"),
    ("exact", "lambda epoch: abs(epoch - 10) / 10 + max(1, epoch / 7, 2) - min(epoch, 3, 2.5)"),
    ("exact", "lambda epoch: math.floor(epoch / 2.5) + math.ceil(epoch / 2.5) * 1e-2 + math.trunc(-epoch / 3)"),
    ("exact", "lambda epoch: math.fmod(-epoch, 3) + math.fabs(-epoch) / 1e3"),
    ("exact", "lambda epoch: -2 ** 2 + epoch + 2 ** 3 ** 2 / 512"),
    ("exact", "lambda epoch: 1 - 0.9 * (epoch / 20) if epoch < 20 else 0.1"),
    ("exact", "lambda epoch: epoch // 0"),
    ("exact", "lambda epoch: epoch % 0.0"),
    ("exact", "lambda epoch: 1.5 // (epoch - 2)"),
    ("exact", "lambda epoch: epoch % (epoch - 7)"),
    ("exact", "lambda epoch: 0 ** (3 - epoch)"),
    ("exact", "lambda epoch: (epoch - 4) ** 0.5"),
    ("exact", "lambda epoch: math.sqrt(10 - epoch)"),
    ("exact", "lambda epoch: int(math.inf) if epoch > 5 else 1"),
    ("exact", "lambda epoch: round(math.nan) if epoch == 9 else epoch / 9"),
    ("exact", "lambda epoch: 1e308 * 10 ** min(epoch, 300)"),
    ("libm", "lambda epoch: 10.0 ** epoch"),
    ("exact", "lambda epoch: math.pi / 4 + math.e / 10 + math.tau"),
    ("exact", "lambda epoch: 1_000 * 1e-3 + 0x10 / 16 + 0o10 + 0b11 + .5e1"),
    ("exact", "lambda epoch: True + False * epoch + (epoch if epoch else -1)"),
    ("libm", "lambda epoch: 0.95 ** epoch"),
    ("libm", "lambda epoch: max(0.0, 1 - epoch / 50) ** 0.9"),
    ("libm", "lambda step: step / 10 if step < 10 else 0.5 * (1 + math.cos(math.pi * (step - 10) / 40))"),
    ("libm", "lambda epoch: math.exp(-0.1 * epoch)"),
    ("libm", "lambda epoch: math.log(epoch)"),
    ("libm", "lambda epoch: math.log(epoch + 1, 2) + math.log10(epoch + 1)"),
    ("libm", "lambda epoch: math.log(8, epoch)"),
    ("libm", "lambda epoch: math.pow(0.5, epoch // 10) + pow(2, -epoch)"),
    ("libm", "lambda epoch: math.pow(epoch - 3, -1)"),
    ("libm", "lambda epoch: math.pow(epoch - 3, 0.5)"),
    ("libm", "lambda epoch: math.tanh(epoch / 10) * math.sin(epoch)"),
    ("libm", "lambda epoch: math.exp(epoch)"),
    ("libm", "lambda epoch: math.acos(epoch / 50)"),
    ("libm", "lambda epoch: math.atan2(epoch, 7) + math.hypot(epoch, 3) + math.copysign(1, -epoch)"),
    ("libm", "lambda epoch: math.degrees(epoch) - math.radians(epoch)"),
]


def result(fn, step):
    try:
        v = fn(step)
    except (ZeroDivisionError, ValueError, OverflowError) as e:
        return "raises\t%s: %s" % (type(e).__name__, e)
    if isinstance(v, complex):
        return "complex"
    try:
        return repr(float(v))
    except OverflowError as e:
        return "raises\t%s: %s" % (type(e).__name__, e)


def main():
    lines = ["# generated by src/tools/golden/python_formulas.py with CPython %s" % sys.version.split()[0]]
    for flags, text in FORMULAS:
        fn = eval(text, {"math": math, "__builtins__": __builtins__})
        lines.append("F\t%s\t%s" % (flags, text))
        for step in STEPS:
            lines.append("%d\t%s" % (step, result(fn, step)))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
