using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepNotes.Kernels;

/// <summary>
/// Horizontal sums of 16 AVX-512 accumulators at once, by a transposing butterfly: each level adds the two halves
/// of pairs of vectors while packing the pair into one, so the 16 totals come out in lanes after 15 adds (plus
/// 30 lane shuffles), where 16 separate reductions take 4 adds and 4 shuffles each.
/// </summary>
internal static class TileReduce
{
    /// <summary>
    /// Lane 4c + t of the result is Σ v_{4t+c}: chunk c (128 bits) gathers v_c, v_{4+c}, v_{8+c}, v_{12+c}, so a 4×4
    /// tile's accumulators passed column by column come back with row c of the tile in chunk c.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sum16(
        Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3,
        Vector512<float> v4, Vector512<float> v5, Vector512<float> v6, Vector512<float> v7,
        Vector512<float> v8, Vector512<float> v9, Vector512<float> v10, Vector512<float> v11,
        Vector512<float> v12, Vector512<float> v13, Vector512<float> v14, Vector512<float> v15)
    {
        // 256-bit halves: [x.lo + x.hi, y.lo + y.hi], each 128-bit chunk holding partial sums of x or y.
        var p0 = Fold256(v0, v1); var p1 = Fold256(v2, v3); var p2 = Fold256(v4, v5); var p3 = Fold256(v6, v7);
        var p4 = Fold256(v8, v9); var p5 = Fold256(v10, v11); var p6 = Fold256(v12, v13); var p7 = Fold256(v14, v15);
        // 128-bit chunks: chunk c of q_i sums to v_{4i+c}.
        var q0 = Fold128(p0, p1); var q1 = Fold128(p2, p3); var q2 = Fold128(p4, p5); var q3 = Fold128(p6, p7);
        // Pairs within chunks: lanes (2t, 2t+1) of chunk c in r_s sum to v_{8s+4t+c}.
        var r0 = Avx512F.Shuffle(q0, q1, 0x44) + Avx512F.Shuffle(q0, q1, 0xEE);
        var r1 = Avx512F.Shuffle(q2, q3, 0x44) + Avx512F.Shuffle(q2, q3, 0xEE);
        // Single lanes: lane t of chunk c sums to v_{4t+c}.
        return Avx512F.Shuffle(r0, r1, 0x88) + Avx512F.Shuffle(r0, r1, 0xDD);
    }

    /// <summary>
    /// Sums of 16 double accumulators: with v_{4j + r} (j = 0..3, r = 0..3), chunk r of the first result is
    /// [Σv_r, Σv_{4+r}] and of the second [Σv_{8+r}, Σv_{12+r}].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<double>, Vector512<double>) Sum16(
        Vector512<double> v0, Vector512<double> v1, Vector512<double> v2, Vector512<double> v3,
        Vector512<double> v4, Vector512<double> v5, Vector512<double> v6, Vector512<double> v7,
        Vector512<double> v8, Vector512<double> v9, Vector512<double> v10, Vector512<double> v11,
        Vector512<double> v12, Vector512<double> v13, Vector512<double> v14, Vector512<double> v15)
    {
        var p0 = Fold256(v0, v1); var p1 = Fold256(v2, v3); var p2 = Fold256(v4, v5); var p3 = Fold256(v6, v7);
        var p4 = Fold256(v8, v9); var p5 = Fold256(v10, v11); var p6 = Fold256(v12, v13); var p7 = Fold256(v14, v15);
        // Chunk c of q_i sums to v_{4i+c}.
        var q0 = Fold128(p0, p1); var q1 = Fold128(p2, p3); var q2 = Fold128(p4, p5); var q3 = Fold128(p6, p7);
        // Chunk c = [Σ v_c, Σ v_{4+c}] and [Σ v_{8+c}, Σ v_{12+c}].
        var r0 = Avx512F.Shuffle(q0, q1, 0x00) + Avx512F.Shuffle(q0, q1, 0xFF);
        var r1 = Avx512F.Shuffle(q2, q3, 0x00) + Avx512F.Shuffle(q2, q3, 0xFF);
        return (r0, r1);
    }

    /// <summary>[x.lo256 + x.hi256, y.lo256 + y.hi256].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fold256(Vector512<float> x, Vector512<float> y) =>
        Avx512F.Shuffle4x128(x, y, 0x44) + Avx512F.Shuffle4x128(x, y, 0xEE);

    /// <summary>For x, y from <see cref="Fold256(Vector512{float}, Vector512{float})"/> of (a, b) and (c, d): chunks summing to a, b, c, d.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fold128(Vector512<float> x, Vector512<float> y) =>
        Avx512F.Shuffle4x128(x, y, 0x88) + Avx512F.Shuffle4x128(x, y, 0xDD);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Fold256(Vector512<double> x, Vector512<double> y) =>
        Avx512F.Shuffle4x128(x, y, 0x44) + Avx512F.Shuffle4x128(x, y, 0xEE);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Fold128(Vector512<double> x, Vector512<double> y) =>
        Avx512F.Shuffle4x128(x, y, 0x88) + Avx512F.Shuffle4x128(x, y, 0xDD);
}
