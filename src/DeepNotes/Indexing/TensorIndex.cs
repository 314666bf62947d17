namespace DeepNotes;

/// <summary>What one entry of an index expression <c>t[a, b, ...]</c> is.</summary>
public enum TensorIndexKind
{
    /// <summary>A single position; drops the axis (numpy <c>x[2]</c>, <c>x[^1]</c>).</summary>
    Integer,
    /// <summary>start:stop:step, a view (numpy <c>x[1:5:2]</c>, C# <c>x[1..5]</c>).</summary>
    Slice,
    /// <summary>Inserts an axis of length 1 (numpy <c>x[None]</c> / <c>np.newaxis</c>).</summary>
    NewAxis,
    /// <summary>As many full slices as needed (numpy <c>x[..., 0]</c>).</summary>
    Ellipsis,
    /// <summary>An array of integer positions: advanced indexing, a copy (numpy <c>x[[0, 2]]</c>).</summary>
    IntArray,
    /// <summary>A boolean mask over one or more leading axes: selects where it is nonzero (numpy <c>x[x &gt; 0]</c>).</summary>
    Mask,
}

/// <summary>
/// One entry of an index expression, with numpy's meaning. Conversions make C# index syntax read like numpy:
/// <list type="bullet">
/// <item><c>int</c> and <see cref="System.Index"/> (<c>^1</c> is numpy's -1) pick one position and drop the axis;</item>
/// <item><see cref="System.Range"/> (<c>1..</c>, <c>..^1</c>, <c>..</c>) and <see cref="Slice"/> (with a step, <c>Np.S(0, 10, 2)</c>) are slices; both clip like numpy;</item>
/// <item><see cref="NewAxis"/> (alias <see cref="None"/>) and <see cref="Ellipsis"/>;</item>
/// <item><c>int[]</c> or a <see cref="Tensor"/> of integer values: advanced (integer-array) indexing;</item>
/// <item><c>bool[]</c>, or <see cref="Mask(Tensor)"/> around a 0/1 tensor: boolean-mask indexing.</item>
/// </list>
/// Tensors hold floats, so a 0/1 tensor could mean either positions or a mask. The rule: a comparison result
/// (<c>A &lt; 0.5</c>, <c>Tensor.Equal(Y, 1)</c>, or a view of one; see <see cref="Tensor.IsMask"/>) is a mask, as in
/// numpy (<c>A[A &lt; 0.5] = 0</c>, <c>Y[Tensor.Equal(Y, 1)]</c>); every other tensor holds integer positions.
/// To use any 0/1 tensor as a mask, wrap it: <see cref="Mask(Tensor)"/> (<c>Np.Mask(m)</c>) or call <c>t.Mask(m)</c>.
/// </summary>
public sealed class TensorIndex
{
    private readonly Index integer;
    private readonly Slice slice;
    private readonly Tensor? tensor;
    private readonly int[]? ints;
    private readonly bool[]? bools;

    private TensorIndex(TensorIndexKind kind, Index integer = default, Slice slice = default,
        Tensor? tensor = null, int[]? ints = null, bool[]? bools = null)
    {
        Kind = kind;
        this.integer = integer;
        this.slice = slice;
        this.tensor = tensor;
        this.ints = ints;
        this.bools = bools;
    }

    public TensorIndexKind Kind { get; }

    /// <summary>numpy's <c>np.newaxis</c>: inserts an axis of length 1.</summary>
    public static TensorIndex NewAxis { get; } = new(TensorIndexKind.NewAxis);

    /// <summary>numpy's <c>None</c> in an index, the same as <see cref="NewAxis"/>.</summary>
    public static TensorIndex None => NewAxis;

    /// <summary>numpy's <c>...</c>: stands for as many full slices as the other entries leave.</summary>
    public static TensorIndex Ellipsis { get; } = new(TensorIndexKind.Ellipsis);

    /// <summary>The full slice <c>:</c> (the same as C#'s <c>..</c>).</summary>
    public static TensorIndex All { get; } = new(TensorIndexKind.Slice, slice: Slice.All);

    /// <summary>A boolean mask: positions where <paramref name="mask"/> is nonzero. Its shape must equal the leading axes it covers.</summary>
    public static TensorIndex Mask(Tensor mask) => new(TensorIndexKind.Mask, tensor: mask ?? throw new ArgumentNullException(nameof(mask)));

    /// <summary>A boolean mask over one axis.</summary>
    public static TensorIndex Mask(bool[] mask) => new(TensorIndexKind.Mask, bools: mask ?? throw new ArgumentNullException(nameof(mask)));

    /// <summary>Integer positions given as a tensor (values must be whole numbers).</summary>
    public static TensorIndex Indices(Tensor indices) => new(TensorIndexKind.IntArray, tensor: indices ?? throw new ArgumentNullException(nameof(indices)));

