namespace DeepNotes;

public sealed partial class NumpyRandom
{
    /// <summary>A random ordering of 0 .. n-1 (numpy's legacy <c>permutation(n)</c>: arange(n), then shuffle).</summary>
    public int[] Permutation(int n)
    {
        if (n < 0) throw new ArgumentException($"permutation: negative dimensions are not allowed, got {n}");
        var result = new int[n];
        for (int i = 0; i < n; i++) result[i] = i;
        lock (gate) ShuffleInPlace(result.AsSpan());
        return result;
    }

    /// <summary>
    /// A copy of x with its rows (axis 0) in random order (numpy's legacy <c>permutation(x)</c>); the draws are
    /// those of <c>permutation(len(x))</c>. The result is a new tensor outside autodiff.
    /// </summary>
    public Tensor Permutation(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 0) throw new ArgumentException("permutation: x must be an integer or at least 1-dimensional");
        x.RequireCpu("permutation");
        var order = Permutation(x.Dims[0]);
        var src = x.Contiguous();
        var result = new Tensor(x.ShapeCopy(), x.DType);
        if (x.DType == DType.Float32) GatherRows<float>(src, order, result);
        else GatherRows<double>(src, order, result);
        return result;
    }

    private static void GatherRows<T>(Tensor src, int[] order, Tensor dst) where T : unmanaged
    {
        var s = src.AsSpan<T>();
        var d = dst.AsSpan<T>();
        int row = order.Length == 0 ? 0 : s.Length / order.Length;
        for (int k = 0; k < order.Length; k++)
            s.Slice(order[k] * row, row).CopyTo(d.Slice(k * row, row));
    }

    /// <summary>Shuffles a list in place (numpy's legacy <c>shuffle</c>: Fisher-Yates from the end).</summary>
    public void Shuffle<T>(IList<T> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (list is T[] array)
        {
            lock (gate) ShuffleInPlace(array.AsSpan());
            return;
        }
        if (list is List<T> concrete)
        {
            lock (gate) ShuffleInPlace(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(concrete));
            return;
        }
        lock (gate)
            for (int i = list.Count - 1; i > 0; i--)
            {
                int j = (int)Interval((ulong)i);
                (list[i], list[j]) = (list[j], list[i]);
            }
    }

    /// <summary>Fisher-Yates from the end with numpy's <c>random_interval</c> draws.</summary>
    private void ShuffleInPlace<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = (int)Interval((ulong)i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// Shuffles a tensor's rows (axis 0) in place, views included (numpy's legacy <c>shuffle(x)</c>); the draws
    /// are those of <c>shuffle</c> on a list of len(x) items.
    /// </summary>
    public void Shuffle(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 0) throw new ArgumentException("shuffle: len() of unsized object (a 0-d tensor)");
        x.RequireCpu("shuffle");
        x.CheckInPlace("shuffle");
        if (x.Size == 0) return;
        if (x.DType == DType.Float32) ShuffleRows<float>(x);
        else ShuffleRows<double>(x);
    }

    private void ShuffleRows<T>(Tensor x) where T : unmanaged
    {
        var data = x.Data<T>();
        int n = x.Dims[0], stride0 = x.StridesInternal[0];
        // Offsets of one row's elements relative to the row start, so strided views shuffle too.
        var rowShape = x.Dims[1..];
        var rowOffsets = new int[Shape.SizeOf(rowShape)];
        var cursor = new StridedCursor(rowShape, x.StridesInternal[1..], 0);
        int pos = 0;
        while (cursor.MoveNext(out int off))
            for (int k = 0; k < cursor.InnerCount; k++) rowOffsets[pos++] = off + k * cursor.InnerStride;
        bool denseRows = cursor.InnerStride == 1 && cursor.InnerCount == rowOffsets.Length;   // each row is one run

        lock (gate)
            for (int i = n - 1; i > 0; i--)
            {
                int j = (int)Interval((ulong)i);
                if (i == j) continue;
                int a = x.Offset + i * stride0, b = x.Offset + j * stride0;
                if (denseRows)
                {
                    var ra = data.AsSpan(a, rowOffsets.Length);
                    var rb = data.AsSpan(b, rowOffsets.Length);
                    for (int k = 0; k < ra.Length; k++) (ra[k], rb[k]) = (rb[k], ra[k]);
                }
                else
                {
                    foreach (int off in rowOffsets) (data[a + off], data[b + off]) = (data[b + off], data[a + off]);
                }
            }
    }

    /// <summary>One index drawn uniformly from 0 .. n-1 (numpy's <c>choice(n)</c>).</summary>
    public int Choice(int n)
    {
        if (n <= 0) throw new ArgumentException("choice: a must be greater than 0 unless no samples are taken");
        return RandIntScalar(0, n);
    }

    /// <summary>
    /// size indices drawn from 0 .. n-1 (numpy's legacy <c>choice(n, size, replace, p)</c>): with replacement,
    /// randint or, given p, a search of uniform draws in the cumulative distribution; without replacement,
    /// <c>permutation(n)[:size]</c> or, given p, repeated cdf searches with chosen entries zeroed.
    /// </summary>
    public int[] Choice(int n, int size, bool replace = true, double[]? p = null)
    {
        if (size < 0) throw new ArgumentException($"choice: negative dimensions are not allowed, got size {size}");
        if (n <= 0 && size != 0) throw new ArgumentException("choice: a must be greater than 0 unless no samples are taken");
        if (p != null) CheckProbabilities(n, p);
        if (!replace && size > n)
            throw new ArgumentException($"choice: Cannot take a larger sample than population when 'replace=False' (size {size} > {n})");
        if (!replace && p != null && p.Count(v => v > 0) < size)
            throw new ArgumentException("choice: Fewer non-zero entries in p than size");

        if (replace)
        {
            var result = new int[size];
            if (p == null)
            {
                lock (gate)
                {
                    var sampler = new BoundedSampler((ulong)(n - 1));
                    for (int i = 0; i < size; i++) result[i] = (int)sampler.Next(mt);
                }
                return result;
            }
            var cdf = NormalisedCdf(p);
            lock (gate)
                for (int i = 0; i < size; i++) result[i] = SearchRight(cdf, mt.NextDouble());
            return result;
        }
        if (p == null) return Permutation(n)[..size];
        return ChooseWeightedWithoutReplacement(p, size);
    }

    /// <summary>numpy's loop: draw the missing count, zero the chosen p, keep new indices in order of first appearance.</summary>
    private int[] ChooseWeightedWithoutReplacement(double[] p, int size)
    {
        var weights = (double[])p.Clone();
        var found = new int[size];
        var seen = new HashSet<int>();
        int nUniq = 0;
        while (nUniq < size)
        {
            var x = new double[size - nUniq];
            lock (gate)
                for (int i = 0; i < x.Length; i++) x[i] = mt.NextDouble();
            for (int i = 0; i < nUniq; i++) weights[found[i]] = 0;
            var cdf = NormalisedCdf(weights);
            seen.Clear();
            foreach (double u in x)
            {
                int k = SearchRight(cdf, u);
                if (seen.Add(k)) found[nUniq++] = k;
            }
        }
        return found;
    }

    /// <summary>numpy's tolerance on sum(p): sqrt of float64's machine epsilon.</summary>
    private static readonly double SumTolerance = Math.Sqrt(Math.BitIncrement(1.0) - 1.0);

    /// <summary>Checks p like numpy's choice: right length, no NaN, non-negative, sums to 1 within sqrt(eps).</summary>
    private static void CheckProbabilities(int n, double[] p)
    {
        if (p.Length != n) throw new ArgumentException($"choice: 'a' and 'p' must have same size ({n} and {p.Length})");
        if (p.Length == 0) return;
        double sum = p[0], c = 0.0;   // Kahan summation, as numpy's kahan_sum
        for (int i = 1; i < p.Length; i++)
        {
            double y = p[i] - c;
            double t = sum + y;
            c = (t - sum) - y;
            sum = t;
        }
        if (double.IsNaN(sum)) throw new ArgumentException("choice: probabilities contain NaN");
        if (p.Any(v => v < 0)) throw new ArgumentException("choice: probabilities are not non-negative");
        if (Math.Abs(sum - 1.0) > SumTolerance)
            throw new ArgumentException($"choice: probabilities do not sum to 1 (sum is {sum})");
    }

    /// <summary>cumsum(p) / cumsum(p)[-1], summed left to right like numpy's cumsum.</summary>
    private static double[] NormalisedCdf(double[] p)
    {
        var cdf = new double[p.Length];
        double acc = 0;
        for (int i = 0; i < p.Length; i++) cdf[i] = acc += p[i];
        double last = cdf[^1];
        for (int i = 0; i < cdf.Length; i++) cdf[i] /= last;
        return cdf;
    }

    /// <summary>searchsorted(cdf, u, side='right'): the number of entries &lt;= u.</summary>
    private static int SearchRight(double[] cdf, double u)
    {
        int lo = 0, hi = cdf.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] <= u) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
