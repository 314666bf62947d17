using System.Runtime.CompilerServices;

namespace DeepNotes;

/// <summary>
/// Recycles the arrays of disposed tensors (<c>using var y = x.Exp();</c>), like libtorch's allocator reuses
/// freed blocks. A fresh large array lands on .NET's large-object heap: its first writes page-fault and every few
/// of them trigger a full collection, which costs more than the arithmetic of a 1M-element op. A recycled array
/// of the same length is still warm in cache. Only arrays of at least <see cref="MinimumBytes"/> are pooled
/// (smaller ones are cheap gen-0 allocations), matched by exact length, at most <see cref="PerLength"/> per
/// length and <see cref="LimitBytes"/> in all; beyond that, returned arrays are left to the GC.
/// </summary>
public static class StoragePool
{
    /// <summary>Arrays smaller than this many bytes are not pooled.</summary>
    public const int MinimumBytes = 64 * 1024;

    /// <summary>At most this many idle arrays are kept per length.</summary>
    public const int PerLength = 8;

    private static readonly Lock Gate = new();
    private static readonly Dictionary<(Type, int), Stack<Array>> Idle = [];
    private static long idleBytes;
    private static long limitBytes = 512L << 20;

    /// <summary>The most memory idle pooled arrays may hold (default 512 MiB); lowering it trims the pool.</summary>
    public static long LimitBytes
    {
        get => limitBytes;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            limitBytes = value;
            if (IdleBytes > value) Clear();
        }
    }

    /// <summary>Memory held by idle arrays waiting for reuse.</summary>
    public static long IdleBytes
    {
        get { lock (Gate) return idleBytes; }
    }

    /// <summary>Drops every idle array (the GC reclaims them).</summary>
    public static void Clear()
    {
        lock (Gate)
        {
            Idle.Clear();
            idleBytes = 0;
        }
    }

    internal static bool Eligible<T>(int length) where T : unmanaged => (long)length * Unsafe.SizeOf<T>() >= MinimumBytes;

    /// <summary>An idle array of exactly this length (contents are garbage), or null.</summary>
    internal static T[]? Rent<T>(int length) where T : unmanaged
    {
        lock (Gate)
        {
            if (!Idle.TryGetValue((typeof(T), length), out var stack) || stack.Count == 0) return null;
            idleBytes -= (long)length * Unsafe.SizeOf<T>();
            return (T[])stack.Pop();
        }
    }

    internal static void Return<T>(T[] array) where T : unmanaged
    {
        long bytes = (long)array.Length * Unsafe.SizeOf<T>();
        lock (Gate)
        {
            if (idleBytes + bytes > limitBytes) return;
            var key = (typeof(T), array.Length);
            if (!Idle.TryGetValue(key, out var stack)) Idle[key] = stack = new Stack<Array>();
            if (stack.Count >= PerLength) return;
            stack.Push(array);
            idleBytes += bytes;
        }
    }
}
