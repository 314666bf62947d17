namespace DeepNotes;

// One-hot encoding of integer labels.
public sealed partial class Tensor
{
    /// <summary>
    /// One-hot encodes integer labels (any shape, read flattened): axis -1 (or 1) gives (m, depth), Keras' layout;
    /// axis 0 gives (depth, m), the course's <c>convert_to_one_hot(Y, C)</c> convention for Y of shape (1, m).
    /// Not differentiable (labels are data).
    /// </summary>
    public static Tensor OneHot(Tensor labels, int depth, int axis = -1, DType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var values = labels.ToArray();
        var ints = new int[values.Length];
        for (int i = 0; i < ints.Length; i++)
        {
            double v = values[i];
            if (v != Math.Floor(v) || double.IsInfinity(v))
                throw new ArgumentException($"one_hot: labels must be whole numbers, got {v} at position {i}");
            ints[i] = v < int.MinValue || v > int.MaxValue ? -1 : (int)v;
            if (ints[i] < 0 || v >= depth)
                throw new ArgumentException($"one_hot: label {v} at position {i} is out of range for depth {depth}");
        }
        return OneHot(ints, depth, axis, dtype);
    }

    /// <summary>One-hot encodes integer labels; see <see cref="OneHot(Tensor, int, int, DType?)"/>.</summary>
    public static Tensor OneHot(int[] labels, int depth, int axis = -1, DType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (depth < 0) throw new ArgumentException($"one_hot: depth must be non-negative, got {depth}");
        int a = DeepNotes.Shape.NormalizeAxis(axis, 2, "one_hot");
        int m = labels.Length;
        for (int i = 0; i < m; i++)
            if (labels[i] < 0 || labels[i] >= depth)
                throw new ArgumentException($"one_hot: label {labels[i]} at position {i} is out of range for depth {depth}");
        var result = Zeros(a == 1 ? [m, depth] : [depth, m], dtype ?? DefaultDType);
        for (int i = 0; i < m; i++) result.SetFlat(a == 1 ? i * depth + labels[i] : labels[i] * m + i, 1);
        return result;
    }
}
