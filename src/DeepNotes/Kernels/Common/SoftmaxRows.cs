using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepNotes.Kernels;

/// <summary>
/// Softmax cross-entropy from logits, one short row at a time, in float32 Vector512 lanes. A classifier's rows are
/// short (90 logits for the jazz model, 6 for SIGNS): a handful of span calls per row cost more in call overhead
/// and padded tails than the arithmetic, so each row is done here in two or three passes over registers.
/// </summary>
internal static class SoftmaxRows
{
    private const int W = 16;

    /// <summary>
    /// −Σ y·log softmax(z) for the row [offset, offset + cols) of a block of rows: Σy·log Σexp(z − max) − Σ y·(z − max).
    /// A row's last partial vector is read across into the next row (masked off) when the block goes on.
    /// </summary>
    public static double CrossEntropy(ReadOnlySpan<float> yBlock, ReadOnlySpan<float> zBlock, int offset, int cols)
    {
        var y = yBlock.Slice(offset, cols);
        var z = zBlock.Slice(offset, cols);
        bool overread = offset + (cols & ~(W - 1)) + W <= zBlock.Length;
        float max = Max(z, zBlock, offset, overread);
        var vmax = Vector512.Create(max);
        Vector512<float> sumExp = default, sumY = default, sumYz = default;
        int n = z.Length, i = 0;
        for (; i <= n - W; i += W)
        {
            var s = Load(z, i) - vmax;
            var yv = Load(y, i);
            sumExp += FloatExp.ExpCoreOf(s);
            sumY += yv;
            sumYz = Vector512.FusedMultiplyAdd(yv, s, sumYz);
        }
        if (i < n)
        {
            var mask = TailMask(n - i);
            var s = (overread ? Load(zBlock, offset + i) : LoadTail(z, i, 0f)) - vmax;
            var yv = (overread ? Load(yBlock, offset + i) : LoadTail(y, i, 0f)) & mask;
            sumExp += FloatExp.ExpCoreOf(s) & mask;
            sumY += yv;
            sumYz = Vector512.FusedMultiplyAdd(yv, s & mask, sumYz);
        }
        return (double)Vector512.Sum(sumY) * Math.Log(Vector512.Sum(sumExp)) - Vector512.Sum(sumYz);
    }

    /// <summary>d = k·(softmax(z)·Σy − y) for the row [offset, offset + cols) of a block of rows.</summary>
    public static void Gradient(ReadOnlySpan<float> yBlock, ReadOnlySpan<float> zBlock, Span<float> dBlock, int offset, int cols, float k) =>
        CrossEntropyAndGradient(yBlock, zBlock, dBlock, offset, cols, k);

    /// <summary>
    /// Both at once for one row of a block: returns −Σ y·log softmax(z) and writes d = k·(softmax(z)·Σy − y), with one
    /// exp per logit (the exps are parked in d between the passes). Only the caller's block is touched: a tail that
    /// reaches into the next row of the block rewrites that row's values unchanged (that row is the caller's, and
    /// later); the block's last row stores its tail through a buffer.
    /// </summary>
    public static double CrossEntropyAndGradient(ReadOnlySpan<float> yBlock, ReadOnlySpan<float> zBlock, Span<float> dBlock, int offset, int cols, float k)
    {
        var y = yBlock.Slice(offset, cols);
        var z = zBlock.Slice(offset, cols);
        var d = dBlock.Slice(offset, cols);
        bool overread = offset + (cols & ~(W - 1)) + W <= zBlock.Length;
        float max = Max(z, zBlock, offset, overread);
        var vmax = Vector512.Create(max);
        Vector512<float> sumExp = default, sumY = default, sumYz = default;
        int n = z.Length, i = 0;
        for (; i <= n - W; i += W)
        {
            var s = Load(z, i) - vmax;
            var yv = Load(y, i);
            var e = FloatExp.ExpCoreOf(s);
            Store(e, d, i);
            sumExp += e;
            sumY += yv;
            sumYz = Vector512.FusedMultiplyAdd(yv, s, sumYz);
        }
        Vector512<float> tailE = default, tailY = default;
        if (i < n)
        {
            var mask = TailMask(n - i);
            var s = ((overread ? Load(zBlock, offset + i) : LoadTail(z, i, 0f)) - vmax) & mask;
            tailY = (overread ? Load(yBlock, offset + i) : LoadTail(y, i, 0f)) & mask;
            tailE = FloatExp.ExpCoreOf(s) & mask;
            sumExp += tailE;
            sumY += tailY;
            sumYz = Vector512.FusedMultiplyAdd(tailY, s, sumYz);
        }
        float ySum = Vector512.Sum(sumY), eSum = Vector512.Sum(sumExp);
        var scale = Vector512.Create(k * ySum / eSum);
        var vk = Vector512.Create(k);
        int j = 0;
        for (; j <= n - W; j += W)
            Store(Vector512.FusedMultiplyAdd(Load(d, j), scale, -(vk * Load(y, j))), d, j);
        if (j < n)
        {
            var tail = Vector512.FusedMultiplyAdd(tailE, scale, -(vk * tailY));
            if (overread) Store(Vector512.ConditionalSelect(TailMask(n - j), tail, Load(dBlock, offset + j)), dBlock, offset + j);
            else StoreTail(tail, d, j);
        }
        return (double)ySum * Math.Log(eSum) - Vector512.Sum(sumYz);
    }

    private static float Max(ReadOnlySpan<float> z, ReadOnlySpan<float> zBlock, int offset, bool overread)
    {
        var m = Vector512.Create(float.NegativeInfinity);
        int n = z.Length, i = 0;
        for (; i <= n - W; i += W) m = Vector512.Max(m, Load(z, i));
        if (i < n)
            m = Vector512.Max(m, overread
                ? Vector512.ConditionalSelect(TailMask(n - i), Load(zBlock, offset + i), Vector512.Create(float.NegativeInfinity))
                : LoadTail(z, i, float.NegativeInfinity));
        // Halve to one lane; Max propagates NaN, so a row with NaN gets a NaN loss as with the span code.
        var m4 = Vector128.Max(Vector256.Max(m.GetLower(), m.GetUpper()).GetLower(), Vector256.Max(m.GetLower(), m.GetUpper()).GetUpper());
        float max = MathF.Max(MathF.Max(m4.GetElement(0), m4.GetElement(1)), MathF.Max(m4.GetElement(2), m4.GetElement(3)));
        return max;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Load(ReadOnlySpan<float> s, int i) => Vector512.LoadUnsafe(ref Unsafe.AsRef(in s[i]));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Load(Span<float> s, int i) => Vector512.LoadUnsafe(ref s[i]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector512<float> v, Span<float> s, int i) => v.StoreUnsafe(ref s[i]);

    /// <summary>The last n − i (&lt; 16) elements, the other lanes set to fill; never reads past the span.</summary>
    private static Vector512<float> LoadTail(ReadOnlySpan<float> s, int i, float fill)
    {
        Span<float> buffer = stackalloc float[W];
        buffer.Fill(fill);
        s[i..].CopyTo(buffer);
        return Vector512.Create<float>(buffer);
    }

    private static void StoreTail(Vector512<float> v, Span<float> s, int i)
    {
        Span<float> buffer = stackalloc float[W];
        v.CopyTo(buffer);
        buffer[..(s.Length - i)].CopyTo(s[i..]);
    }

    /// <summary>All bits set in the first count lanes.</summary>
    private static Vector512<float> TailMask(int count) =>
        Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();
}
