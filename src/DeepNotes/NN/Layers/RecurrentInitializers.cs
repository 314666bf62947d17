namespace DeepNotes.NN;

/// <summary>
/// Keras's Orthogonal initializer for recurrent kernels: a (rows, cols) matrix with orthonormal rows or columns
/// (Gram–Schmidt on normal draws), times gain. Keeps the recurrence well conditioned at the start.
/// </summary>
public sealed class OrthogonalInitializer(double gain = 1.0, int? seed = null) : Init.RandomInitializer(seed)
{
    public double Gain { get; } = gain;

    protected override void Sample(Span<double> values, int[] shape)
    {
        int rows = shape.Length == 0 ? 1 : shape[0];
        int cols = rows == 0 ? 0 : values.Length / rows;
        Random.Normal(values);
        // Orthonormalise the vectors along the longer side, stored as rows of a (short, long) matrix.
        bool transpose = rows > cols;
        int count = transpose ? cols : rows, length = transpose ? rows : cols;
        var m = new double[count * length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                m[transpose ? j * length + i : i * length + j] = values[i * cols + j];
        for (int v = 0; v < count; v++)
        {
            var row = m.AsSpan(v * length, length);
            for (int p = 0; p < v; p++)
            {
                var prev = m.AsSpan(p * length, length);
                double dot = 0;
                for (int j = 0; j < length; j++) dot += row[j] * prev[j];
                for (int j = 0; j < length; j++) row[j] -= dot * prev[j];
            }
            double norm = 0;
            for (int j = 0; j < length; j++) norm += row[j] * row[j];
            norm = Math.Sqrt(norm);
            for (int j = 0; j < length; j++) row[j] = norm > 0 ? row[j] / norm : 0;
        }
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                values[i * cols + j] = Gain * m[transpose ? j * length + i : i * length + j];
    }
}

/// <summary>
/// The LSTM bias initializer with Keras's unit_forget_bias: zeros except ones for the forget gate ([U, 2U)),
/// which lets gradients flow through the cell state early in training.
/// </summary>
public sealed class ForgetBiasInitializer : Initializer
{
    public override void Fill(Tensor weight)
    {
        int u = weight.Size / 4;
        var values = new double[weight.Size];
        for (int j = u; j < 2 * u; j++) values[j] = 1;
        Init.RandomInitializer.Write(weight, values);
    }
}
