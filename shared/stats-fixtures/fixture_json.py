"""Writing a reference's fixtures as JSON the TypeScript specs read: one case a line.

Python's repr of a float is the shortest string that reads back to it exactly, so the
specs compare against the very doubles the reference computed. NaN and infinities,
which JSON has no word for, are written as null.
"""

import json
import math

import numpy as np


def clean(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (np.floating,)):
        return clean(float(value))
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value


def write_fixture(path, document):
    """Writes `document` to `path`, each list's items on lines of their own."""
    with open(path, "w") as out:
        out.write("{\n")
        items = list(clean(document).items())
        for i, (key, value) in enumerate(items):
            if isinstance(value, list):
                body = ",\n".join(json.dumps(item, allow_nan=False) for item in value)
                out.write(f'"{key}":[{body}]')
            else:
                out.write(f'"{key}":{json.dumps(value, allow_nan=False)}')
            out.write(",\n" if i < len(items) - 1 else "\n")
        out.write("}\n")
    print(f"wrote {path}")
