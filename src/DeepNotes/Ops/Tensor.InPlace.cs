using System.Numerics.Tensors;

namespace DeepNotes;

// Small in-place updates for optimizers and running statistics: contiguous tensors, same dtype, no recording.
public sealed partial class Tensor
{
    /// <summary>this += alpha·other (same shape), in place.</summary>
    public Tensor AddInPlace(Tensor other, double alpha = 1)
    {
        if (!Device.IsCpu) return AssignOnDevice("add_", () => this + other.AsType(DType) * alpha);
        var o = PrepareInPlace(other, "add_");
        if (DType == DType.Float32)
        {
            if (alpha == 1) TensorPrimitives.Add(AsSpan<float>(), o.AsSpan<float>(), AsSpan<float>());
            else TensorPrimitives.MultiplyAdd(o.AsSpan<float>(), (float)alpha, AsSpan<float>(), AsSpan<float>());
        }
        else
        {
            if (alpha == 1) TensorPrimitives.Add(AsSpan<double>(), o.AsSpan<double>(), AsSpan<double>());
            else TensorPrimitives.MultiplyAdd(o.AsSpan<double>(), alpha, AsSpan<double>(), AsSpan<double>());
        }
        return this;
    }

    /// <summary>this *= factor, in place.</summary>
    public Tensor MulInPlace(double factor)
    {
        if (!Device.IsCpu) return AssignOnDevice("mul_", () => this * factor);
        CheckInPlaceTarget("mul_");
        if (DType == DType.Float32) TensorPrimitives.Multiply(AsSpan<float>(), (float)factor, AsSpan<float>());
        else TensorPrimitives.Multiply(AsSpan<double>(), factor, AsSpan<double>());
        return this;
    }

    /// <summary>this += weight·(other − this), i.e. this = (1 − weight)·this + weight·other (a running average), in place.</summary>
    public Tensor LerpInPlace(Tensor other, double weight)
    {
        if (!Device.IsCpu) return AssignOnDevice("lerp_", () => this + (other.AsType(DType) - this) * weight);
        var o = PrepareInPlace(other, "lerp_");
        if (DType == DType.Float32)
            TensorPrimitives.Lerp(AsSpan<float>(), o.AsSpan<float>(), (float)weight, AsSpan<float>());
        else
            TensorPrimitives.Lerp(AsSpan<double>(), o.AsSpan<double>(), weight, AsSpan<double>());
        return this;
    }

    /// <summary>Copies other's values into this tensor (same shape; converted to this dtype), in place.</summary>
    public Tensor CopyFrom(Tensor other)
    {
        if (!Device.IsCpu) return AssignOnDevice("copy_", () => other.AsType(DType));
        var o = PrepareInPlace(other, "copy_");
        if (DType == DType.Float32) o.AsSpan<float>().CopyTo(AsSpan<float>());
        else o.AsSpan<double>().CopyTo(AsSpan<double>());
        return this;
    }

    private Tensor PrepareInPlace(Tensor other, string op)
    {
        CheckInPlaceTarget(op);
        if (other.Shape != Shape)
            throw new ArgumentException($"{op}: shapes {Shape} and {other.Shape} differ");
        using var _ = NoGrad();
        return other.AsType(DType).Contiguous();
    }

    private void CheckInPlaceTarget(string op)
    {
        CheckInPlace(op);
        RequireCpu(op);
        if (!IsContiguous) throw new InvalidOperationException($"{op}: in-place updates need a contiguous tensor, got a strided view of shape {Shape}");
    }
}

public sealed partial class Tensor
{
    /// <summary>A view of rows [start, start + count) along axis 0 of a contiguous tensor (no copy, not recorded).</summary>
    internal Tensor RowsView(int start, int count)
    {
        var dims = ShapeCopy();
        dims[0] = count;
        return new Tensor(Storage, dims, (int[])strides.Clone(), Offset + start * (Rank > 0 ? strides[0] : 0));
    }
}
