using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace DeepNotes.NN;

/// <summary>
/// Software prefetch of the saved rows the next recurrent cell call reads. The saved steps of a whole sequence
/// outgrow the core's L2 by the time the backward reads them, and each row is read once: without a hint every
/// cell call starts by waiting for its rows.
/// </summary>
internal static class RecurrentPrefetch
{
    /// <summary>Asks for every cache line of span into L1 (a no-op without SSE).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Lines<T>(ReadOnlySpan<T> span) where T : unmanaged
    {
        if (!Sse.IsSupported || span.IsEmpty) return;
        byte* p = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));
        nint bytes = span.Length * sizeof(T);
        for (nint i = 0; i < bytes; i += 64) Sse.Prefetch0(p + i);
    }
}
