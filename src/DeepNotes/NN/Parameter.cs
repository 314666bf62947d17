namespace DeepNotes.NN;

/// <summary>
/// A named weight owned by a module: a leaf tensor plus whether optimizers may change it.
/// Converts implicitly to its <see cref="Value"/>, so layers pass parameters straight to <see cref="F"/> ops.
/// </summary>
/// <remarks>
/// <see cref="Trainable"/> is false for state such as BatchNormalization's moving statistics (never trained)
/// and for every weight of a frozen layer (<c>layer.Trainable = false</c>, transfer learning).
/// Trainable parameters require gradients; the others do not, so backward skips them.
/// </remarks>
public sealed class Parameter
{
    private bool frozen;

    /// <summary>Wraps a tensor as a parameter (the tensor becomes a leaf that requires grad when trainable).</summary>
    public Parameter(string name, Tensor value, bool trainable = true)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.IsLeaf) throw new ArgumentException($"parameter '{name}': the tensor must be a leaf (Detach() it first)");
        Name = name;
        IsStateful = !trainable;
        Value = value.IsContiguous ? value : value.CopyNoGrad();
        Value.RequiresGrad = Trainable;
    }

    /// <summary>The local name given by its owner, e.g. "kernel".</summary>
    public string Name { get; }

    /// <summary>The weights (contiguous; optimizers update them in place).</summary>
    public Tensor Value { get; private set; }

    /// <summary>True for non-trainable state (moving mean/variance), whatever the layer's freezing.</summary>
    public bool IsStateful { get; }

    /// <summary>Whether optimizers update this parameter: not state and not frozen.</summary>
    public bool Trainable => !IsStateful && !frozen;

    /// <summary>The gradient accumulated by the last Backward (null before or when not trainable).</summary>
    public Tensor? Grad => Value.Grad;

    public Shape Shape => Value.Shape;
    public DType DType => Value.DType;
    public int Size => Value.Size;

    internal bool Frozen
    {
        get => frozen;
        set
        {
            frozen = value;
            Value.RequiresGrad = Trainable;
            if (!Trainable) Value.Grad = null;
        }
    }

    /// <summary>Replaces the values in place (shape and dtype must match); used by loading and by initializers.</summary>
    public void Assign(Tensor source)
    {
        if (source.Shape != Value.Shape)
            throw new ArgumentException($"parameter '{Name}': cannot assign a tensor of shape {source.Shape} to a parameter of shape {Value.Shape}");
        using var _ = Tensor.NoGrad();
        if (!Value.Device.IsCpu)
        {
            Value.CopyFrom(source);
            return;
        }
        var src = source.AsType(DType).Contiguous();
        if (DType == DType.Float32) src.AsSpan<float>().CopyTo(Value.AsSpan<float>());
        else src.AsSpan<double>().CopyTo(Value.AsSpan<double>());
    }

    public static implicit operator Tensor(Parameter p) => p.Value;

    public override string ToString() => $"Parameter {Name} {Shape} {DType.Name()}{(Trainable ? "" : " (non-trainable)")}";
}
