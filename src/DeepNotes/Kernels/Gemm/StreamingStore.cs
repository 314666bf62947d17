using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepNotes.Kernels;

/// <summary>
/// Copies with non-temporal (streaming) stores: whole 64-byte lines of the destination are written around the
/// cache, so writing a large output that is not read back soon costs one trip to memory instead of a
/// read-for-ownership plus a write-back. Lines only partly inside the range (at most one at each end) take ordinary
/// masked stores, so bytes outside [dst, dst + count) are never touched and neighbours (another thread's rows)
/// may share those lines.
/// </summary>
internal static unsafe class StreamingStore
{
    /// <summary>Whether the CPU has the AVX-512 streaming stores this copy uses.</summary>
    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>
    /// dst[0..count) = src[0..count) (src any alignment, typically an L1-resident tile). Callers must execute
    /// <see cref="Fence"/> before other threads may read dst.
    /// </summary>
    public static void Copy<T>(T* dst, T* src, nint count) where T : unmanaged
    {
        nint l = Vector512<T>.Count;
        // Elements before the first 64-byte boundary of dst (dst is element-aligned, so this is exact).
        nint head = (nint)((64 - ((nuint)dst & 63)) & 63) / sizeof(T);
        if (head >= count)
        {
            CopyPartial(dst, src, count);
            return;
        }
        if (head > 0) CopyPartial(dst, src, head);
        nint i = head;
        for (; i + l <= count; i += l)
            Avx512F.StoreAlignedNonTemporal((byte*)(dst + i), Vector512.Load((byte*)(src + i)));
        if (i < count) CopyPartial(dst + i, src + i, count - i);
    }

    /// <summary>Orders the streaming stores before any later store (e.g. the flag that ends a parallel region).</summary>
    public static void Fence() => Sse.StoreFence();

    /// <summary>Fewer than a vector's elements (or up to one, for the head), with ordinary masked stores.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyPartial<T>(T* dst, T* src, nint count) where T : unmanaged
    {
        nint l = Vector512<T>.Count;
        for (nint i = 0; i < count; i += l)
        {
            var mask = SimdMath.FirstLanes512<T>((int)Math.Min(l, count - i));
            SimdMath.MaskStore(dst + i, mask, SimdMath.MaskLoad(src + i, mask));
        }
    }
}
