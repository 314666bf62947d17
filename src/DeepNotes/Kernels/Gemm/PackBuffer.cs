using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepNotes.Kernels;

/// <summary>
/// Per-thread pinned scratch buffers for packed panels, aligned to 64 bytes and reused across calls so a
/// training loop does not allocate. Each slot is owned by one thread; callers must not hold the pointer
/// across another request for the same slot on the same thread.
/// </summary>
internal static unsafe class PackBuffer<T> where T : unmanaged
{
    [ThreadStatic] private static T[]? packedB;
    [ThreadStatic] private static T[]? packedA;
    [ThreadStatic] private static T[]? partialC;
    [ThreadStatic] private static T[]? cTile;

    /// <summary>Scratch for a packed block of B.</summary>
    public static T* B(int length) => Get(ref packedB, length);

    /// <summary>Scratch for a packed micro-panel of A.</summary>
    public static T* A(int length) => Get(ref packedA, length);

    /// <summary>Scratch for a thread's partial C when K is split across threads.</summary>
    public static T* PartialC(int length) => Get(ref partialC, length);

    /// <summary>Scratch for a stripe of C on its way to memory through streaming stores.</summary>
    public static T* CTile(int length) => Get(ref cTile, length);

    private static T* Get(ref T[]? slot, int length)
    {
        int pad = 64 / sizeof(T);
        if (slot == null || slot.Length < length + pad)
            slot = GC.AllocateUninitializedArray<T>(Math.Max(length, 4096) + pad, pinned: true);
        T* p = (T*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(slot));
        nint misalign = (nint)p & 63;
        return misalign == 0 ? p : (T*)((byte*)p + (64 - misalign));
    }
}
