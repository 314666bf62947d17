namespace DeepNotes;

/// <summary>Turns graph recording off for a scope: <c>using (Tensor.NoGrad()) { ... }</c>.</summary>
public sealed class NoGradScope : IDisposable
{
    private readonly bool previous;
    private bool disposed;

    internal NoGradScope(bool enabled)
    {
        previous = Autodiff.Enabled;
        Autodiff.Enabled = enabled;
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        Autodiff.Enabled = previous;
    }
}
