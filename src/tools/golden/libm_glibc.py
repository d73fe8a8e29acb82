#!/usr/bin/python3
"""Golden data for lrsched.schedule.Libm, made by this machine's C library through Python's math module.

The oracle is glibc itself: Python's math.cos calls libm's cos, which on this machine is glibc 2.36 (Debian,
x86_64) and, the CPU having FMA/AVX2, its ifunc-selected __cos_fma build of sysdeps/ieee754/dbl-64/s_sin.c
(bminor/glibc tag glibc-2.36, c804cd1c00adde061ca51711f63068c103e94eef). The script checks the libc version and
refuses to write anything on another one. No library code is copied or shimmed: only math.cos is called.

Arguments: what schedules pass (pi*k/T for many k and T, the forms torch/HF/timm/fairseq build, cycles of
restarts), uniform doubles on [0, 4*pi] and [-1e8, 1e8], random bit patterns with |x| < 105414350 (glibc's
reduce_sincos domain; beyond it glibc uses branred.c, which Libm does not reproduce), and special values (+-0,
subnormals, the range boundaries of s_sin.c, NaN, +-inf).

Writes src/test/resources/golden/libm/cos.csv: one line `x,cos(x)` per argument, both as float.hex (exact).
Run: /usr/bin/python3 src/tools/golden/libm_glibc.py [OUTPUT_DIR]
"""
import math
import platform
import random
import struct
import sys

LIMIT = 105414350.0


def schedule_arguments():
    """Arguments of the forms the schedules use, in their libraries' order of operations."""
    for T in (1, 2, 3, 7, 10, 30, 90, 100, 300, 1000, 1234, 5000, 10000):
        for k in range(0, T + 1, max(1, T // 600)):
            yield math.pi * k / T                # torch CosineAnnealingLR closed form, timm, fairseq
            yield math.pi * (k / T)              # HF get_cosine_schedule_with_warmup: pi * progress
            yield math.pi * float(0.5) * 2.0 * (k / T)  # HF: pi * num_cycles * 2.0 * progress
            yield (k + 1) * math.pi / T          # torch recursive form: (last_epoch + 1) * pi / T_max
            yield math.pi * (k % max(1, T // 3)) / max(1, T // 3)  # restarts within a cycle
            yield k * math.pi / T * 3.0          # several periods (past the end of a schedule)


def special_arguments():
    tiny = 5e-324
    values = [0.0, tiny, 2.2250738585072014e-308, 2.2250738585072009e-308, 2.0 ** -1074 * 12345, 1e-300,
              2.0 ** -28, 2.0 ** -27, math.nextafter(2.0 ** -27, 0), 1e-9, 1e-5, 0.126, 0.5,
              float.fromhex('0x1.b6p-1'), math.nextafter(float.fromhex('0x1.b6p-1'), 0),
              float.fromhex('0x1.368fdp1'), math.nextafter(float.fromhex('0x1.368fdp1'), 0),
              math.pi / 4, math.pi / 2, math.pi, 1.5 * math.pi, 2 * math.pi, 3 * math.pi, 4 * math.pi,
              1e6, 1e7, 1e8, math.nextafter(LIMIT, 0), 1.0, 2.0, 3.0, 10.0, 100.0, 710.0, 12345.678]
    for v in values:
        yield v
        yield -v
    yield math.nan
    yield math.inf
    yield -math.inf


def random_arguments(rnd):
    for _ in range(6000):
        yield rnd.uniform(0, 4 * math.pi)
    for _ in range(3000):
        yield rnd.uniform(-3.0, 3.0)
    for _ in range(3000):
        yield rnd.uniform(-1e8, 1e8)
    n = 0
    while n < 6000:
        x = struct.unpack('<d', struct.pack('<Q', rnd.getrandbits(64)))[0]
        if abs(x) < LIMIT:
            n += 1
            yield x
    for _ in range(4000):
        yield math.copysign(rnd.random() * 2.0 ** rnd.randint(-40, 26), rnd.random() - 0.5)


def cos(x):
    """math.cos, except that for +-inf (where Python raises ValueError instead of returning glibc's NaN) the
    result is glibc's NaN, which Python reports as the domain error."""
    return math.nan if math.isinf(x) else math.cos(x)


def main():
    if platform.libc_ver() != ('glibc', '2.36'):
        sys.exit('libm_glibc.py: the oracle must be glibc 2.36, found %r' % (platform.libc_ver(),))
    out = sys.argv[1] if len(sys.argv) > 1 else 'src/test/resources/golden/libm'
    rnd = random.Random(20261206)
    seen = set()
    lines = []
    for source in (special_arguments(), schedule_arguments(), random_arguments(rnd)):
        for x in source:
            key = struct.pack('<d', x)
            if key not in seen:
                seen.add(key)
                lines.append('%s,%s\n' % (x.hex(), cos(x).hex()))
    with open(out + '/cos.csv', 'w') as f:
        f.write('# x,cos(x) as float.hex; oracle: glibc 2.36 x86_64 (__cos_fma) via Python math.cos\n')
        f.writelines(lines)
    print('%d lines' % len(lines))


if __name__ == '__main__':
    main()
