namespace DeepNotes.Gpu;

/// <summary>
/// Releases every GPU tensor allocated inside it when disposed (TorchSharp's dispose scope), so each
/// step of a training loop returns its temporaries to the pool:
/// <code>
/// for (...) { using (GpuBackend.Scope()) { var loss = ...; loss.Backward(); optimizer.Step(); } }
/// </code>
/// Scopes nest per thread. Tensors that must outlive the scope (results, optimizer state) are kept with
/// <see cref="GpuBackend.Keep"/>; parameters moved by <c>model.To(device)</c> are never scoped.
/// </summary>
public sealed class GpuScope : IDisposable
{
    [ThreadStatic] private static GpuScope? current;

    private readonly List<IDisposable> owned = [];
    private readonly GpuScope? parent;
    private bool disposed;

    internal GpuScope()
    {
        parent = current;
        current = this;
    }

    internal static GpuScope? Current => current;

    /// <summary>GPU storages this scope will release.</summary>
    public int Count => owned.Count;

    internal void Add(IDisposable storage) => owned.Add(storage);

    /// <summary>Stops tracking storage here and hands it to the enclosing scope (or to no scope).</summary>
    internal void Release(IDisposable storage)
    {
        if (owned.Remove(storage)) parent?.Add(storage);
    }

    /// <summary>Removes storage from every scope on this thread (it lives until disposed or collected).</summary>
    internal static void Detach(IDisposable storage)
    {
        for (var s = current; s is not null; s = s.parent) s.owned.Remove(storage);
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (current == this) current = parent;
        foreach (var s in owned) s.Dispose();
        owned.Clear();
    }
}
