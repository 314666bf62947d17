using DeepNotes.Gpu;

namespace DeepNotes.Gpu.Tests;

/// <summary>One backend for the whole test run: ILGPU's CPU accelerator on machines without CUDA (CI).</summary>
internal static class Gpu
{
    private static readonly Lazy<GpuBackend> Instance = new(() => GpuBackend.Initialize());

    public static GpuBackend Backend => Instance.Value;

    public static Device Device => Backend.Device;

    private static readonly System.Random Rng = new(1234);

    /// <summary>A CPU tensor of uniform values in [low, high).</summary>
    public static Tensor Random(int[] shape, DType dtype = DType.Float32, double low = -1, double high = 1)
    {
        var data = new double[DeepNotes.Shape.SizeOf(shape)];
        lock (Rng) for (int i = 0; i < data.Length; i++) data[i] = low + (high - low) * Rng.NextDouble();
        return Tensor.FromArray(data, shape).AsType(dtype);
    }

    /// <summary>Asserts a GPU result equals the CPU engine's within a float32-suited tolerance.</summary>
    public static void AssertClose(Tensor expected, Tensor actual, double tol = 1e-5)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.DType, actual.DType);
        var e = expected.ToArray();
        var a = actual.ToArray();
        for (int i = 0; i < e.Length; i++)
        {
            if (double.IsNaN(e[i])) { Assert.True(double.IsNaN(a[i]), $"element {i}: expected NaN, got {a[i]}"); continue; }
            if (double.IsInfinity(e[i])) { Assert.Equal(e[i], a[i]); continue; }
            double err = Math.Abs(e[i] - a[i]) / Math.Max(1, Math.Abs(e[i]));
            Assert.True(err <= tol, $"element {i}: expected {e[i]}, got {a[i]} (relative error {err:E2} > {tol:E0})");
        }
    }
}
