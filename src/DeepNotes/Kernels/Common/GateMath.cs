using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepNotes.Kernels;

/// <summary>
/// Sigmoid and tanh of 16 float32 lanes: the engine's float32 activations on AVX-512 and the fused recurrent cells,
/// which evaluate five of them per unit and step. Both need exp only of arguments t ≤ 0 (e = exp(−|x|) ≤ 1), so no overflow handling: n = round(t·log2 e),
/// r = t − n·ln 2, expm1(r) by Cephes' polynomial, 2^n applied by vscalefps (which also gets the underflow right),
/// and 1/d for d in [1, 2] by vrcp14ps and one Newton step instead of a division.
/// tanh is −expm1(−2|x|) / (2 + expm1(−2|x|)) with the sign of x: no cancellation near 0, so full relative accuracy
/// for tiny x without a separate polynomial. Errors stay within a few ulp; NaN propagates.
/// </summary>
internal static class GateMath
{
    /// <summary>Whether the AVX-512 forms run here.</summary>
    public static bool IsSupported => Avx512F.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x)
    {
        // −|x|, clamped where exp rounds to 0 anyway; a NaN x comes through vmaxps (second operand).
        var t = Avx512F.Max(Vector512.Create(-104f), x | Vector512.Create(-0f));
        var e = Avx512F.Scale(Vector512<float>.One + Expm1Reduced(t, out var n), n);
        var r = Reciprocal(Vector512<float>.One + e);
        // x ≥ 0: 1 / (1 + e); x < 0: e / (1 + e) (tiny results keep their accuracy).
        var numerator = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), e, Vector512<float>.One);
        return numerator * r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        var sign = Vector512.Create(-0f);
        var t = Avx512F.Max(Vector512.Create(-104f), (x | sign) * Vector512.Create(2f));
        var q = Expm1Reduced(t, out var n);
        var s = Avx512F.Scale(Vector512<float>.One, n);                         // 2^n
        var em1 = Vector512.FusedMultiplyAdd(s, q, s - Vector512<float>.One);   // exp(t) − 1 = 2^n (1 + q) − 1
        // em1 ≤ 0: its magnitude with the sign of x (so tanh(±0) = ±0).
        return Vector512.ConditionalSelect(sign, x, em1 * Reciprocal(Vector512.Create(2f) + em1));
    }

    /// <summary>
    /// expm1(r) for the reduced r = t − n·ln 2, |r| ≤ ln 2 / 2 (exp(t) = 2^n·(1 + result)); n comes out as a float,
    /// as vscalefps takes it. Shared with FloatExp's exp.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Expm1Reduced(Vector512<float> t, out Vector512<float> n)
    {
        n = Avx512F.RoundScale(t * Vector512.Create(1.44269504088896341f), 0);
        // Two-constant (Cody–Waite) reduction, ln 2 = hi + lo with hi exact in a few bits, so n·hi is exact: r stays
        // accurate for every n, and so do the tiny sigmoids of large negative x (within 3 ulp, like exp).
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-0.693359375f), t);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(2.12194440e-4f), r);
        var p = Vector512.Create(1.9875691500e-4f);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.3981999507e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(8.3334519073e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(4.1665795894e-2f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.6666665459e-1f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(5.0000001201e-1f));
        return Vector512.FusedMultiplyAdd(p, r * r, r);
    }

    // 1/d for d in [1, 2]: the 14-bit estimate and one Newton step (≈ 1 ulp).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Reciprocal(Vector512<float> d)
    {
        var r = Avx512F.Reciprocal14(d);
        return Vector512.FusedMultiplyAdd(r, Avx512F.FusedMultiplyAddNegated(d, r, Vector512<float>.One), r);
    }
}
