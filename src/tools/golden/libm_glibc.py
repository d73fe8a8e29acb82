#!/usr/bin/python3
"""Golden data for lrsched.core.Libm, made by this machine's C library through Python's math module.

The oracle is glibc itself: Python's math.cos, math.exp, math.log and float ** call libm's cos, exp, log and pow,
which on this machine are glibc 2.36 (Debian, x86_64) and, the CPU having FMA/AVX2, their ifunc-selected __cos_fma,
__exp_fma, __log_fma and __pow_fma builds of sysdeps/ieee754/dbl-64/s_sin.c, e_exp.c, e_log.c and e_pow.c
(bminor/glibc tag glibc-2.36, c804cd1c00adde061ca51711f63068c103e94eef). pow is called through ctypes (the same
libm symbol float ** calls, without Python's own refusals in front, so that NaN, infinite and zero results are
recorded as C returns them). The script checks the libc version and refuses to write anything on another one. No
library code is copied or shimmed.

cos arguments: what schedules pass (pi*k/T for many k and T, the forms torch/HF/timm/fairseq build, cycles of
restarts), uniform doubles on [0, 4*pi] and [-1e8, 1e8], random bit patterns with |x| < 105414350 (glibc's
reduce_sincos domain; beyond it glibc uses branred.c, which Libm does not reproduce), and special values (+-0,
subnormals, the range boundaries of s_sin.c, NaN, +-inf).

exp arguments: what schedules pass (-gamma*t for NaturalExpDecay-like decays, log(gamma)*epoch, -rate*n), uniform
doubles on [-750, 710] (overflow, glibc's large-|x| special case, subnormal and zero results) and [-5, 5], random
bit patterns, tiny |x| (below 2^-54 glibc returns 1 + x), and special values.

log arguments: what schedules pass (gamma, T_mult, final scales, warmup step counts i + 1 and w, restart
arguments t/T0*(mult-1)+1), the near-1 interval glibc special-cases ([1-2^-4, 1+0x1.09p-4]) densely, uniform on
[0, 10], powers of uniforms, random positive bit patterns (subnormals included), and special values (+-0, 1,
negatives, NaN, +-inf).

pow arguments: what schedules pass (gamma ** k, (1 - t/T) ** power, 0.5 ** k, step ** -0.5 and ** -1.5,
(x / length) ** k, ratios ** (1 / (n - 1))), uniform bases and exponents, negative bases with integer and other
exponents, random bit patterns for both, and special pairs (zeros, ones, infinities, NaN, subnormals, overflow and
underflow).

Writes src/test/resources/golden/libm/cos.csv, exp.csv, log.csv (`x,f(x)`) and pow.csv (`x,y,pow(x,y)`): one line `x,f(x)` per argument, both as float.hex (exact).
Run: /usr/bin/python3 src/tools/golden/libm_glibc.py [OUTPUT_DIR]
"""
import ctypes
import math
import platform
import random
import struct
import sys

LIMIT = 105414350.0


def signed(values):
    """Each value, then its negation."""
    for v in values:
        yield v
        yield -v


def with_non_finite(values):
    """The values, then NaN, +inf and -inf."""
    yield from values
    yield math.nan
    yield math.inf
    yield -math.inf


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
    return with_non_finite(signed(values))


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


def exp_schedule_arguments():
    for gamma in (0.1, 0.5, 0.9, 0.95, 0.99, 0.999, 1e-4, 2.0):
        for t in range(0, 3000, 7):
            yield -gamma * t                     # paddle NaturalExpDecay: exp(-1 * gamma * epoch)
            yield math.log(gamma) * t            # gamma ** t written as exp(t * log(gamma))
    for rate in (1e-5, 1e-3, 0.05):
        for n in range(0, 200000, 997):
            yield -rate * n                      # fairseq exponential decay


def exp_special_arguments():
    values = [0.0, 5e-324, 1e-300, 2.0 ** -54, math.nextafter(2.0 ** -54, 0), 2.0 ** -53, 1e-10, 0.5, 1.0, 2.0,
              math.log(2), 88.0, 511.9, 512.0, 512.1, 700.0, 709.0, 709.782712893384, 709.7827128933841,
              710.0, 745.0, 745.1332191019411, 745.1332191019412, 746.0, 1000.0, 1023.9, 1024.0, 1e300]
    return with_non_finite(signed(values))


def exp_random_arguments(rnd):
    for _ in range(8000):
        yield rnd.uniform(-750.0, 710.0)
    for _ in range(4000):
        yield rnd.uniform(-5.0, 5.0)
    for _ in range(4000):
        yield struct.unpack('<d', struct.pack('<Q', rnd.getrandbits(64)))[0]
    for _ in range(4000):
        yield math.copysign(rnd.random() * 2.0 ** rnd.randint(-60, 10), rnd.random() - 0.5)


def log_schedule_arguments():
    for w in range(1, 5001):
        yield float(w)                           # deepspeed log warmup: log(i + 1), log(w)
    for g in (0.1, 0.5, 0.9, 0.95, 0.99, 0.999, 1e-3, 1e-4, 0.01, 0.05, 1.5, 2.0, 3.0):
        yield g                                  # log(gamma), log(final_scale), log(T_mult)
    for mult in (1.5, 2.0, 3.0):
        for s in range(0, 20000, 37):
            yield s / 100 * (mult - 1) + 1       # restarts: log(t / T0 * (mult - 1) + 1)


