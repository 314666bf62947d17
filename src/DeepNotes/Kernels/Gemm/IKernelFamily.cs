using System.Runtime.Intrinsics;

namespace DeepNotes.Kernels;

/// <summary>
/// A family of register-tiled GEMM micro-kernels sharing one tile size MR×NR. Select returns the kernel for a
/// (possibly partial) tile of rows × nr columns; it computes C[0..rows, 0..nr] (+)= A·B over kc steps from an
/// A micro-panel (element (r, p) at a[r·rs + p·cs]: row-major A in place, or packed with rs = 1, cs = MR) and
/// a B micro-panel (row p at b + p·bs: packed and zero-padded with bs = NR, or B's own rows with bs = ldb).
/// </summary>
internal unsafe interface IKernelFamily<T> where T : unmanaged
{
    /// <summary>Rows of a full tile.</summary>
    static abstract int MR { get; }

    /// <summary>Columns of a full tile (a multiple of Lanes).</summary>
    static abstract int NR { get; }

    /// <summary>Elements per vector.</summary>
    static abstract int Lanes { get; }

    /// <summary>Whether a row-major B is always read in place (else only while small and m is small).</summary>
    static abstract bool StreamsB { get; }

    /// <summary>Whether a row-major A is packed too (the kernels then index A from one pointer).</summary>
    static abstract bool PacksA { get; }

    /// <summary>The kernel for a tile of 1 ≤ rows ≤ MR and 1 ≤ nr ≤ NR columns.</summary>
    static abstract delegate*<int, T*, nint, nint, T*, nint, T*, nint, int, bool, void> Select(int rows, int nr);
}

/// <summary>The AVX-512 kernels: 6 × 4 vectors (6×64 floats).</summary>
internal readonly unsafe struct Avx512Kernels<T> : IKernelFamily<T> where T : unmanaged
{
    public static int MR => 6;
    public static int NR => 4 * Vector512<T>.Count;
    public static int Lanes => Vector512<T>.Count;
    public static bool StreamsB => false;
    public static bool PacksA => false;

    // [rows - 1, vectors - 1]: every edge tile gets a kernel of exactly its rows and enough vector columns.
    private static readonly delegate*<int, T*, nint, nint, T*, nint, T*, nint, int, bool, void>[] Kernels =
    [
            &MicroKernel512<T, N1, N1>.Run, &MicroKernel512<T, N1, N2>.Run, &MicroKernel512<T, N1, N3>.Run, &MicroKernel512<T, N1, N4>.Run,
            &MicroKernel512<T, N2, N1>.Run, &MicroKernel512<T, N2, N2>.Run, &MicroKernel512<T, N2, N3>.Run, &MicroKernel512<T, N2, N4>.Run,
            &MicroKernel512<T, N3, N1>.Run, &MicroKernel512<T, N3, N2>.Run, &MicroKernel512<T, N3, N3>.Run, &MicroKernel512<T, N3, N4>.Run,
            &MicroKernel512<T, N4, N1>.Run, &MicroKernel512<T, N4, N2>.Run, &MicroKernel512<T, N4, N3>.Run, &MicroKernel512<T, N4, N4>.Run,
            &MicroKernel512<T, N5, N1>.Run, &MicroKernel512<T, N5, N2>.Run, &MicroKernel512<T, N5, N3>.Run, &MicroKernel512<T, N5, N4>.Run,
            &MicroKernel512<T, N6, N1>.Run, &MicroKernel512<T, N6, N2>.Run, &MicroKernel512<T, N6, N3>.Run, &MicroKernel512<T, N6, N4>.Run
    ];

    public static delegate*<int, T*, nint, nint, T*, nint, T*, nint, int, bool, void> Select(int rows, int nr) =>
        Kernels[(rows - 1) * 4 + (nr + Lanes - 1) / Lanes - 1];
}

/// <summary>The AVX2 kernels: 6 × 2 vectors (6×16 floats).</summary>
internal readonly unsafe struct Avx2Kernels<T> : IKernelFamily<T> where T : unmanaged
{
    public static int MR => 6;
    public static int NR => 2 * Vector256<T>.Count;
    public static int Lanes => Vector256<T>.Count;
    public static bool StreamsB => false;
    public static bool PacksA => false;

    // [rows - 1, vectors - 1]: every edge tile gets a kernel of exactly its rows and enough vector columns.
    private static readonly delegate*<int, T*, nint, nint, T*, nint, T*, nint, int, bool, void>[] Kernels =
    [
            &MicroKernel256<T, N1, N1>.Run, &MicroKernel256<T, N1, N2>.Run,
            &MicroKernel256<T, N2, N1>.Run, &MicroKernel256<T, N2, N2>.Run,
            &MicroKernel256<T, N3, N1>.Run, &MicroKernel256<T, N3, N2>.Run,
            &MicroKernel256<T, N4, N1>.Run, &MicroKernel256<T, N4, N2>.Run,
            &MicroKernel256<T, N5, N1>.Run, &MicroKernel256<T, N5, N2>.Run,
            &MicroKernel256<T, N6, N1>.Run, &MicroKernel256<T, N6, N2>.Run
    ];

    public static delegate*<int, T*, nint, nint, T*, nint, T*, nint, int, bool, void> Select(int rows, int nr) =>
        Kernels[(rows - 1) * 2 + (nr + Lanes - 1) / Lanes - 1];
}

/// <summary>
/// The AVX-512 kernels for few rows (m ≤ 20 or so): 10 × 2 vectors (10×32 floats), reading a row-major B in place.
/// </summary>
internal readonly unsafe struct Avx512TallKernels<T> : IKernelFamily<T> where T : unmanaged
{
    public static int MR => 10;
    public static int NR => 2 * Vector512<T>.Count;
    public static int Lanes => Vector512<T>.Count;
    public static bool StreamsB => true;
    public static bool PacksA => true;

    // [rows - 1, vectors - 1]
    private static readonly delegate*<int, T*, nint, nint, T*, nint, T*, nint, int, bool, void>[] Kernels =
    [
        &MicroKernel512Tall<T, N1, N1>.Run, &MicroKernel512Tall<T, N1, N2>.Run,
        &MicroKernel512Tall<T, N2, N1>.Run, &MicroKernel512Tall<T, N2, N2>.Run,
        &MicroKernel512Tall<T, N3, N1>.Run, &MicroKernel512Tall<T, N3, N2>.Run,
        &MicroKernel512Tall<T, N4, N1>.Run, &MicroKernel512Tall<T, N4, N2>.Run,
        &MicroKernel512Tall<T, N5, N1>.Run, &MicroKernel512Tall<T, N5, N2>.Run,
        &MicroKernel512Tall<T, N6, N1>.Run, &MicroKernel512Tall<T, N6, N2>.Run,
        &MicroKernel512Tall<T, N7, N1>.Run, &MicroKernel512Tall<T, N7, N2>.Run,
        &MicroKernel512Tall<T, N8, N1>.Run, &MicroKernel512Tall<T, N8, N2>.Run,
        &MicroKernel512Tall<T, N9, N1>.Run, &MicroKernel512Tall<T, N9, N2>.Run,
        &MicroKernel512Tall<T, N10, N1>.Run, &MicroKernel512Tall<T, N10, N2>.Run,
    ];

    public static delegate*<int, T*, nint, nint, T*, nint, T*, nint, int, bool, void> Select(int rows, int nr) =>
        Kernels[(rows - 1) * 2 + (nr + Lanes - 1) / Lanes - 1];
}
