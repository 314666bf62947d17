namespace DeepNotes.Kernels;

/// <summary>
/// A register-tiled GEMM micro-kernel: computes an MR×NR tile of C from an A micro-panel (element (r, p) at
/// a[r·rs + p·cs], so row-major A is read in place and packed A uses rs = 1, cs = MR) and a packed B
/// micro-panel (kc rows of NR contiguous values bs apart: packed and zero-padded past the matrix edge with
/// bs = NR, or B's own rows read in place with bs = ldb).
/// </summary>
internal interface IMicroKernel<T> where T : unmanaged
{
    /// <summary>Rows of the C tile.</summary>
    static abstract int MR { get; }

    /// <summary>Columns of the C tile (a multiple of the vector width).</summary>
    static abstract int NR { get; }

    /// <summary>
    /// C[0..mr, 0..nr] (+)= A·B over kc steps; rows ≥ mr of A are never read and columns ≥ nr of C
    /// are never written. With add, the tile is added to C, otherwise it overwrites C.
    /// </summary>
    static abstract unsafe void Run(int kc, T* a, nint rs, nint cs, T* b, nint bs, T* c, nint ldc, int mr, int nr, bool add);
}
