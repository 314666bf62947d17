namespace DeepNotes.NN;

/// <summary>Output-size arithmetic shared by the conv and pooling layers (−1 stays unknown).</summary>
internal static class ConvShapes
{
    /// <summary>Output length of a window of size k (dilation d, stride s) over an input axis.</summary>
    public static int Output(int input, int k, int stride, int dilation, ConvPadding padding, bool vertical)
    {
        if (input < 0) return -1;
        int keff = (k - 1) * dilation + 1;
        return (padding.Mode ?? "valid") switch
        {
            "same" => (input + stride - 1) / stride,
            "valid" => input < keff ? 0 : (input - keff) / stride + 1,
            _ => (input + (vertical ? padding.Top + padding.Bottom : padding.Left + padding.Right) - keff) / stride + 1,
        };
    }

    /// <summary>Output length of a transposed convolution (Keras deconv_output_length, no output padding).</summary>
    public static int TransposedOutput(int input, int k, int stride, int dilation, ConvPadding padding, bool vertical)
    {
        if (input < 0) return -1;
        int keff = (k - 1) * dilation + 1;
        return (padding.Mode ?? "valid") switch
        {
            "same" => input * stride,
            "valid" => (input - 1) * stride + keff,
            _ => (input - 1) * stride + keff - (vertical ? padding.Top + padding.Bottom : padding.Left + padding.Right),
        };
    }

    public static void CheckImage(int[] inputShape, string who)
    {
        if (inputShape.Length != 3)
            throw new ArgumentException($"{who}: expects images (N, H, W, C), got input shape {Layer.FormatShape(inputShape)}");
    }

    public static void CheckPositive(string who, string what, params int[] values)
    {
        if (values.Any(v => v <= 0)) throw new ArgumentException($"{who}: {what} must be positive, got ({string.Join(", ", values)})");
    }
}
