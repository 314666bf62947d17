using System.Runtime.Intrinsics;

namespace DeepNotes.Kernels;

/// <summary>
/// The loop for 11–20 rows of C with a row-major B (see <see cref="MicroKernel512Rows20{T}"/>): per K slice, A is
/// packed once into a 20-row panel (zero rows past m), then one kernel call per vector of columns streams B in place.
/// </summary>
internal static unsafe class GemmRows20<T> where T : unmanaged
{
    /// <summary>C[0..m, j0..j1] (+)= op(A)[0..m, p0..p1] · B[p0..p1, j0..j1] for 10 &lt; m ≤ 20.</summary>
    public static void Run(bool transA, int m, int j0, int j1, int p0, int p1,
        T* a, nint lda, T* b, nint ldb, T* c, nint ldc, bool accumulate, int kcMax)
    {
        const int rows = MicroKernel512Rows20<T>.Rows;
        int lanes = Vector512<T>.Count;
        T* ap = PackBuffer<T>.A(rows * kcMax);
        for (int pc = p0; pc < p1; pc += kcMax)
        {
            int kc = Math.Min(kcMax, p1 - pc);
            bool add = accumulate || pc > p0;
            if (transA) GemmPacking.PackATransposed(a, lda, 0, m, pc, kc, rows, ap);   // zero-pads rows past m
            else
            {
                GemmPacking.PackARows(a, lda, 0, m, pc, kc, rows, ap);
                for (int p = 0; p < kc; p++) new Span<T>(ap + p * rows + m, rows - m).Clear();
            }
            T* bRows = b + pc * ldb;
            for (int j = j0; j < j1; j += lanes)
                MicroKernel512Rows20<T>.Run(kc, ap, bRows + j, ldb, c + j, ldc, m, Math.Min(lanes, j1 - j), add);
        }
    }
}
