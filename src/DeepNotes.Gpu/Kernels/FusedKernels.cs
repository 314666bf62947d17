using ILGPU;

namespace DeepNotes.Gpu.Kernels;

/// <summary>Adam hyperparameters for one step (bias corrections folded in on the host).</summary>
internal struct AdamArgs
{
    public double Beta1, Beta2, Epsilon, StepSize, Correction2Sqrt;
}

/// <summary>
/// Fused per-element kernels: the Adam update, and the LSTM/GRU cell math (forward and backward) that would
/// otherwise take a dozen elementwise launches per time step.
/// </summary>
internal static class FusedKernels
{
    /// <summary>m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; p ← p − α·m / (√v/√(1−β₂ᵗ) + ε), α = lr/(1−β₁ᵗ) (PyTorch's form).</summary>
    public static void Adam<T, TNum>(Index1D i, ArrayView<T> p, ArrayView<T> g, ArrayView<T> m, ArrayView<T> v, AdamArgs a)
        where T : unmanaged where TNum : struct, INum<T>
    {
        var n = default(TNum);
        T gi = g[i];
        T mi = n.Add(n.Mul(n.From(a.Beta1), m[i]), n.Mul(n.From(1 - a.Beta1), gi));
        T vi = n.Add(n.Mul(n.From(a.Beta2), v[i]), n.Mul(n.From(1 - a.Beta2), n.Mul(gi, gi)));
        m[i] = mi;
        v[i] = vi;
        T denom = n.Add(n.Div(n.Sqrt(vi), n.From(a.Correction2Sqrt)), n.From(a.Epsilon));
        p[i] = n.Sub(p[i], n.Div(n.Mul(n.From(a.StepSize), mi), denom));
    }

    private static T Sigmoid<T, TNum>(T x) where T : unmanaged where TNum : struct, INum<T>
    {
        var n = default(TNum);
        return n.Div(n.One, n.Add(n.One, n.Exp(n.Neg(x))));
    }

    /// <summary>
    /// LSTM cell, one thread per (row, unit): z = [i, f, g, o] pre-activations (rows of 4h, Keras order),
    /// c = σ(f)·c₋₁ + σ(i)·tanh(g), h = σ(o)·tanh(c). Writes h and c.
    /// </summary>
    public static void LstmForward<T, TNum>(Index1D idx, ArrayView<T> z, ArrayView<T> cPrev, ArrayView<T> h, ArrayView<T> c, int units)
        where T : unmanaged where TNum : struct, INum<T>
    {
        var n = default(TNum);
        int row = idx / units, u = idx % units;
        int zb = row * 4 * units + u;
        T ig = Sigmoid<T, TNum>(z[zb]);
        T fg = Sigmoid<T, TNum>(z[zb + units]);
        T gg = n.Tanh(z[zb + 2 * units]);
        T og = Sigmoid<T, TNum>(z[zb + 3 * units]);
        T ci = n.Add(n.Mul(fg, cPrev[idx]), n.Mul(ig, gg));
        c[idx] = ci;
        h[idx] = n.Mul(og, n.Tanh(ci));
    }

