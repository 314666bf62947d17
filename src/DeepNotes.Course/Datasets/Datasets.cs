namespace DeepNotes.Course.Datasets;

/// <summary>
/// The course's data sets, with the course's loader names and layouts (X is (n_x, m), Y is (1, m)). Nothing is
/// downloaded: small sets are generated with the course's formulas and the numpy-compatible generator, images come
/// from a shipped .h5 file or are drawn from a seed.
/// </summary>
public static partial class Datasets
{
    /// <summary>Builds an (rows, cols) float64 tensor from column-major point data: values[i, j] = get(i, j).</summary>
    internal static Tensor Matrix(int rows, int cols, Func<int, int, double> get)
    {
        var data = new double[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                data[i * cols + j] = get(i, j);
        return Tensor.FromArray(data, rows, cols);
    }

    /// <summary>numpy.linspace for plain arrays (same arithmetic as Tensor.Linspace: start + i·step, exact end point).</summary>
    internal static double[] Linspace(double start, double stop, int num, bool endpoint = true)
    {
        var r = new double[num];
        double div = endpoint ? num - 1 : num;
        double step = div > 0 ? (stop - start) / div : 0;
        for (int i = 0; i < num; i++) r[i] = start + i * step;
        if (endpoint && num > 1) r[num - 1] = stop;
        return r;
    }
}
