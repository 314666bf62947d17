namespace DeepNotes.Tests.Rng;

/// <summary>Comparisons against numpy's stored outputs.</summary>
internal static class RandomAssert
{
    /// <summary>Uniform and integer draws involve only exact arithmetic: they must match bit for bit.</summary>
    public static void Exact(double[] expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(expected[i].Equals(actual[i]), $"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }

    public static void Exact(long[] expected, ReadOnlySpan<double> actual) => Exact(Array.ConvertAll(expected, v => (double)v), actual);

    public static void Exact(long[] expected, int[] actual) => Exact(expected, Array.ConvertAll(actual, v => (double)v));

    /// <summary>
    /// Gaussian draws go through libm's log; glibc's (which numpy also uses) gives identical bits, another
    /// platform's log may differ in the last place, so these allow a few ulps.
    /// </summary>
    public static void Close(double[] expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double tol = 1e-14 * Math.Max(1.0, Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol, $"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    public static double[] Reference(string name) =>
        (double[])typeof(NumpyReference).GetField(name)!.GetValue(null)!;

    public static long[] ReferenceInts(string name) =>
        (long[])typeof(NumpyReference).GetField(name)!.GetValue(null)!;
}
