#!/usr/bin/python3
"""Writes NumpyReference.cs: numpy legacy RandomState outputs stored as C# literals.

Run with a python that has numpy (Debian: apt-get install python3-numpy; /usr/bin/python3):
    /usr/bin/python3 tests/DeepNotes.Tests/Random/make_numpy_reference.py
The tests only read the stored literals, so CI needs no numpy. Each field's comment is the python that made it.
"""
import os
import numpy as np

SEEDS = [0, 1, 2, 3, 42, 2**32 - 1]
cases = []   # (name, python source, kind) where kind is 'double' or 'long'


def case(name, src, kind="double"):
    cases.append((name, src, kind))


def seed_name(s):
    return "Max" if s == 2**32 - 1 else str(s)


for s in SEEDS:
    n = seed_name(s)
    case(f"Raw_{n}", f"r = np.random.RandomState({s}); out = r.randint(0, 2**32, size=10, dtype=np.uint32)", "long")
    case(f"Rand_{n}", f"np.random.seed({s}); out = np.random.rand(7)")
    case(f"Randn_{n}", f"np.random.seed({s}); out = np.random.randn(7)")
    case(f"Normal_{n}", f"np.random.seed({s}); out = np.random.normal(2.0, 0.5, size=5)")
    case(f"Uniform_{n}", f"np.random.seed({s}); out = np.random.uniform(-1.0, 3.0, size=5)")
    case(f"Permutation10_{n}", f"np.random.seed({s}); out = np.random.permutation(10)", "long")
    case(f"RandInt0To10_{n}", f"np.random.seed({s}); out = np.random.randint(0, 10, size=20)", "long")

case("Raw_5489", "r = np.random.RandomState(5489); out = r.randint(0, 2**32, size=3, dtype=np.uint32)", "long")
case("Raw_Array123", "r = np.random.RandomState([1, 2, 3]); out = r.randint(0, 2**32, size=6, dtype=np.uint32)", "long")
case("Raw_Array0x123", "r = np.random.RandomState([0x123, 0x234, 0x345, 0x456]); out = r.randint(0, 2**32, size=6, dtype=np.uint32)", "long")
case("Raw_Seed1_After700", "r = np.random.RandomState(1); r.randint(0, 2**32, size=700, dtype=np.uint32); out = r.randint(0, 2**32, size=4, dtype=np.uint32)", "long")
case("RandomSample_1", "np.random.seed(1); out = [np.random.random_sample() for _ in range(3)]")

# Course uses.
case("Seed1_Randn2x3", "np.random.seed(1); out = np.random.randn(2, 3)")
case("Seed1_TwoLayerInit",
     "np.random.seed(1); W1 = np.random.randn(4, 2) * 0.01; b1 = np.zeros((4, 1)); W2 = np.random.randn(1, 4) * 0.01; "
     "out = np.concatenate([W1.ravel(), W2.ravel()])")
case("Seed3_DeepInit",
     "np.random.seed(3); dims = [5, 4, 3]; out = np.concatenate("
     "[(np.random.randn(dims[l], dims[l - 1]) * 0.01).ravel() for l in range(1, len(dims))])")
case("Seed1_DropoutRand", "np.random.seed(1); out = np.random.rand(3, 5)")
case("Seed1_DropoutMask", "np.random.seed(1); out = (np.random.rand(3, 5) < 0.8).astype(float)")
case("Seed0_MiniBatchPermutation", "np.random.seed(0); out = np.random.permutation(148)", "long")

# Interleaving and the cached Gaussian.
case("Seed1_Interleave", "np.random.seed(1); out = np.concatenate([np.random.randn(3), np.random.rand(2), np.random.randn(1)])")
case("Seed2_InterleaveInts",
     "np.random.seed(2); out = np.concatenate([np.random.randn(1), np.random.randint(0, 5, size=3), np.random.randn(1), "
     "np.random.permutation(4), np.random.randn(2), np.random.uniform(0, 1, size=1), np.random.normal(0, 1, size=1)])")
case("Seed1_ReseedDropsGauss", "np.random.seed(1); np.random.randn(1); np.random.seed(1); out = np.random.randn(2)")
case("Seed0_Randn1000_Picks", "np.random.seed(0); z = np.random.randn(1000); out = [z[0], z[1], z[623], z[624], z[998], z[999], float(sum(z.tolist()))]")
case("Seed0_Rand2000_Picks", "np.random.seed(0); z = np.random.rand(2000); out = [z[0], z[311], z[312], z[1999], float(sum(z.tolist()))]")

