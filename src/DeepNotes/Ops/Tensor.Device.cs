namespace DeepNotes;

// Explicit moves between the CPU and the GPU backend. A move is a copy (like torch's .to): the gradient flows
// back across it, so a loss computed on the GPU still reaches CPU leaves.
public sealed partial class Tensor
{
    /// <summary>This tensor on device: itself if it is already there, else a contiguous copy there.</summary>
    public Tensor To(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.Equals(Device)) return this;
        var source = Device;
        var moved = MoveNoGrad(device);
        return Autodiff.Record(moved, "to", [this], g => [g.To(source)]);
    }

    /// <summary>This tensor on the CPU (itself if it is already there).</summary>
    public Tensor ToCpu() => To(Device.Cpu);

    internal Tensor MoveNoGrad(Device device)
    {
        if (device.Equals(Device)) return this;
        var gpu = Backends.Gpu ?? throw new InvalidOperationException($"to: no GPU backend is loaded, so a tensor cannot move from {Device} to {device}");
        if (!device.IsCpu && !device.Equals(gpu.Device))
            throw new InvalidOperationException($"to: device {device} is not the loaded GPU backend's device {gpu.Device}");
        if (Device.IsCpu) return gpu.Upload(this);
        if (device.IsCpu) return gpu.Download(this);
        throw new InvalidOperationException($"to: cannot move a tensor from {Device} to {device}");
    }

    /// <summary>In-place update of a GPU tensor: writes value (computed out of place) into this tensor.</summary>
    internal Tensor AssignOnDevice(string op, Func<Tensor> value)
    {
        CheckInPlace(op);
        using var _ = NoGrad();
        var v = value();
        if (v.Shape != Shape) throw new ArgumentException($"{op}: shapes {Shape} and {v.Shape} differ");
        Backends.Gpu!.CopyInto(this, v);
        return this;
    }

    /// <summary>
    /// Moves this tensor's data to device in place, keeping its identity (so modules, optimizers and the
    /// tape that refer to it see the new data). Used for parameters; the tensor must be contiguous.
    /// </summary>
    internal void MoveDataTo(Device device)
    {
        if (device.Equals(Device)) return;
        if (!IsContiguous) throw new InvalidOperationException($"to: only contiguous tensors move in place, got a strided view of shape {Shape}");
        var moved = MoveNoGrad(device);
        moved.Storage.AddReference();
        Storage = moved.Storage;
        Offset = moved.Offset;
    }
}