    /// <summary>Integer positions given as an array (a 1-D index).</summary>
    public static TensorIndex Indices(int[] indices) => new(TensorIndexKind.IntArray, ints: indices ?? throw new ArgumentNullException(nameof(indices)));

    public static implicit operator TensorIndex(int index) => new(TensorIndexKind.Integer, integer: index >= 0 ? new Index(index) : new Index(-index, fromEnd: true));
    public static implicit operator TensorIndex(Index index) => new(TensorIndexKind.Integer, integer: index);
    public static implicit operator TensorIndex(Slice slice) => new(TensorIndexKind.Slice, slice: slice);
    public static implicit operator TensorIndex(Range range) => new(TensorIndexKind.Slice, slice: FromRange(range));
    public static implicit operator TensorIndex(int[] indices) => Indices(indices);
    public static implicit operator TensorIndex(bool[] mask) => Mask(mask);
    /// <summary>A comparison result (<see cref="Tensor.IsMask"/>) indexes as a mask; any other tensor as integer positions.</summary>
    public static implicit operator TensorIndex(Tensor indices) => indices is not null && indices.IsMask ? Mask(indices) : Indices(indices!);

    internal Slice SliceValue => slice;

    /// <summary>The position on an axis of the given length; the error matches numpy's.</summary>
    internal int ResolveInteger(int length, int axis)
    {
        int k = integer.IsFromEnd ? length - integer.Value : integer.Value;
        if (k < 0 || k >= length)
            throw new IndexOutOfRangeException($"index {Display(integer)} is out of bounds for axis {axis} with size {length}");
        return k;
    }

    /// <summary>How many axes of the indexed tensor this entry consumes.</summary>
    internal int ConsumedAxes => Kind switch
    {
        TensorIndexKind.Integer or TensorIndexKind.Slice or TensorIndexKind.IntArray => 1,
        TensorIndexKind.Mask => bools is not null ? 1 : tensor!.Rank,
        _ => 0,
    };

    /// <summary>The integer positions and their shape (an integer entry gives a 0-d array).</summary>
    internal (int[] Values, int[] Shape) IntegerArray()
    {
        if (Kind == TensorIndexKind.Integer)
            return ([integer.IsFromEnd ? -integer.Value : integer.Value], []);
        if (ints is not null) return (ints, [ints.Length]);
        var t = tensor!.Contiguous();
        var result = t.DType == DType.Float32 ? ToIntegers<float>(t.AsSpan<float>()) : ToIntegers<double>(t.AsSpan<double>());
        return (result, tensor.ShapeCopy());
    }

    private static int[] ToIntegers<T>(ReadOnlySpan<T> values) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double v = double.CreateTruncating(values[i]);
            if (v != Math.Floor(v) || double.IsInfinity(v) || Math.Abs(v) > int.MaxValue)
                throw new IndexOutOfRangeException(
                    $"index: arrays used as indices must hold integers, got {v} (for a boolean mask use TensorIndex.Mask(m) or t.Mask(m))");
            result[i] = (int)v;
        }
        return result;
    }

    /// <summary>The mask as booleans in row-major order, with its shape.</summary>
    internal (bool[] Values, int[] Shape) MaskArray()
    {
        if (bools is not null) return (bools, [bools.Length]);
        var t = tensor!.Contiguous();
        var result = t.DType == DType.Float32 ? ToFlags<float>(t.AsSpan<float>()) : ToFlags<double>(t.AsSpan<double>());
        return (result, tensor.ShapeCopy());
    }

    private static bool[] ToFlags<T>(ReadOnlySpan<T> values) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var result = new bool[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = values[i] != T.Zero;
        return result;
    }

    private static Slice FromRange(Range r)
    {
        // ^0 as a start is the end of the axis: a start past any length clips to it.
        int? start = r.Start.IsFromEnd ? (r.Start.Value == 0 ? int.MaxValue : -r.Start.Value) : r.Start.Value;
        int? stop = r.End.IsFromEnd ? (r.End.Value == 0 ? null : -r.End.Value) : r.End.Value;
        return new Slice(start, stop, null);
    }

    private static string Display(Index i) => i.IsFromEnd ? (i.Value == 0 ? "^0" : $"{-i.Value}") : $"{i.Value}";

    public override string ToString() => Kind switch
    {
        TensorIndexKind.Integer => Display(integer),
        TensorIndexKind.Slice => slice.ToString(),
        TensorIndexKind.NewAxis => "None",
        TensorIndexKind.Ellipsis => "...",
        TensorIndexKind.IntArray => ints is not null ? $"[{string.Join(", ", ints)}]" : $"array{tensor!.Shape}",
        _ => bools is not null ? $"mask({bools.Length},)" : $"mask{tensor!.Shape}",
    };
}
