namespace DeepNotes.NN;

/// <summary>
/// How a convolution or pooling window treats the borders: "valid" (no padding), "same" (TensorFlow's rule:
/// output = ceil(input / stride), the extra pixel going after when the total is odd) or explicit pads per side.
/// Strings convert implicitly: <c>"same"</c>, <c>"valid"</c>.
/// </summary>
public readonly record struct ConvPadding
{
    private ConvPadding(string mode, int top, int bottom, int left, int right)
    {
        Mode = mode;
        Top = top;
        Bottom = bottom;
        Left = left;
        Right = right;
    }

    /// <summary>"valid", "same" or "explicit".</summary>
    public string Mode { get; }
    public int Top { get; }
    public int Bottom { get; }
    public int Left { get; }
    public int Right { get; }

    public static ConvPadding Valid { get; } = new("valid", 0, 0, 0, 0);
    public static ConvPadding Same { get; } = new("same", 0, 0, 0, 0);

    /// <summary>Explicit zero padding on each side (PyTorch's padding=(p, p) is Explicit(p, p, p, p)).</summary>
    public static ConvPadding Explicit(int top, int bottom, int left, int right)
    {
        if (top < 0 || bottom < 0 || left < 0 || right < 0)
            throw new ArgumentException($"padding: pads must be non-negative, got ({top}, {bottom}, {left}, {right})");
        return new("explicit", top, bottom, left, right);
    }

    /// <summary>The same explicit pad p on all four sides.</summary>
    public static ConvPadding Explicit(int p) => Explicit(p, p, p, p);

    public static ConvPadding Parse(string padding) => padding.ToLowerInvariant() switch
    {
        "valid" => Valid,
        "same" => Same,
        _ => throw new ArgumentException($"padding: expected \"valid\" or \"same\", got \"{padding}\""),
    };

    public static implicit operator ConvPadding(string padding) => Parse(padding);

    /// <summary>
    /// Output length and pad before the first element along one axis, for a window of effective size
    /// keff = (k - 1) * dilation + 1.
    /// </summary>
    internal (int Out, int PadBefore) Resolve(int input, int keff, int stride, bool vertical, string op)
    {
        switch (Mode ?? "valid")
        {
            case "same":
            {
                int output = (input + stride - 1) / stride;
                int total = Math.Max((output - 1) * stride + keff - input, 0);
                return (output, total / 2);
            }
            case "valid":
            {
                if (input < keff)
                    throw new ArgumentException($"{op}: window of size {keff} does not fit in input of size {input} with padding \"valid\"");
                return ((input - keff) / stride + 1, 0);
            }
            default:
            {
                int before = vertical ? Top : Left, after = vertical ? Bottom : Right;
                int padded = input + before + after;
                if (padded < keff)
                    throw new ArgumentException($"{op}: window of size {keff} does not fit in padded input of size {padded}");
                return ((padded - keff) / stride + 1, before);
            }
        }
    }

    public override string ToString() => Mode is null ? "valid" : Mode == "explicit" ? $"explicit({Top}, {Bottom}, {Left}, {Right})" : Mode;
}
