namespace DeepNotes.Kernels.Conv;

/// <summary>
/// Sizes of one 2-D convolution in NHWC: input (N, H, W, C), filters (KH, KW, C, O), output (N, OH, OW, O),
/// with strides, dilations and the pads before the first row/column (pads after are implied by OH/OW).
/// </summary>
internal readonly record struct ConvGeometry(
    int N, int H, int W, int C, int KH, int KW, int O,
    int StrideH, int StrideW, int DilationH, int DilationW, int PadTop, int PadLeft, int OH, int OW)
{
    /// <summary>Width of one im2col row: every filter tap times every input channel.</summary>
    public int K => KH * KW * C;

    /// <summary>Output pixels per image (rows of the im2col matrix per image).</summary>
    public int Pixels => OH * OW;

    /// <summary>True when im2col would copy x unchanged (1×1 filter, stride 1, no padding).</summary>
    public bool IsPointwise => KH == 1 && KW == 1 && StrideH == 1 && StrideW == 1 && PadTop == 0 && PadLeft == 0 && OH == H && OW == W;
}