def log_special_arguments():
    values = [0.0, -0.0, 5e-324, 2.2250738585072014e-308, 2.2250738585072009e-308, 1e-300, 1.0,
              math.nextafter(1.0, 0), math.nextafter(1.0, 2), 1.0 - 2.0 ** -4, math.nextafter(1.0 - 2.0 ** -4, 0),
              1.0 + float.fromhex('0x1.09p-4'), math.nextafter(1.0 + float.fromhex('0x1.09p-4'), 2), 2.0, 0.5,
              math.e, 10.0, 1e300, 1.7976931348623157e308, -1.0, -1e-300]
    return with_non_finite(values)


def log_random_arguments(rnd):
    for _ in range(6000):
        yield rnd.uniform(1.0 - 2.0 ** -4, 1.0 + 2.0 ** -4)
    for _ in range(4000):
        yield rnd.uniform(0.0, 10.0)
    for _ in range(3000):
        yield rnd.random() ** rnd.randint(1, 100)
    for _ in range(4000):
        yield struct.unpack('<d', struct.pack('<Q', rnd.getrandbits(63)))[0]
    for _ in range(3000):
        yield rnd.random() * 2.0 ** rnd.randint(-1074, 1023)


LIBM = ctypes.CDLL('libm.so.6')
LIBM.pow.restype = ctypes.c_double
LIBM.pow.argtypes = (ctypes.c_double, ctypes.c_double)


def pow_arguments(rnd):
    for gamma in (0.1, 0.5, 0.9, 0.95, 0.97, 0.99, 0.999, 0.9999, 2.0, 1e-3):
        for k in range(0, 2000, 3):
            yield gamma, float(k)                # gamma ** k: ExponentialLR/StepLR closed forms, step decays
    for power in (0.5, 0.9, 1.0, 1.5, 2.0, 3.0):
        for T in (10, 100, 1000, 7777):
            for t in range(0, T + 1, max(1, T // 300)):
                yield 1 - t / T, power           # polynomial decays: (1 - t / T) ** power
    for n in range(1, 20001, 7):
        yield float(n), -0.5                     # inverse square root: step ** -0.5
        yield float(n), -1.5                     # noam warmup: warmup ** -1.5
        yield float(n), 0.5
    for k in (0.5, 1.0, 1.5, 2.0):
        for x in range(0, 1000, 3):
            yield float(x), k                    # timm k-decay: x ** k, length ** k
    specials = [0.0, -0.0, 1.0, -1.0, 0.5, 2.0, -2.0, 3.0, 5e-324, 2.2250738585072014e-308, 1e300,
                1.7976931348623157e308, math.inf, -math.inf, math.nan, 0.1, 10.0, 1024.0, -1075.0, 1e-20, 1e20]
    for x in specials:
        for y in specials:
            yield x, y
    for _ in range(6000):
        yield rnd.uniform(0.0, 1.0), rnd.uniform(0.0, 1000.0)
    for _ in range(4000):
        yield rnd.uniform(-10.0, 10.0), float(rnd.randint(-60, 60))
    for _ in range(2000):
        yield rnd.uniform(-10.0, 10.0), rnd.uniform(-400.0, 400.0)
    for _ in range(4000):
        yield rnd.uniform(0.0, 5.0), rnd.uniform(-5.0, 5.0)
    for _ in range(6000):
        yield tuple(struct.unpack('<dd', struct.pack('<QQ', rnd.getrandbits(64), rnd.getrandbits(64))))


def write_pow(path, rnd):
    seen = set()
    lines = []
    for x, y in pow_arguments(rnd):
        key = struct.pack('<dd', x, y)
        if key not in seen:
            seen.add(key)
            lines.append('%s,%s,%s\n' % (x.hex(), y.hex(), LIBM.pow(x, y).hex()))
    with open(path + '/pow.csv', 'w') as f:
        f.write('# x,y,pow(x,y) as float.hex; oracle: glibc 2.36 x86_64 (__pow_fma) via ctypes, as float ** calls it\n')
        f.writelines(lines)
    print('pow: %d lines' % len(lines))


def log(x):
    """math.log, except that where Python raises ValueError glibc's result is written: -inf for 0, NaN below."""
    if x == 0:
        return -math.inf
    return math.nan if x < 0 or math.isinf(x) and x < 0 else math.log(x)


def exp(x):
    """math.exp, except that where Python raises OverflowError glibc's result, +inf, is written."""
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf


def write(path, name, function, sources):
    seen = set()
    lines = []
    for source in sources:
        for x in source:
            key = struct.pack('<d', x)
            if key not in seen:
                seen.add(key)
                lines.append('%s,%s\n' % (x.hex(), function(x).hex()))
    with open(path + '/' + name + '.csv', 'w') as f:
        f.write('# x,%s(x) as float.hex; oracle: glibc 2.36 x86_64 (__%s_fma) via Python math.%s\n' % (name, name, name))
        f.writelines(lines)
    print('%s: %d lines' % (name, len(lines)))


def cos(x):
    """math.cos, except that for +-inf (where Python raises ValueError instead of returning glibc's NaN) the
    result is glibc's NaN, which Python reports as the domain error."""
    return math.nan if math.isinf(x) else math.cos(x)


def main():
    if platform.libc_ver() != ('glibc', '2.36'):
        sys.exit('libm_glibc.py: the oracle must be glibc 2.36, found %r' % (platform.libc_ver(),))
    out = sys.argv[1] if len(sys.argv) > 1 else 'src/test/resources/golden/libm'
    write(out, 'cos', cos, (special_arguments(), schedule_arguments(), random_arguments(random.Random(20261206))))
    write(out, 'exp', exp, (exp_special_arguments(), exp_schedule_arguments(),
                            exp_random_arguments(random.Random(20261207))))
    write(out, 'log', log, (log_special_arguments(), log_schedule_arguments(),
                            log_random_arguments(random.Random(20261208))))
    write_pow(out, random.Random(20261209))

if __name__ == '__main__':
    main()
