namespace DeepNotes.Tests.Gemm;

/// <summary>Naive triple-loop GEMM in double precision: the oracle for the kernel tests.</summary>
internal static class GemmReference
{
    public static double[] Multiply(bool transA, bool transB, int m, int n, int k,
        double[] a, int lda, double[] b, int ldb, double[] c, int ldc, bool accumulate)
    {
        var result = (double[])c.Clone();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                    sum += (transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j]);
                result[i * ldc + j] = accumulate ? result[i * ldc + j] + sum : sum;
            }
        return result;
    }

    public static double[] Random(Random random, int length)
    {
        var data = new double[length];
        for (int i = 0; i < length; i++) data[i] = random.NextDouble() * 2 - 1;
        return data;
    }
}