    /// <summary>LSTM cell backward from dh and dc (either may be all zeros): writes dz (rows of 4h) and dc₋₁.</summary>
    public static void LstmBackward<T, TNum>(Index1D idx, ArrayView<T> z, ArrayView<T> cPrev, ArrayView<T> dh, ArrayView<T> dc,
        ArrayView<T> dz, ArrayView<T> dcPrev, int units)
        where T : unmanaged where TNum : struct, INum<T>
    {
        var n = default(TNum);
        int row = idx / units, u = idx % units;
        int zb = row * 4 * units + u;
        T ig = Sigmoid<T, TNum>(z[zb]);
        T fg = Sigmoid<T, TNum>(z[zb + units]);
        T gg = n.Tanh(z[zb + 2 * units]);
        T og = Sigmoid<T, TNum>(z[zb + 3 * units]);
        T ci = n.Add(n.Mul(fg, cPrev[idx]), n.Mul(ig, gg));
        T tc = n.Tanh(ci);
        T dhi = dh[idx];
        T dci = n.Add(dc[idx], n.Mul(n.Mul(dhi, og), n.Sub(n.One, n.Mul(tc, tc))));
        dz[zb] = n.Mul(n.Mul(dci, gg), n.Mul(ig, n.Sub(n.One, ig)));
        dz[zb + units] = n.Mul(n.Mul(dci, cPrev[idx]), n.Mul(fg, n.Sub(n.One, fg)));
        dz[zb + 2 * units] = n.Mul(n.Mul(dci, ig), n.Sub(n.One, n.Mul(gg, gg)));
        dz[zb + 3 * units] = n.Mul(n.Mul(dhi, tc), n.Mul(og, n.Sub(n.One, og)));
        dcPrev[idx] = n.Mul(dci, fg);
    }

    /// <summary>
    /// GRU cell (Keras reset_after): x = input projections [z, r, n] (rows of 3h), hp = recurrent projections
    /// [z, r, n]; z = σ(x_z + hp_z), r = σ(x_r + hp_r), ñ = tanh(x_n + r·hp_n), h = z·h₋₁ + (1 − z)·ñ.
    /// </summary>
    public static void GruForward<T, TNum>(Index1D idx, ArrayView<T> x, ArrayView<T> hp, ArrayView<T> hPrev, ArrayView<T> h, int units)
        where T : unmanaged where TNum : struct, INum<T>
    {
        var n = default(TNum);
        int row = idx / units, u = idx % units;
        int b = row * 3 * units + u;
        T zg = Sigmoid<T, TNum>(n.Add(x[b], hp[b]));
        T rg = Sigmoid<T, TNum>(n.Add(x[b + units], hp[b + units]));
        T ng = n.Tanh(n.Add(x[b + 2 * units], n.Mul(rg, hp[b + 2 * units])));
        h[idx] = n.Add(n.Mul(zg, hPrev[idx]), n.Mul(n.Sub(n.One, zg), ng));
    }

    /// <summary>GRU cell backward from dh: writes dx, dhp (rows of 3h) and dh₋₁.</summary>
    public static void GruBackward<T, TNum>(Index1D idx, ArrayView<T> x, ArrayView<T> hp, ArrayView<T> hPrev, ArrayView<T> dh,
        ArrayView<T> dx, ArrayView<T> dhp, ArrayView<T> dhPrev, int units)
        where T : unmanaged where TNum : struct, INum<T>
    {
        var n = default(TNum);
        int row = idx / units, u = idx % units;
        int b = row * 3 * units + u;
        T zg = Sigmoid<T, TNum>(n.Add(x[b], hp[b]));
        T rg = Sigmoid<T, TNum>(n.Add(x[b + units], hp[b + units]));
        T hn = hp[b + 2 * units];
        T ng = n.Tanh(n.Add(x[b + 2 * units], n.Mul(rg, hn)));
        T d = dh[idx];
        T hpv = hPrev[idx];
        T dzPre = n.Mul(n.Mul(d, n.Sub(hpv, ng)), n.Mul(zg, n.Sub(n.One, zg)));
        T dnPre = n.Mul(n.Mul(d, n.Sub(n.One, zg)), n.Sub(n.One, n.Mul(ng, ng)));
        T drPre = n.Mul(n.Mul(dnPre, hn), n.Mul(rg, n.Sub(n.One, rg)));
        dx[b] = dzPre;
        dx[b + units] = drPre;
        dx[b + 2 * units] = dnPre;
        dhp[b] = dzPre;
        dhp[b + units] = drPre;
        dhp[b + 2 * units] = n.Mul(dnPre, rg);
        dhPrev[idx] = n.Mul(d, zg);
    }
}
