namespace DeepNotes;

public sealed partial class Tensor
{
    /// <summary>True after <see cref="Dispose"/>: the tensor no longer has data.</summary>
    public bool IsDisposed => Storage is DisposedStorage;

    /// <summary>
    /// Lets go of this tensor's memory now instead of at the next garbage collection (TorchSharp's Dispose):
    /// <c>using var y = x.Exp();</c>. When no other tensor shares the buffer (views keep it alive) and the
    /// autodiff tape never held it, the buffer goes to <see cref="StoragePool"/> and the next result of the
    /// same size reuses it while it is still in cache. Afterwards any use of this tensor, or of an array taken
    /// from it with <see cref="Data{T}"/>, is an error (the former throws). Ops that may return their input
    /// unchanged (Contiguous, AsType to the same dtype) return the same object, so dispose only what you own.
    /// Disposing twice does nothing.
    /// </summary>
    public void Dispose()
    {
        var storage = Storage;
        if (storage is DisposedStorage) return;
        Storage = new DisposedStorage(storage.DType, storage.Device);
        storage.ReleaseReference();
    }
}
