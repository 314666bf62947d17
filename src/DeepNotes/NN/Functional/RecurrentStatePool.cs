using System.Collections.Concurrent;

namespace DeepNotes.NN;

/// <summary>
/// Recycles the per-step arrays a recurrent kernel saves for its backward. They must live as long as the autodiff
/// graph that may still call the backward, which only the garbage collector knows: a kernel hands its arrays back
/// from its finalizer, once it is unreachable. Training then reuses the same long-lived arrays step after step
/// instead of allocating megabytes per step that die young after surviving into gen 1 (the collector copied them
/// on every collection that fell between a forward and its backward).
/// </summary>
internal static class RecurrentStatePool<T> where T : unmanaged
{
    // Enough for the steps between two collections; beyond it arrays are left to the collector.
    private const long MaxBytesPerLength = 64L << 20;
    private static readonly ConcurrentDictionary<int, ConcurrentStack<T[]>> free = new();

    /// <summary>An array of exactly this length (recycled, or new and uninitialized).</summary>
    public static T[] Rent(int length) =>
        free.TryGetValue(length, out var stack) && stack.TryPop(out var array) ? array : GC.AllocateUninitializedArray<T>(length);

    /// <summary>Gives back arrays nothing references any more.</summary>
    public static void Return(T[][]? arrays)
    {
        if (arrays is null) return; // a constructor that failed half-way
        foreach (var a in arrays)
        {
            if (a is null || a.Length == 0) continue;
            var stack = free.GetOrAdd(a.Length, static _ => new ConcurrentStack<T[]>());
            if ((stack.Count + 1L) * a.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() <= MaxBytesPerLength) stack.Push(a);
        }
    }
}
