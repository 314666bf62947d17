using DeepNotes.NN;

namespace DeepNotes.Tests.Gemm;

/// <summary>
/// The fused Dense over a wide input with few units (the cat MLP's first layer in miniature): its forward takes the
/// dot-product GEMM, its dW the few-row kernels and a blocked transpose. Checked against naive loops in double.
/// </summary>
public class DenseWideInputTests
{
    [Theory]
    [InlineData(DType.Float64, 37, 600, 20)]
    [InlineData(DType.Float32, 37, 600, 20)]
    [InlineData(DType.Float64, 11, 1030, 13)]
    [InlineData(DType.Float32, 9, 2100, 7)]
    public void ForwardAndGradientsMatchNaiveLoops(DType dtype, int rows, int inputs, int units)
    {
        var random = new Random(rows * 31 + inputs + units);
        double[] xs = GemmReference.Random(random, rows * inputs), ws = GemmReference.Random(random, inputs * units);
        double[] bs = GemmReference.Random(random, units), weights = GemmReference.Random(random, rows * units);
        if (dtype == DType.Float32)
        {
            // The reference runs on the float-rounded inputs.
            xs = [.. xs.Select(v => (double)(float)v)];
            ws = [.. ws.Select(v => (double)(float)v)];
            bs = [.. bs.Select(v => (double)(float)v)];
            weights = [.. weights.Select(v => (double)(float)v)];
        }
        var x = Tensor.FromArray(xs, rows, inputs).AsType(dtype);
        var w = Tensor.FromArray(ws, inputs, units).AsType(dtype).RequireGrad();
        var b = Tensor.FromArray(bs, units).AsType(dtype).RequireGrad();
        var y = F.Dense(x, w, b, FusedActivation.Relu);
        (y * Tensor.FromArray(weights, rows, units).AsType(dtype)).Sum().Backward();

        // y = relu(x·W + b); loss = Σ weights ⊙ y, so dz = weights ⊙ [y > 0], dW = xᵀ·dz, db = Σ_rows dz.
        var expectedY = new double[rows * units];
        var dz = new double[rows * units];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < units; j++)
            {
                double z = bs[j];
                for (int p = 0; p < inputs; p++) z += xs[i * inputs + p] * ws[p * units + j];
                expectedY[i * units + j] = Math.Max(0, z);
                dz[i * units + j] = z > 0 ? weights[i * units + j] : 0;
            }
        var expectedDw = new double[inputs * units];
        var expectedDb = new double[units];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < units; j++)
            {
                expectedDb[j] += dz[i * units + j];
                for (int p = 0; p < inputs; p++) expectedDw[p * units + j] += xs[i * inputs + p] * dz[i * units + j];
            }
        double tolerance = dtype == DType.Float32 ? 1e-4 : 1e-11;
        AssertClose(expectedY, y.AsType(DType.Float64).ToArray(), tolerance * Math.Sqrt(inputs), "y");
        AssertClose(expectedDw, w.Grad!.AsType(DType.Float64).ToArray(), tolerance * Math.Sqrt(rows), "dW");
        AssertClose(expectedDb, b.Grad!.AsType(DType.Float64).ToArray(), tolerance * Math.Sqrt(rows), "db");
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance, string name)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (Math.Abs(expected[i] - actual[i]) > tolerance * Math.Max(1, Math.Abs(expected[i])))
                Assert.Fail($"{name}[{i}] = {actual[i]}, expected {expected[i]}");
    }
}
