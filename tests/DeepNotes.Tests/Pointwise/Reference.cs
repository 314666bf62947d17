using DeepNotes;

namespace DeepNotes.Tests.Pointwise;

/// <summary>Random tensors, random broadcastable shapes and a scalar reference for elementwise ops.</summary>
internal static class Reference
{
    public static Tensor RandomTensor(Random rng, int[] shape, double lo = -2, double hi = 2, DType dtype = DType.Float64)
    {
        var data = new double[Shape.SizeOf(shape)];
        for (int i = 0; i < data.Length; i++) data[i] = lo + (hi - lo) * rng.NextDouble();
        var t = shape.Length == 0 ? Tensor.Scalar(data[0]) : Tensor.FromArray(data, shape);
        return t.AsType(dtype);
    }

    public static int[] RandomShape(Random rng, int maxRank = 4, int maxDim = 5)
    {
        var shape = new int[rng.Next(maxRank + 1)];
        for (int i = 0; i < shape.Length; i++) shape[i] = rng.Next(1, maxDim + 1);
        return shape;
    }

    /// <summary>A shape that broadcasts with s: some trailing dims kept, some set to 1, some leading dims dropped.</summary>
    public static int[] BroadcastPartner(Random rng, int[] s)
    {
        int drop = rng.Next(s.Length + 1);
        var p = s[drop..].ToArray();
        for (int i = 0; i < p.Length; i++) if (rng.Next(3) == 0) p[i] = 1;
        return p;
    }

    /// <summary>A random permuted (strided) view of a fresh tensor with the given final shape.</summary>
    public static Tensor StridedView(Random rng, int[] shape, double lo = -2, double hi = 2)
    {
        if (shape.Length < 2) return RandomTensor(rng, shape, lo, hi);
        var perm = Enumerable.Range(0, shape.Length).OrderBy(_ => rng.Next()).ToArray();
        // base.Permute(perm) has dims baseShape[perm[i]] = shape[i].
        var baseShape = new int[shape.Length];
        for (int i = 0; i < shape.Length; i++) baseShape[perm[i]] = shape[i];
        return RandomTensor(rng, baseShape, lo, hi).Permute(perm);
    }

    public static int[] BroadcastShape(params int[][] shapes)
    {
        int rank = shapes.Max(s => s.Length);
        var r = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            r[i] = 1;
            foreach (var s in shapes)
            {
                int k = i - (rank - s.Length);
                if (k >= 0 && s[k] != 1) r[i] = s[k];
            }
        }
        return r;
    }

    /// <summary>The element of t that output index idx reads under broadcasting.</summary>
    public static double At(Tensor t, int[] idx)
    {
        var own = new int[t.Rank];
        int lead = idx.Length - t.Rank;
        for (int i = 0; i < t.Rank; i++) own[i] = t.Shape[i] == 1 ? 0 : idx[lead + i];
        return t.GetValue(own);
    }

    public static IEnumerable<int[]> Indices(int[] shape)
    {
        int size = Shape.SizeOf(shape);
        for (int flat = 0; flat < size; flat++)
        {
            var idx = new int[shape.Length];
            int rest = flat;
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                idx[d] = rest % shape[d];
                rest /= shape[d];
            }
            yield return idx;
        }
    }

    public static double[] Binary(Tensor a, Tensor b, Func<double, double, double> f) =>
        Indices(BroadcastShape(a.Shape.ToArray(), b.Shape.ToArray())).Select(i => f(At(a, i), At(b, i))).ToArray();

    public static void AssertClose(double[] expected, Tensor actual, double tolerance = 1e-12, string? what = null)
    {
        var got = actual.ToArray();
        Assert.Equal(expected.Length, got.Length);
        for (int i = 0; i < got.Length; i++)
        {
            double e = expected[i], g = got[i];
            if (double.IsNaN(e)) { Assert.True(double.IsNaN(g), $"{what}: element {i}: expected NaN, got {g}"); continue; }
            if (double.IsInfinity(e)) { Assert.True(e == g, $"{what}: element {i}: expected {e}, got {g}"); continue; }
            Assert.True(Math.Abs(e - g) <= tolerance * Math.Max(1, Math.Abs(e)), $"{what}: element {i}: expected {e:R}, got {g:R}");
        }
    }
}
