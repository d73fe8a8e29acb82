"""Spec-file scalars shared by the golden-data generators in this directory.

Numbers are written so that every YAML reader types them as the generator meant: Python's repr, except that an
exponent form without a dot gets one (1e-05 is a string to YAML 1.1 readers; 1.0e-05 is a float).
"""


def yaml_number(v):
    """bool, None, int or float as YAML text; anything else raises TypeError."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "null"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        mantissa, _, exponent = repr(v).partition("e")
        if exponent and "." not in mantissa:
            mantissa += ".0"
        return mantissa + ("e" + exponent if exponent else "")
    raise TypeError(v)
