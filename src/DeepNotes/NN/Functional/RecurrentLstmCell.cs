using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DeepNotes.Kernels;

namespace DeepNotes.NN;

/// <summary>
/// The pointwise part of one LSTM step for one sequence: the gate activations and the cell update (forward), and
/// the pre-activation gate gradients (backward). float32 runs one fused AVX-512 pass over the row (no span calls
/// per gate; sigmoid and tanh from <see cref="GateMath"/>); other types go through span primitives. Both directions compute c = f ⊙ c₋₁ + i ⊙ c̃ and tanh(c) the
/// same way, so the backward recomputes them instead of saving them.
/// </summary>
internal static class RecurrentLstmCell
{
    private static bool Fused<T>() => typeof(T) == typeof(float) && GateMath.IsSupported;

    /// <summary>
    /// z (4U): pre-activations in, less the addends a and b (4U each, or empty for none) that the pass adds on the
    /// way in ((z + a) + b: the bias and a one-hot input's kernel row). Writes the activated gates i, f, c̃, o into
    /// gates (4U). prev (2U): h₋₁ then c₋₁. Writes h then c into hc (2U), and h (U) or h then c (2U) into output.
    /// </summary>
    public static void Forward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> gates, ReadOnlySpan<T> prev, Span<T> hc,
        Span<T> output, int u, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Fused<T>())
        {
            ForwardFloat(MemoryMarshal.Cast<T, float>(z), MemoryMarshal.Cast<T, float>(a), MemoryMarshal.Cast<T, float>(b),
                MemoryMarshal.Cast<T, float>(gates), MemoryMarshal.Cast<T, float>(prev), MemoryMarshal.Cast<T, float>(hc),
                MemoryMarshal.Cast<T, float>(output), u);
        }
        else
        {
            var cPrev = prev.Slice(u, u);
            var h = hc.Slice(0, u);
            var c = hc.Slice(u, u);
            var pre = gates.Slice(0, 4 * u);
            z.Slice(0, 4 * u).CopyTo(pre);
            if (!a.IsEmpty) TensorPrimitives.Add<T>(pre, a.Slice(0, 4 * u), pre);
            if (!b.IsEmpty) TensorPrimitives.Add<T>(pre, b.Slice(0, 4 * u), pre);
            FloatExp.Sigmoid<T>(pre.Slice(0, 2 * u), pre.Slice(0, 2 * u));
            FloatExp.Tanh<T>(pre.Slice(2 * u, u), pre.Slice(2 * u, u));
            FloatExp.Sigmoid<T>(pre.Slice(3 * u, u), pre.Slice(3 * u, u));
            CellState<T>(pre, cPrev, c, u);
            FloatExp.Tanh<T>(c, scratch.Slice(0, u));
            TensorPrimitives.Multiply<T>(scratch.Slice(0, u), pre.Slice(3 * u, u), h);
            hc.Slice(0, output.Length).CopyTo(output);
        }
    }

    /// <summary>
    /// gates (4U): activated i, f, c̃, o. cPrev (U). dhOut, dcOut (U each, or empty for none): the gradients reaching
    /// h and c from outside the recurrence. dhNext, dcNext (U): in, the gradient from step t + 1; out, dcNext becomes
    /// the gradient for c₋₁ (dhNext is left for the recurrent product). Writes the pre-activation gradients into dz (4U)
    /// and adds them to db (4U) unless it is empty (the bias gradient, summed in the same pass).
    /// </summary>
    public static void Backward<T>(ReadOnlySpan<T> gates, ReadOnlySpan<T> cPrev, ReadOnlySpan<T> dhOut, ReadOnlySpan<T> dcOut,
        ReadOnlySpan<T> dhNext, Span<T> dcNext, Span<T> dz, Span<T> db, int u, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Fused<T>())
        {
            BackwardFloat(MemoryMarshal.Cast<T, float>(gates), MemoryMarshal.Cast<T, float>(cPrev), MemoryMarshal.Cast<T, float>(dhOut),
                MemoryMarshal.Cast<T, float>(dcOut), MemoryMarshal.Cast<T, float>(dhNext), MemoryMarshal.Cast<T, float>(dcNext),
                MemoryMarshal.Cast<T, float>(dz), MemoryMarshal.Cast<T, float>(db), u);
            return;
        }
        var tc = scratch.Slice(0, u);
        CellState<T>(gates, cPrev, tc, u);
        FloatExp.Tanh<T>(tc, tc);
        bool hasH = !dhOut.IsEmpty, hasC = !dcOut.IsEmpty;
        for (int j = 0; j < u; j++)
        {
            T i = gates[j], fg = gates[u + j], gg = gates[2 * u + j], o = gates[3 * u + j];
            T th = tc[j], dh = (hasH ? dhOut[j] : T.Zero) + dhNext[j];
            T dc = (hasC ? dcOut[j] : T.Zero) + dcNext[j] + dh * o * (T.One - th * th);
            dz[j] = dc * gg * i * (T.One - i);
            dz[u + j] = dc * cPrev[j] * fg * (T.One - fg);
            dz[2 * u + j] = dc * i * (T.One - gg * gg);
            dz[3 * u + j] = dh * th * o * (T.One - o);
            dcNext[j] = dc * fg;
        }
        if (!db.IsEmpty) TensorPrimitives.Add<T>(db, dz.Slice(0, 4 * u), db);
    }

    // c = f ⊙ c₋₁ + i ⊙ c̃ with span primitives (the generic path, forward and backward alike).
    private static void CellState<T>(ReadOnlySpan<T> gates, ReadOnlySpan<T> cPrev, Span<T> c, int u) where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorPrimitives.Multiply<T>(gates.Slice(u, u), cPrev, c);
        TensorPrimitives.MultiplyAdd<T>(gates.Slice(0, u), gates.Slice(2 * u, u), c, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Pre(ref float z, ref float a, ref float b, bool hasA, bool hasB, nuint at)
    {
        var v = Vector512.LoadUnsafe(ref z, at);
        if (hasA) v += Vector512.LoadUnsafe(ref a, at);
        if (hasB) v += Vector512.LoadUnsafe(ref b, at);
        return v;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardFloat(ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> gates,
        ReadOnlySpan<float> prev, Span<float> hc, Span<float> output, int u)
    {
        bool withC = output.Length > u;
        ref float ho = ref MemoryMarshal.GetReference(output);
        ref float co = ref Unsafe.Add(ref ho, u);
        bool hasA = !a.IsEmpty, hasB = !b.IsEmpty;
        ref float zr = ref MemoryMarshal.GetReference(z);
        ref float ar = ref MemoryMarshal.GetReference(a);
        ref float br = ref MemoryMarshal.GetReference(b);
        ref float gr = ref MemoryMarshal.GetReference(gates);
        ref float cp = ref Unsafe.Add(ref MemoryMarshal.GetReference(prev), u);
        ref float h = ref MemoryMarshal.GetReference(hc);
        ref float c = ref Unsafe.Add(ref h, u);
        int j = 0;
        for (; j + 16 <= u; j += 16)
        {
            var i = GateMath.Sigmoid(Pre(ref zr, ref ar, ref br, hasA, hasB, (nuint)j));
            var f = GateMath.Sigmoid(Pre(ref zr, ref ar, ref br, hasA, hasB, (nuint)(u + j)));
            var g = GateMath.Tanh(Pre(ref zr, ref ar, ref br, hasA, hasB, (nuint)(2 * u + j)));
            var o = GateMath.Sigmoid(Pre(ref zr, ref ar, ref br, hasA, hasB, (nuint)(3 * u + j)));
            i.StoreUnsafe(ref gr, (nuint)j);
            f.StoreUnsafe(ref gr, (nuint)(u + j));
            g.StoreUnsafe(ref gr, (nuint)(2 * u + j));
            o.StoreUnsafe(ref gr, (nuint)(3 * u + j));
            var cv = Vector512.FusedMultiplyAdd(f, Vector512.LoadUnsafe(ref cp, (nuint)j), i * g);
            cv.StoreUnsafe(ref c, (nuint)j);
            var hv = o * GateMath.Tanh(cv);
            hv.StoreUnsafe(ref h, (nuint)j);
            hv.StoreUnsafe(ref ho, (nuint)j);
            if (withC) cv.StoreUnsafe(ref co, (nuint)j);
        }
        if (j < u)
        {
            ForwardFloatTail(z, a, b, gates, prev, hc, u, j);
            hc.Slice(j, u - j).CopyTo(output.Slice(j));
            if (withC) hc.Slice(u + j, u - j).CopyTo(output.Slice(u + j));
        }
    }

    // The last u mod 16 units through the same vector arithmetic, padded through stack buffers.
    private static void ForwardFloatTail(ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> gates,
        ReadOnlySpan<float> prev, Span<float> hc, int u, int j)
    {
        int r = u - j;
        Span<float> buf = stackalloc float[16 * 13];
        buf.Clear();
        for (int q = 0; q < 4; q++)
        {
            z.Slice(q * u + j, r).CopyTo(buf.Slice(16 * q));
            if (!a.IsEmpty) a.Slice(q * u + j, r).CopyTo(buf.Slice(80 + 16 * q));
            if (!b.IsEmpty) b.Slice(q * u + j, r).CopyTo(buf.Slice(144 + 16 * q));
        }
        prev.Slice(u + j, r).CopyTo(buf.Slice(64));
        ref float br0 = ref MemoryMarshal.GetReference(buf);
        ref float ba = ref Unsafe.Add(ref br0, 80);
        ref float bb = ref Unsafe.Add(ref br0, 144);
        bool hasA = !a.IsEmpty, hasB = !b.IsEmpty;
        var i = GateMath.Sigmoid(Pre(ref br0, ref ba, ref bb, hasA, hasB, 0));
        var f = GateMath.Sigmoid(Pre(ref br0, ref ba, ref bb, hasA, hasB, 16));
        var g = GateMath.Tanh(Pre(ref br0, ref ba, ref bb, hasA, hasB, 32));
        var o = GateMath.Sigmoid(Pre(ref br0, ref ba, ref bb, hasA, hasB, 48));
        var cv = Vector512.FusedMultiplyAdd(f, Vector512.Create<float>(buf.Slice(64)), i * g);
        var hv = o * GateMath.Tanh(cv);
        i.CopyTo(buf); f.CopyTo(buf.Slice(16)); g.CopyTo(buf.Slice(32)); o.CopyTo(buf.Slice(48));
        for (int q = 0; q < 4; q++) buf.Slice(16 * q, r).CopyTo(gates.Slice(q * u + j));
        hv.CopyTo(buf);
        cv.CopyTo(buf.Slice(16));
        buf.Slice(0, r).CopyTo(hc.Slice(j));
        buf.Slice(16, r).CopyTo(hc.Slice(u + j));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BackwardCore(Vector512<float> i, Vector512<float> f, Vector512<float> g, Vector512<float> o, Vector512<float> cp,
        Vector512<float> dhOut, Vector512<float> dcOut, Vector512<float> dhn, Vector512<float> dcn,
        out Vector512<float> di, out Vector512<float> df, out Vector512<float> dg, out Vector512<float> dO, out Vector512<float> dcPrev)
    {
        var one = Vector512<float>.One;
        var th = GateMath.Tanh(Vector512.FusedMultiplyAdd(f, cp, i * g));
        var dh = dhOut + dhn;
        var dc = dcOut + dcn + dh * o * (one - th * th);
        di = dc * g * i * (one - i);
        df = dc * cp * f * (one - f);
        dg = dc * i * (one - g * g);
        dO = dh * th * o * (one - o);
        dcPrev = dc * f;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardFloat(ReadOnlySpan<float> gates, ReadOnlySpan<float> cPrev, ReadOnlySpan<float> dhOut, ReadOnlySpan<float> dcOut,
        ReadOnlySpan<float> dhNext, Span<float> dcNext, Span<float> dz, Span<float> db, int u)
    {
        bool hasH = !dhOut.IsEmpty, hasC = !dcOut.IsEmpty, hasB = !db.IsEmpty;
        ref float dbr = ref MemoryMarshal.GetReference(db);
        ref float gr = ref MemoryMarshal.GetReference(gates);
        ref float cp = ref MemoryMarshal.GetReference(cPrev);
        ref float dho = ref MemoryMarshal.GetReference(dhOut);
        ref float dco = ref MemoryMarshal.GetReference(dcOut);
        ref float dhn = ref MemoryMarshal.GetReference(dhNext);
        ref float dcn = ref MemoryMarshal.GetReference(dcNext);
        ref float dzr = ref MemoryMarshal.GetReference(dz);
        int j = 0;
        for (; j + 16 <= u; j += 16)
        {
            BackwardCore(Vector512.LoadUnsafe(ref gr, (nuint)j), Vector512.LoadUnsafe(ref gr, (nuint)(u + j)),
                Vector512.LoadUnsafe(ref gr, (nuint)(2 * u + j)), Vector512.LoadUnsafe(ref gr, (nuint)(3 * u + j)),
                Vector512.LoadUnsafe(ref cp, (nuint)j),
                hasH ? Vector512.LoadUnsafe(ref dho, (nuint)j) : Vector512<float>.Zero, hasC ? Vector512.LoadUnsafe(ref dco, (nuint)j) : Vector512<float>.Zero,
                Vector512.LoadUnsafe(ref dhn, (nuint)j), Vector512.LoadUnsafe(ref dcn, (nuint)j),
                out var di, out var df, out var dg, out var dO, out var dcPrev);
            di.StoreUnsafe(ref dzr, (nuint)j);
            df.StoreUnsafe(ref dzr, (nuint)(u + j));
            dg.StoreUnsafe(ref dzr, (nuint)(2 * u + j));
            dO.StoreUnsafe(ref dzr, (nuint)(3 * u + j));
            dcPrev.StoreUnsafe(ref dcn, (nuint)j);
            if (hasB)
            {
                (Vector512.LoadUnsafe(ref dbr, (nuint)j) + di).StoreUnsafe(ref dbr, (nuint)j);
                (Vector512.LoadUnsafe(ref dbr, (nuint)(u + j)) + df).StoreUnsafe(ref dbr, (nuint)(u + j));
                (Vector512.LoadUnsafe(ref dbr, (nuint)(2 * u + j)) + dg).StoreUnsafe(ref dbr, (nuint)(2 * u + j));
                (Vector512.LoadUnsafe(ref dbr, (nuint)(3 * u + j)) + dO).StoreUnsafe(ref dbr, (nuint)(3 * u + j));
            }
        }
        if (j < u) BackwardFloatTail(gates, cPrev, dhOut, dcOut, dhNext, dcNext, dz, db, u, j);
    }

    private static void BackwardFloatTail(ReadOnlySpan<float> gates, ReadOnlySpan<float> cPrev, ReadOnlySpan<float> dhOut, ReadOnlySpan<float> dcOut,
        ReadOnlySpan<float> dhNext, Span<float> dcNext, Span<float> dz, Span<float> db, int u, int j)
    {
        int r = u - j;
        Span<float> buf = stackalloc float[16 * 9];
        buf.Clear();
        for (int q = 0; q < 4; q++) gates.Slice(q * u + j, r).CopyTo(buf.Slice(16 * q));
        cPrev.Slice(j, r).CopyTo(buf.Slice(64));
        if (!dhOut.IsEmpty) dhOut.Slice(j, r).CopyTo(buf.Slice(80));
        if (!dcOut.IsEmpty) dcOut.Slice(j, r).CopyTo(buf.Slice(96));
        dhNext.Slice(j, r).CopyTo(buf.Slice(112));
        dcNext.Slice(j, r).CopyTo(buf.Slice(128));
        BackwardCore(Vector512.Create<float>(buf), Vector512.Create<float>(buf.Slice(16)), Vector512.Create<float>(buf.Slice(32)),
            Vector512.Create<float>(buf.Slice(48)), Vector512.Create<float>(buf.Slice(64)), Vector512.Create<float>(buf.Slice(80)),
            Vector512.Create<float>(buf.Slice(96)), Vector512.Create<float>(buf.Slice(112)), Vector512.Create<float>(buf.Slice(128)),
            out var di, out var df, out var dg, out var dO, out var dcPrev);
        di.CopyTo(buf); df.CopyTo(buf.Slice(16)); dg.CopyTo(buf.Slice(32)); dO.CopyTo(buf.Slice(48)); dcPrev.CopyTo(buf.Slice(64));
        for (int q = 0; q < 4; q++) buf.Slice(16 * q, r).CopyTo(dz.Slice(q * u + j));
        buf.Slice(64, r).CopyTo(dcNext.Slice(j));
        if (!db.IsEmpty)
            for (int q = 0; q < 4; q++) TensorPrimitives.Add(db.Slice(q * u + j, r), (ReadOnlySpan<float>)buf.Slice(16 * q, r), db.Slice(q * u + j, r));
    }
}
