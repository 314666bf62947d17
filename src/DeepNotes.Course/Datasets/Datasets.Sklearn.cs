namespace DeepNotes.Course.Datasets;

/// <summary>
/// scikit-learn's make_circles and make_moons, reproduced formula for formula. The course calls them with
/// random_state=None, which in scikit-learn means numpy's global RandomState; with our numpy-compatible generator
/// seeded the same way (<c>np.random.seed(1)</c> before make_circles) the points are the course's points.
/// Draw order as in scikit-learn: shuffle (a permutation of arange(n)) first, then Gaussian noise of shape (n, 2).
/// </summary>
public static partial class Datasets
{
    /// <summary>
    /// Two concentric circles (radius 1 and <paramref name="factor"/>): returns points (n, 2) and labels (n,) in
    /// scikit-learn's layout (rows are samples; 0 = outer, 1 = inner).
    /// </summary>
    public static (Tensor X, Tensor y) MakeCircles(int nSamples = 100, bool shuffle = true, double? noise = null, double factor = 0.8, NumpyRandom? rng = null)
    {
        if (factor < 0 || factor >= 1) throw new ArgumentException($"make_circles: factor has to be between 0 and 1, got {factor}");
        int nOut = nSamples / 2, nIn = nSamples - nOut;
        var lo = Linspace(0, 2 * Math.PI, nOut, endpoint: false);
        var li = Linspace(0, 2 * Math.PI, nIn, endpoint: false);
        var px = lo.Select(Math.Cos).Concat(li.Select(v => Math.Cos(v) * factor)).ToArray();
        var py = lo.Select(Math.Sin).Concat(li.Select(v => Math.Sin(v) * factor)).ToArray();
        var labels = Enumerable.Repeat(0.0, nOut).Concat(Enumerable.Repeat(1.0, nIn)).ToArray();
        return Finish(px, py, labels, shuffle, noise, rng ?? Np.Random);
    }

    /// <summary>Two interleaving half circles: points (n, 2) and labels (n,), as scikit-learn's make_moons.</summary>
    public static (Tensor X, Tensor y) MakeMoons(int nSamples = 100, bool shuffle = true, double? noise = null, NumpyRandom? rng = null)
    {
        int nOut = nSamples / 2, nIn = nSamples - nOut;
        var lo = Linspace(0, Math.PI, nOut);
        var li = Linspace(0, Math.PI, nIn);
        var px = lo.Select(Math.Cos).Concat(li.Select(v => 1 - Math.Cos(v))).ToArray();
        var py = lo.Select(Math.Sin).Concat(li.Select(v => 1 - Math.Sin(v) - 0.5)).ToArray();
        var labels = Enumerable.Repeat(0.0, nOut).Concat(Enumerable.Repeat(1.0, nIn)).ToArray();
        return Finish(px, py, labels, shuffle, noise, rng ?? Np.Random);
    }

    private static (Tensor X, Tensor y) Finish(double[] px, double[] py, double[] labels, bool shuffle, double? noise, NumpyRandom rng)
    {
        int n = labels.Length;
        int[] order = shuffle ? rng.Permutation(n) : Enumerable.Range(0, n).ToArray();
        var x = new double[n * 2];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[2 * i] = px[order[i]];
            x[2 * i + 1] = py[order[i]];
            y[i] = labels[order[i]];
        }
        if (noise is double s)
        {
            var e = rng.Normal(0, s, n, 2).ToArray();
            for (int i = 0; i < x.Length; i++) x[i] += e[i];
        }
        return (Tensor.FromArray(x, n, 2), Tensor.FromArray(y, n));
    }

    /// <summary>
    /// The initialization assignment's data (init_utils.load_dataset): np.random.seed(1), 300 training points from
    /// make_circles(noise=.05); np.random.seed(2), 100 test points. Returned in the course layout: X (2, m), Y (1, m).
    /// </summary>
    public static (Tensor TrainX, Tensor TrainY, Tensor TestX, Tensor TestY) LoadCirclesDataset(NumpyRandom? rng = null)
    {
        rng ??= Np.Random;
        rng.Seed(1);
        var (trX, trY) = MakeCircles(300, noise: 0.05, rng: rng);
        rng.Seed(2);
        var (teX, teY) = MakeCircles(100, noise: 0.05, rng: rng);
        return (trX.T.Contiguous(), trY.Reshape(1, -1), teX.T.Contiguous(), teY.Reshape(1, -1));
    }

    /// <summary>
    /// The optimization assignment's data (opt_utils.load_dataset): np.random.seed(3), make_moons(300, noise=.2).
    /// Returned as X (2, 300) and Y (1, 300).
    /// </summary>
    public static (Tensor TrainX, Tensor TrainY) LoadMoonsDataset(NumpyRandom? rng = null)
    {
        rng ??= Np.Random;
        rng.Seed(3);
        var (x, y) = MakeMoons(300, noise: 0.2, rng: rng);
        return (x.T.Contiguous(), y.Reshape(1, -1));
    }
}
