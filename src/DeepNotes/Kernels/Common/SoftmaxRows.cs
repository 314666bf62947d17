using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepNotes.Kernels;

/// <summary>
/// Softmax cross-entropy from logits, one short row at a time, in float32 Vector512 lanes. A classifier's rows are
/// short (90 logits for the jazz model, 6 for SIGNS): a handful of span calls per row cost more in call overhead
/// and padded tails than the arithmetic, so each row is done here in two or three passes over registers. A row's
/// last partial vector goes through AVX-512 masked loads and stores, which never touch memory past the row.
/// </summary>
internal static unsafe class SoftmaxRows
{
    private const int W = 16;

    /// <summary>Whether the masked AVX-512 loads and stores these rows rely on are available.</summary>
    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>
    /// −Σ y·log softmax(z) = Σy·log Σexp(z − max) − Σ y·(z − max) for one row of n logits; unless d is null, also
    /// d = k·(softmax(z)·Σy − y), with one exp per logit (the exps are parked in d between the passes).
    /// </summary>
    // Compiled optimized from the first call: per-row calls in a notebook's short training runs otherwise stay on
    // unoptimized tier-0 code for thousands of steps while other new methods keep resetting the tiering delay.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Row(float* y, float* z, float* d, int n, float k)
    {
        var vmax = Vector512.Create(Max(z, n));
        Vector512<float> sumExp = default, sumY = default, sumYz = default;
        int i = 0;
        for (; i <= n - W; i += W)
        {
            var s = Vector512.Load(z + i) - vmax;
            var yv = Vector512.Load(y + i);
            var e = FloatExp.ExpCoreOf(s);
            if (d != null) e.Store(d + i);
            sumExp += e;
            sumY += yv;
            sumYz = Vector512.FusedMultiplyAdd(yv, s, sumYz);
        }
        Vector512<float> tailE = default, tailY = default, tailMask = default;
        if (i < n)
        {
            tailMask = SimdMath.FirstLanes512<float>(n - i);
            var s = (SimdMath.MaskLoad(z + i, tailMask) - vmax) & tailMask;
            tailY = SimdMath.MaskLoad(y + i, tailMask);
            tailE = FloatExp.ExpCoreOf(s) & tailMask;
            sumExp += tailE;
            sumY += tailY;
            sumYz = Vector512.FusedMultiplyAdd(tailY, s, sumYz);
        }
        float ySum = Vector512.Sum(sumY), eSum = Vector512.Sum(sumExp);
        if (d != null)
        {
            var scale = Vector512.Create(k * ySum / eSum);
            var vk = Vector512.Create(k);
            int j = 0;
            for (; j <= n - W; j += W)
                Vector512.FusedMultiplyAdd(Vector512.Load(d + j), scale, -(vk * Vector512.Load(y + j))).Store(d + j);
            if (j < n) SimdMath.MaskStore(d + j, tailMask, Vector512.FusedMultiplyAdd(tailE, scale, -(vk * tailY)));
        }
        return (double)ySum * Math.Log(eSum) - Vector512.Sum(sumYz);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Max(float* z, int n)
    {
        var m = Vector512.Create(float.NegativeInfinity);
        int i = 0;
        for (; i <= n - W; i += W) m = Vector512.Max(m, Vector512.Load(z + i));
        if (i < n)
        {
            var mask = SimdMath.FirstLanes512<float>(n - i);
            m = Vector512.Max(m, Vector512.ConditionalSelect(mask, SimdMath.MaskLoad(z + i, mask), Vector512.Create(float.NegativeInfinity)));
        }
        // Halve to one lane; Max propagates NaN, so a row with NaN gets a NaN loss as with the span code.
        var m8 = Vector256.Max(m.GetLower(), m.GetUpper());
        var m4 = Vector128.Max(m8.GetLower(), m8.GetUpper());
        return MathF.Max(MathF.Max(m4.GetElement(0), m4.GetElement(1)), MathF.Max(m4.GetElement(2), m4.GetElement(3)));
    }
}