# randint: the masked rejection path for several ranges, and which draws each consumes.
case("Seed1_RandInt0To1_ThenRand", "np.random.seed(1); a = np.random.randint(0, 1, size=5); out = np.concatenate([a, np.random.rand(1)])")
case("Seed1_RandInt0To2", "np.random.seed(1); out = np.random.randint(0, 2, size=20)", "long")
case("Seed1_RandIntMinus5To5", "np.random.seed(1); out = np.random.randint(-5, 5, size=20)", "long")
case("Seed42_RandInt0To3", "np.random.seed(42); out = np.random.randint(0, 3, size=20)", "long")
case("Seed1_RandInt0To2Pow31", "np.random.seed(1); out = np.random.randint(0, 2**31, size=6)", "long")
case("Seed1_RandInt0To2Pow32", "np.random.seed(1); out = np.random.randint(0, 2**32, size=4)", "long")
case("Seed1_RandInt0To2Pow32Plus1", "np.random.seed(1); out = np.random.randint(0, 2**32 + 1, size=4)", "long")
case("Seed1_RandInt0To2Pow40", "np.random.seed(1); out = np.random.randint(0, 2**40, size=4)", "long")
case("Seed1_RandIntMinus2Pow40To2Pow40", "np.random.seed(1); out = np.random.randint(-2**40, 2**40, size=4)", "long")
case("Seed7_RandIntScalars", "np.random.seed(7); out = [np.random.randint(0, 10) for _ in range(6)] + [np.random.randint(-3, 4) for _ in range(4)]", "long")
case("Seed5_RandInt1000", "np.random.seed(5); out = np.random.randint(0, 1000, size=(2, 5))", "long")

# permutation, shuffle.
case("Seed3_Permutation1000_Ends", "np.random.seed(3); p = np.random.permutation(1000); out = np.concatenate([p[:10], p[-10:]])", "long")
case("Seed5_ShuffleList", "np.random.seed(5); x = list(range(10)); np.random.shuffle(x); out = x", "long")
case("Seed0_Shuffle2d", "np.random.seed(0); a = np.arange(12.0).reshape(4, 3); np.random.shuffle(a); out = a")
case("Seed2_Permutation2d", "np.random.seed(2); out = np.random.permutation(np.arange(15.0).reshape(5, 3))")
case("Seed4_ShuffleColumnView",
     "np.random.seed(4); a = np.arange(24.0).reshape(6, 4); np.random.shuffle(a[:, 1:3]); out = a")

# choice.
case("Seed1_ChoiceReplace", "np.random.seed(1); out = np.random.choice(10, 8)", "long")
case("Seed1_ChoiceNoReplace", "np.random.seed(1); out = np.random.choice(10, 5, replace=False)", "long")
case("Seed1_ChoiceP", "np.random.seed(1); out = np.random.choice(5, 10, p=[0.1, 0.0, 0.3, 0.4, 0.2])", "long")
case("Seed3_ChoicePNoReplace", "np.random.seed(3); out = np.random.choice(6, 4, replace=False, p=[0.05, 0.4, 0.05, 0.3, 0.1, 0.1])", "long")
case("Seed0_ChoicePNoReplaceAll", "np.random.seed(0); out = np.random.choice(5, 5, replace=False, p=[0.5, 0.2, 0.1, 0.1, 0.1])", "long")
case("Seed2_ChoiceScalars", "np.random.seed(2); out = [np.random.choice(7) for _ in range(6)]", "long")

# binomial: inversion, BTPE, both sides of p = 0.5, and draws consumed when n = 0 or p = 0.
case("Seed1_Binomial1_08", "np.random.seed(1); out = np.random.binomial(1, 0.8, size=20)", "long")
case("Seed1_Binomial10_03", "np.random.seed(1); out = np.random.binomial(10, 0.3, size=10)", "long")
case("Seed1_Binomial100_05", "np.random.seed(1); out = np.random.binomial(100, 0.5, size=10)", "long")
case("Seed2_Binomial1000_09", "np.random.seed(2); out = np.random.binomial(1000, 0.9, size=10)", "long")
case("Seed3_Binomial5000_002", "np.random.seed(3); out = np.random.binomial(5000, 0.02, size=10)", "long")
case("Seed1_BinomialDegenerate_ThenRand",
     "np.random.seed(1); a = np.random.binomial(0, 0.5, size=2); b = np.random.binomial(5, 0.0, size=2); "
     "c = np.random.binomial(5, 1.0, size=2); out = np.concatenate([a, b, c, np.random.rand(1)])")


def fmt(v, kind):
    if kind == "long":
        return str(int(v))
    r = repr(float(v))
    return r if ("." in r or "e" in r or "inf" in r or "nan" in r) else r + ".0"


lines = [
    "// <auto-generated> by make_numpy_reference.py with numpy " + np.__version__ + "; do not edit by hand.",
    "namespace DeepNotes.Tests.Rng;",
    "",
    "/// <summary>numpy legacy RandomState outputs; each comment is the python that produced the values.</summary>",
    "internal static class NumpyReference",
    "{",
]
for name, src, kind in cases:
    env = {"np": np}
    exec(src, env)
    values = np.asarray(env["out"]).ravel().tolist()
    ctype = "long" if kind == "long" else "double"
    lines.append(f"    // {src}")
    body = ", ".join(fmt(v, kind) for v in values)
    lines.append(f"    public static readonly {ctype}[] {name} = [{body}];")
    lines.append("")
lines[-1] = "}"
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "NumpyReference.cs")
tmp = out + ".tmp"
with open(tmp, "w") as f:
    f.write("\n".join(lines) + "\n")
os.replace(tmp, out)
print(f"wrote {len(cases)} cases to {out}")
