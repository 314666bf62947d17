namespace DeepNotes;

// numpy.repeat and numpy.tile.
public sealed partial class Tensor
{
    /// <summary>
    /// numpy.repeat: repeats each element (of the flattened tensor when axis is null) repeats times.
    /// A gather, so the gradient sums each group of copies.
    /// </summary>
    public Tensor Repeat(int repeats, int? axis = null) => Repeat([repeats], axis);

    /// <summary>numpy.repeat with a count per element along the axis (one count broadcasts to all).</summary>
    public Tensor Repeat(int[] repeats, int? axis = null)
    {
        ArgumentNullException.ThrowIfNull(repeats);
        var x = axis is null ? Reshape(-1) : this;
        int a = axis is null ? 0 : DeepNotes.Shape.NormalizeAxis(axis.Value, Rank, "repeat");
        int n = x.shape[a];
        if (repeats.Length != 1 && repeats.Length != n)
            throw new ArgumentException($"repeat: operands could not be broadcast together with shape ({n},) ({repeats.Length},)");
        long total = 0;
        foreach (var r in repeats)
        {
            if (r < 0) throw new ArgumentException($"repeat: repeats may not contain negative values, got {r}");
            total += repeats.Length == 1 ? (long)r * n : r;
        }
        var indices = new int[checked((int)total)];
        for (int i = 0, k = 0; i < n; i++)
        {
            int r = repeats.Length == 1 ? repeats[0] : repeats[i];
            for (int j = 0; j < r; j++) indices[k++] = i;
        }
        return x.Take(indices, a);
    }

    /// <summary>
    /// numpy.tile: the tensor repeated reps[i] times along each axis (reps and the shape are left-padded with 1s
    /// to the same length). A broadcast copy; the gradient sums the tiles.
    /// </summary>
    public Tensor Tile(params int[] reps)
    {
        ArgumentNullException.ThrowIfNull(reps);
        foreach (var r in reps)
            if (r < 0) throw new ArgumentException($"tile: reps may not contain negative values, got {DeepNotes.Shape.Format(reps)}");
        int d = Math.Max(Rank, reps.Length);
        var xs = Enumerable.Repeat(1, d - Rank).Concat(shape).ToArray();
        var rs = Enumerable.Repeat(1, d - reps.Length).Concat(reps).ToArray();
        // Interleave a length-1 axis before each axis, broadcast it to the rep count, and merge the pairs.
        var interleaved = new int[2 * d];
        var target = new int[2 * d];
        var final = new int[d];
        for (int i = 0; i < d; i++)
        {
            interleaved[2 * i] = 1;
            interleaved[2 * i + 1] = xs[i];
            target[2 * i] = rs[i];
            target[2 * i + 1] = xs[i];
            final[i] = rs[i] * xs[i];
        }
        return Reshape(interleaved).BroadcastTo(target).Reshape(final);
    }
}
