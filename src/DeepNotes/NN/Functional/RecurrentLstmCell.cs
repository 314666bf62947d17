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
/// per gate; sigmoid and tanh from <see cref="RecurrentGateMath"/>); other types go through span primitives. Both directions compute c = f ⊙ c₋₁ + i ⊙ c̃ and tanh(c) the
/// same way, so the backward recomputes them instead of saving them.
/// </summary>
internal static class RecurrentLstmCell
{
    private static bool Fused<T>() => typeof(T) == typeof(float) && RecurrentGateMath.IsSupported;

    /// <summary>
    /// z (4U): pre-activations in, activated gates i, f, c̃, o out. prev (2U): h₋₁ then c₋₁. Writes h then c into
    /// hc (2U).
    /// </summary>
    public static void Forward<T>(Span<T> z, ReadOnlySpan<T> prev, Span<T> hc, int u, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Fused<T>())
        {
            ForwardFloat(MemoryMarshal.Cast<T, float>(z), MemoryMarshal.Cast<T, float>(prev), MemoryMarshal.Cast<T, float>(hc), u);
        }
        else
        {
            var cPrev = prev.Slice(u, u);
            var h = hc.Slice(0, u);
            var c = hc.Slice(u, u);
            FloatExp.Sigmoid<T>(z.Slice(0, 2 * u), z.Slice(0, 2 * u));
            FloatExp.Tanh<T>(z.Slice(2 * u, u), z.Slice(2 * u, u));
            FloatExp.Sigmoid<T>(z.Slice(3 * u, u), z.Slice(3 * u, u));
            CellState<T>(z, cPrev, c, u);
            FloatExp.Tanh<T>(c, scratch.Slice(0, u));
            TensorPrimitives.Multiply<T>(scratch.Slice(0, u), z.Slice(3 * u, u), h);
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardFloat(Span<float> z, ReadOnlySpan<float> prev, Span<float> hc, int u)
    {
        ref float zr = ref MemoryMarshal.GetReference(z);
        ref float cp = ref Unsafe.Add(ref MemoryMarshal.GetReference(prev), u);
        ref float h = ref MemoryMarshal.GetReference(hc);
        ref float c = ref Unsafe.Add(ref h, u);
        int j = 0;
        for (; j + 16 <= u; j += 16)
        {
            var i = RecurrentGateMath.Sigmoid(Vector512.LoadUnsafe(ref zr, (nuint)j));
            var f = RecurrentGateMath.Sigmoid(Vector512.LoadUnsafe(ref zr, (nuint)(u + j)));
            var g = RecurrentGateMath.Tanh(Vector512.LoadUnsafe(ref zr, (nuint)(2 * u + j)));
            var o = RecurrentGateMath.Sigmoid(Vector512.LoadUnsafe(ref zr, (nuint)(3 * u + j)));
            i.StoreUnsafe(ref zr, (nuint)j);
            f.StoreUnsafe(ref zr, (nuint)(u + j));
            g.StoreUnsafe(ref zr, (nuint)(2 * u + j));
            o.StoreUnsafe(ref zr, (nuint)(3 * u + j));
            var cv = Vector512.FusedMultiplyAdd(f, Vector512.LoadUnsafe(ref cp, (nuint)j), i * g);
            cv.StoreUnsafe(ref c, (nuint)j);
            (o * RecurrentGateMath.Tanh(cv)).StoreUnsafe(ref h, (nuint)j);
        }
        if (j < u) ForwardFloatTail(z, prev, hc, u, j);
    }

    // The last u mod 16 units through the same vector arithmetic, padded through stack buffers.
    private static void ForwardFloatTail(Span<float> z, ReadOnlySpan<float> prev, Span<float> hc, int u, int j)
    {
        int r = u - j;
        Span<float> buf = stackalloc float[16 * 5];
        buf.Clear();
        for (int q = 0; q < 4; q++) z.Slice(q * u + j, r).CopyTo(buf.Slice(16 * q));
        prev.Slice(u + j, r).CopyTo(buf.Slice(64));
        var i = RecurrentGateMath.Sigmoid(Vector512.Create<float>(buf));
        var f = RecurrentGateMath.Sigmoid(Vector512.Create<float>(buf.Slice(16)));
        var g = RecurrentGateMath.Tanh(Vector512.Create<float>(buf.Slice(32)));
        var o = RecurrentGateMath.Sigmoid(Vector512.Create<float>(buf.Slice(48)));
        var cv = Vector512.FusedMultiplyAdd(f, Vector512.Create<float>(buf.Slice(64)), i * g);
        var hv = o * RecurrentGateMath.Tanh(cv);
        i.CopyTo(buf); f.CopyTo(buf.Slice(16)); g.CopyTo(buf.Slice(32)); o.CopyTo(buf.Slice(48));
        for (int q = 0; q < 4; q++) buf.Slice(16 * q, r).CopyTo(z.Slice(q * u + j));
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
        var th = RecurrentGateMath.Tanh(Vector512.FusedMultiplyAdd(f, cp, i * g));
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
