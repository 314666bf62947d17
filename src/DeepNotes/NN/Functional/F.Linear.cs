namespace DeepNotes.NN;

public static partial class F
{
    /// <summary>
    /// y = x·W + b over the last axis (Keras Dense): x (..., in), kernel (in, out), bias (out) or null → (..., out).
    /// </summary>
    public static Tensor Linear(Tensor x, Tensor kernel, Tensor? bias = null)
    {
        if (kernel.Rank != 2) throw new ArgumentException($"linear: kernel must be 2-D (in, out), got shape {kernel.Shape}");
        if (x.Rank == 0 || x.Dims[^1] != kernel.Dims[0])
            throw new ArgumentException($"linear: input shape {x.Shape} does not match kernel shape {kernel.Shape} (last axis must be {kernel.Dims[0]})");
        Tensor y;
        if (x.Rank == 2) y = x.MatMul(kernel);
        else
        {
            var lead = x.Dims[..^1];
            y = x.Reshape(-1, kernel.Dims[0]).MatMul(kernel).Reshape([.. lead, kernel.Dims[1]]);
        }
        return bias is null ? y : y + bias;
    }
}
