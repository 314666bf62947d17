using DeepNotes.NN;

namespace DeepNotes.Gpu;

/// <summary>Moves whole models between devices.</summary>
public static class ModuleExtensions
{
    /// <summary>
    /// Moves every parameter (weights and state such as BatchNormalization's moving statistics) of the model to
    /// device in place, like PyTorch's module.to(device): layers, optimizers and references keep working.
    /// GPU parameters belong to no <see cref="GpuScope"/>. Returns the model.
    /// </summary>
    public static T To<T>(this T model, Device device) where T : Module
    {
        ArgumentNullException.ThrowIfNull(device);
        foreach (var p in model.Parameters())
        {
            var grad = p.Value.Grad;
            p.Value.MoveDataTo(device);
            if (p.Value.Storage is IDisposable d) GpuScope.Detach(d);
            // A gradient released with its training step's scope is gone; a live one moves along.
            p.Value.Grad = grad is null || IsReleased(grad) ? null : grad.To(device);
            if (p.Value.Grad?.Storage is IDisposable gd) GpuScope.Detach(gd);
        }
        return model;
    }

    private static bool IsReleased(Tensor t) => t.Storage is GpuStorage<float> { IsDisposed: true } or GpuStorage<double> { IsDisposed: true };
}
