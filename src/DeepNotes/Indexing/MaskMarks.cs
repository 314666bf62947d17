using System.Runtime.CompilerServices;

namespace DeepNotes.Indexing;

/// <summary>
/// Remembers which storages hold comparison results, standing in for numpy's bool dtype: a tensor over such
/// a storage (the comparison's result or any view of it) indexes as a boolean mask. Copies and arithmetic
/// make ordinary tensors again. A weak table, so marks never keep storage alive.
/// </summary>
internal static class MaskMarks
{
    private static readonly ConditionalWeakTable<Storage, object> Marked = new();
    private static readonly object Mark = new();

    public static void Add(Storage storage) => Marked.AddOrUpdate(storage, Mark);

    public static bool Contains(Storage storage) => Marked.TryGetValue(storage, out _);
}
