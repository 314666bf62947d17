"""Prints numpy arrays as C# literals for the graders (shape + row-major values at full precision)."""
import numpy as np

def lit(name, a):
    a = np.asarray(a, dtype=np.float64)
    vals = ", ".join(repr(float(v)) for v in a.ravel())
    shape = ", ".join(str(d) for d in a.shape)
    print(f"// {name}: shape ({shape})")
    print(f"[{shape}], [{vals}]")

def num(name, v):
    print(f"// {name}\n{repr(float(v))}")
