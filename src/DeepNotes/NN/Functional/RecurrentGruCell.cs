using System.Numerics;

namespace DeepNotes.NN;

/// <summary>
/// The pointwise part of one GRU backward step for one sequence, on SIMD vectors (any float type) with the same
/// per-element arithmetic as the scalar tail.
/// </summary>
internal static class RecurrentGruCell
{
    /// <summary>
    /// gates (3U): activated Γu, Γr, c̃; hPrev (U); dOut (U): dh from outside; dhNext (U): in, dh from step t + 1, out,
    /// the part of dh₋₁ through (1 − Γu). Writes the update and candidate pre-activation gradients into dz (3U).
    /// </summary>
    public static void UpdateAndCandidate<T>(ReadOnlySpan<T> gates, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> dOut, Span<T> dhNext, Span<T> dz, int u)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var one = Vector<T>.One;
            for (int w = Vector<T>.Count; j + w <= u; j += w)
            {
                var gu = new Vector<T>(gates.Slice(j));
                var cand = new Vector<T>(gates.Slice(2 * u + j));
                var dh = new Vector<T>(dOut.Slice(j)) + new Vector<T>(dhNext.Slice(j));
                (dh * (cand - new Vector<T>(hPrev.Slice(j))) * gu * (one - gu)).CopyTo(dz.Slice(j));
                (dh * gu * (one - cand * cand)).CopyTo(dz.Slice(2 * u + j));
                (dh * (one - gu)).CopyTo(dhNext.Slice(j));
            }
        }
        for (; j < u; j++)
        {
            T gu = gates[j], cand = gates[2 * u + j];
            T dh = dOut[j] + dhNext[j];
            dz[j] = dh * (cand - hPrev[j]) * gu * (T.One - gu);
            dz[2 * u + j] = dh * gu * (T.One - cand * cand);
            dhNext[j] = dh * (T.One - gu);
        }
    }

    /// <summary>
    /// From dRh (U) = d(Γr ⊙ h₋₁): writes the reset gate's pre-activation gradient into dz (3U) and adds its share
    /// dRh ⊙ Γr to dhNext (U).
    /// </summary>
    public static void Reset<T>(ReadOnlySpan<T> gates, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> dRh, Span<T> dhNext, Span<T> dz, int u)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var one = Vector<T>.One;
            for (int w = Vector<T>.Count; j + w <= u; j += w)
            {
                var r = new Vector<T>(gates.Slice(u + j));
                var drh = new Vector<T>(dRh.Slice(j));
                (drh * new Vector<T>(hPrev.Slice(j)) * r * (one - r)).CopyTo(dz.Slice(u + j));
                (new Vector<T>(dhNext.Slice(j)) + drh * r).CopyTo(dhNext.Slice(j));
            }
        }
        for (; j < u; j++)
        {
            T r = gates[u + j], drh = dRh[j];
            dz[u + j] = drh * hPrev[j] * r * (T.One - r);
            dhNext[j] += drh * r;
        }
    }
}
