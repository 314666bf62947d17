using DeepNotes.Indexing;

namespace DeepNotes;

// numpy.pad with mode='constant'.
public sealed partial class Tensor
{
    /// <summary>
    /// numpy.pad (constant mode): widths per axis as rows of (before, after). One row applies to every axis.
    /// <example>The course's zero_pad: <c>X.Pad(new[] { (0, 0), (p, p), (p, p), (0, 0) })</c>.</example>
    /// </summary>
    public Tensor Pad((int Before, int After)[] padWidth, double value = 0)
    {
        ArgumentNullException.ThrowIfNull(padWidth);
        if (padWidth.Length != 1 && padWidth.Length != Rank)
            throw new ArgumentException($"pad: pad_width has {padWidth.Length} rows (before, after) for a tensor of rank {Rank} (shape {Shape}); give 1 or {Rank}");
        var before = new int[Rank];
        var outShape = new int[Rank];
        for (int i = 0; i < Rank; i++)
        {
            var (b, a) = padWidth.Length == 1 ? padWidth[0] : padWidth[i];
            if (b < 0 || a < 0) throw new ArgumentException($"pad: index can't contain negative values, got ({b}, {a}) for axis {i}");
            before[i] = b;
            outShape[i] = shape[i] + b + a;
        }
        var result = Full(outShape, value, DType);
        var inner = ShapeCopy();
        IndexKernels.Copy(this, Interior(result, before, inner));
        return Autodiff.Record(result, "pad", [this], g => [Interior(g, before, inner)]);
    }

    /// <summary>numpy.pad with pad_width given as an array of shape (rank, 2) or (1, 2).</summary>
    public Tensor Pad(int[,] padWidth, double value = 0)
    {
        ArgumentNullException.ThrowIfNull(padWidth);
        if (padWidth.GetLength(1) != 2)
            throw new ArgumentException($"pad: pad_width must have shape (rank, 2), got ({padWidth.GetLength(0)}, {padWidth.GetLength(1)})");
        var rows = new (int, int)[padWidth.GetLength(0)];
        for (int i = 0; i < rows.Length; i++) rows[i] = (padWidth[i, 0], padWidth[i, 1]);
        return Pad(rows, value);
    }

    /// <summary>numpy.pad with the same (before, after) on every axis.</summary>
    public Tensor Pad((int Before, int After) padWidth, double value = 0) => Pad([padWidth], value);

    /// <summary>numpy.pad with the same width before and after every axis.</summary>
    public Tensor Pad(int padWidth, double value = 0) => Pad([(padWidth, padWidth)], value);

    /// <summary>The view of t that skips before[i] positions on each axis and has the given shape.</summary>
    private static Tensor Interior(Tensor t, int[] before, int[] innerShape)
    {
        int offset = t.Offset;
        for (int i = 0; i < before.Length; i++) offset += before[i] * t.strides[i];
        return new Tensor(t.Storage, (int[])innerShape.Clone(), (int[])t.strides.Clone(), EmptySafeOffset(offset, innerShape));
    }
}
