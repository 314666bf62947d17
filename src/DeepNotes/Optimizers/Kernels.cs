using System.Numerics;
using System.Runtime.InteropServices;

namespace DeepNotes.Optimizers;

// Fused, allocation-free update loops (System.Numerics.Vector<T> with a scalar tail).
internal static class UpdateKernels
{
    /// <summary>g' = g + wd·w, then w -= lr·g'.</summary>
    public static void Sgd<T>(Span<T> w, ReadOnlySpan<T> g, T lr, T wd) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && w.Length >= Vector<T>.Count)
        {
            var vw = MemoryMarshal.Cast<T, Vector<T>>(w);
            var vg = MemoryMarshal.Cast<T, Vector<T>>(g);
            var vlr = new Vector<T>(lr);
            var vwd = new Vector<T>(wd);
            for (int k = 0; k < vw.Length; k++) vw[k] -= vlr * (vg[k] + vwd * vw[k]);
            i = vw.Length * Vector<T>.Count;
        }
        for (; i < w.Length; i++) w[i] -= lr * (g[i] + wd * w[i]);
    }

    /// <summary>v = a·v + b·g' (g' = g + wd·w); w -= lr·(nesterov ? g' + a·v : v).</summary>
    public static void Momentum<T>(Span<T> w, ReadOnlySpan<T> g, Span<T> v, T a, T b, T lr, T wd, bool nesterov)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && w.Length >= Vector<T>.Count)
        {
            var vw = MemoryMarshal.Cast<T, Vector<T>>(w);
            var vg = MemoryMarshal.Cast<T, Vector<T>>(g);
            var vv = MemoryMarshal.Cast<T, Vector<T>>(v);
            Vector<T> va = new(a), vb = new(b), vlr = new(lr), vwd = new(wd);
            for (int k = 0; k < vw.Length; k++)
            {
                var gk = vg[k] + vwd * vw[k];
                var vk = va * vv[k] + vb * gk;
                vv[k] = vk;
                vw[k] -= vlr * (nesterov ? gk + va * vk : vk);
            }
            i = vw.Length * Vector<T>.Count;
        }
        for (; i < w.Length; i++)
        {
            var gi = g[i] + wd * w[i];
            var vi = a * v[i] + b * gi;
            v[i] = vi;
            w[i] -= lr * (nesterov ? gi + a * vi : vi);
        }
    }

    /// <summary>s = rho·s + (1 − rho)·g'²; w -= lr·g'/(√s + eps).</summary>
    public static void RmsProp<T>(Span<T> w, ReadOnlySpan<T> g, Span<T> s, T rho, T lr, T eps, T wd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T one = T.One;
        int i = 0;
        if (Vector.IsHardwareAccelerated && w.Length >= Vector<T>.Count)
        {
            var vw = MemoryMarshal.Cast<T, Vector<T>>(w);
            var vg = MemoryMarshal.Cast<T, Vector<T>>(g);
            var vs = MemoryMarshal.Cast<T, Vector<T>>(s);
            Vector<T> vrho = new(rho), vrest = new(one - rho), vlr = new(lr), veps = new(eps), vwd = new(wd);
            for (int k = 0; k < vw.Length; k++)
            {
                var gk = vg[k] + vwd * vw[k];
                var sk = vrho * vs[k] + vrest * gk * gk;
                vs[k] = sk;
                vw[k] -= vlr * gk / (Vector.SquareRoot(sk) + veps);
            }
            i = vw.Length * Vector<T>.Count;
        }
        for (; i < w.Length; i++)
        {
            var gi = g[i] + wd * w[i];
            var si = rho * s[i] + (one - rho) * gi * gi;
            s[i] = si;
            w[i] -= lr * gi / (T.Sqrt(si) + eps);
        }
    }

    /// <summary>
    /// Adam with the course's bias correction: m = β1·m + (1 − β1)·g', v = β2·v + (1 − β2)·g'²,
    /// w -= lr·m̂/(√v̂ + eps) with m̂ = m/(1 − β1ᵗ), v̂ = v/(1 − β2ᵗ). decoupled: w -= lr·wd·w instead of g' = g + wd·w (AdamW).
    /// </summary>
    public static unsafe void Adam<T>(Span<T> w, ReadOnlySpan<T> g, Span<T> m, Span<T> v, T b1, T b2, T lr, T eps, T wd, int t, bool decoupled)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Large parameters update in halves on the kernel threads (a serial stretch of the training step otherwise).
        // The halves split at a whole vector, so every element gets the same arithmetic as in one pass.
        int parts = w.Length >= ParallelAdam && m.Length >= w.Length && v.Length >= w.Length && g.Length >= w.Length
            ? Math.Min(2, Kernels.GemmThreads.Available) : 1;
        if (parts > 1)
        {
            int half = w.Length / 2 / Vector<T>.Count * Vector<T>.Count, n = w.Length;
            fixed (T* pw = w, pg = g, pm = m, pv = v)
            {
                nint aw = (nint)pw, ag = (nint)pg, am = (nint)pm, av = (nint)pv;
                Kernels.KernelThreads.For(2, p =>
                {
                    int lo = p == 0 ? 0 : half, len = p == 0 ? half : n - half;
                    AdamSerial(new Span<T>((T*)aw + lo, len), new ReadOnlySpan<T>((T*)ag + lo, len), new Span<T>((T*)am + lo, len),
                        new Span<T>((T*)av + lo, len), b1, b2, lr, eps, wd, t, decoupled);
                });
            }
            return;
        }
        AdamSerial(w, g, m, v, b1, b2, lr, eps, wd, t, decoupled);
    }

    private const int ParallelAdam = 1 << 14;

    private static void AdamSerial<T>(Span<T> w, ReadOnlySpan<T> g, Span<T> m, Span<T> v, T b1, T b2, T lr, T eps, T wd, int t, bool decoupled)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T one = T.One;
        T c1 = one / (one - T.Pow(b1, T.CreateChecked(t)));
        T c2 = one / (one - T.Pow(b2, T.CreateChecked(t)));
        T l2 = decoupled ? T.Zero : wd;
        T shrink = decoupled ? one - lr * wd : one;
        int i = 0;
        if (Vector.IsHardwareAccelerated && w.Length >= Vector<T>.Count)
        {
            var vw = MemoryMarshal.Cast<T, Vector<T>>(w);
            var vg = MemoryMarshal.Cast<T, Vector<T>>(g);
            var vm = MemoryMarshal.Cast<T, Vector<T>>(m);
            var vv = MemoryMarshal.Cast<T, Vector<T>>(v);
            Vector<T> vb1 = new(b1), vb1r = new(one - b1), vb2 = new(b2), vb2r = new(one - b2), vc1 = new(c1), vc2 = new(c2),
                vlr = new(lr), veps = new(eps), vl2 = new(l2), vshrink = new(shrink);
            for (int k = 0; k < vw.Length; k++)
            {
                var gk = vg[k] + vl2 * vw[k];
                var mk = vb1 * vm[k] + vb1r * gk;
                var vk = vb2 * vv[k] + vb2r * gk * gk;
                vm[k] = mk;
                vv[k] = vk;
                vw[k] = vw[k] * vshrink - vlr * (mk * vc1) / (Vector.SquareRoot(vk * vc2) + veps);
            }
            i = vw.Length * Vector<T>.Count;
        }
        for (; i < w.Length; i++)
        {
            var gi = g[i] + l2 * w[i];
            var mi = b1 * m[i] + (one - b1) * gi;
            var vi = b2 * v[i] + (one - b2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            w[i] = w[i] * shrink - lr * (mi * c1) / (T.Sqrt(vi * c2) + eps);
        }
    }
}
