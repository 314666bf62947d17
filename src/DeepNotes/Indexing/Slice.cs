namespace DeepNotes;

/// <summary>
/// numpy's <c>start:stop:step</c>. Null bounds mean "from the edge" (which edge depends on the sign of step);
/// negative bounds count from the end; out-of-range bounds are clipped, never an error (numpy's rules).
/// <example><c>x[Slice.Of(null, null, -1)]</c> reverses x, like <c>x[::-1]</c>; <c>x[Np.S(0, 10, 2)]</c> is <c>x[0:10:2]</c>.</example>
/// </summary>
public readonly record struct Slice(int? Start = null, int? Stop = null, int? Step = null)
{
    /// <summary>The full slice <c>:</c>.</summary>
    public static Slice All => default;

    /// <summary>A slice start:stop:step (any bound may be null).</summary>
    public static Slice Of(int? start, int? stop, int? step = null) => new(start, stop, step);

    /// <summary>
    /// The first index, step and element count of this slice over an axis of the given length
    /// (CPython's PySlice_AdjustIndices).
    /// </summary>
    public (int Start, int Step, int Count) Resolve(int length)
    {
        int step = Step ?? 1;
        if (step == 0) throw new ArgumentException("slice step cannot be zero");
        int start = Start is int s ? Clip(s, length, step) : step < 0 ? length - 1 : 0;
        int stop = Stop is int e ? Clip(e, length, step) : step < 0 ? -1 : length;
        int count = step > 0
            ? (start < stop ? (stop - start - 1) / step + 1 : 0)
            : (stop < start ? (start - stop - 1) / -step + 1 : 0);
        return (start, step, count);
    }

    private static int Clip(int i, int length, int step)
    {
        if (i < 0)
        {
            i += length;
            if (i < 0) i = step < 0 ? -1 : 0;
        }
        else if (i >= length)
        {
            i = step < 0 ? length - 1 : length;
        }
        return i;
    }

    public override string ToString() => $"{Start}:{Stop}" + (Step is int st ? $":{st}" : "");
}
