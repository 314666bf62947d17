using System.Runtime.InteropServices;

namespace DeepNotes.Bench.Anchors;

/// <summary>OpenBLAS's cblas_sgemm through P/Invoke (Debian package libopenblas0-pthread).</summary>
public sealed unsafe class OpenBlasAnchor
{
    private const string Library = "libopenblas.so.0";
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;

    [DllImport(Library)] private static extern void cblas_sgemm(int order, int transA, int transB, int m, int n, int k,
        float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);
    [DllImport(Library)] private static extern void openblas_set_num_threads(int threads);
    [DllImport(Library)] private static extern int openblas_get_num_threads();
    [DllImport(Library)] private static extern nint openblas_get_corename();

    private OpenBlasAnchor() { }

    public string CoreName { get; private set; } = "";

    public static OpenBlasAnchor? TryLoad(int threads, out string status)
    {
        if (!NativeLibrary.TryLoad(Library, out _))
        {
            status = $"{Library} not found, skipped. Install it with: apt-get install -y libopenblas0-pthread";
            return null;
        }
        openblas_set_num_threads(threads);
        var anchor = new OpenBlasAnchor { CoreName = Marshal.PtrToStringAnsi(openblas_get_corename()) ?? "?" };
        string env = $"OPENBLAS_CORETYPE={Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") ?? "(unset)"}";
        string hint = anchor.CoreName.Contains("Haswell", StringComparison.OrdinalIgnoreCase)
            ? " — AVX2 kernel; for its AVX-512 kernel run with OPENBLAS_CORETYPE=SkylakeX" : "";
        status = $"cblas_sgemm, core {anchor.CoreName} ({env}){hint}, {openblas_get_num_threads()} threads";
        return anchor;
    }

    /// <summary>Row-major C = op(A)·op(B), like Gemm.Multiply with accumulate = false.</summary>
    public void Sgemm(bool transA, bool transB, int m, int n, int k, float[] a, int lda, float[] b, int ldb, float[] c, int ldc)
    {
        fixed (float* pa = a, pb = b, pc = c)
            cblas_sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, 1f, pa, lda, pb, ldb, 0f, pc, ldc);
    }
}
