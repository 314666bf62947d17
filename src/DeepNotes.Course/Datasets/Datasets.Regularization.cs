namespace DeepNotes.Course.Datasets;

public static partial class Datasets
{
    /// <summary>
    /// A stand-in for the regularization assignment's 2-D set (reg_utils.load_2D_dataset reads a .mat file we do not
    /// have): 211 training and 200 test points in [-0.75, 0.55] × [-0.75, 0.75], label 1 above the wavy boundary
    /// x₂ = 0.3·sin(4x₁ + 1) − 0.1. Generated like this (numpy draw order), train with seed 1 and 12 flipped labels,
    /// test with seed 2 and 4 flipped labels:
    /// <code>
    /// np.random.seed(seed); X = np.random.rand(2, m); X[0] = X[0]*1.3 - 0.75; X[1] = X[1]*1.5 - 0.75
    /// Y = (X[1] - (0.3*np.sin(4*X[0] + 1) - 0.1) + np.random.randn(m)*0.03 &gt; 0)
    /// idx = np.random.permutation(m)[:flips]; Y[idx] = 1 - Y[idx]
    /// </code>
    /// The label noise near the boundary and the flipped points are what an unregularized network overfits: with the
    /// course's 3-layer model, no regularization gives ≈ 94.8% train / 90.5% test with numpy (94.3 / 92.0 with
    /// DeepNotes: 30,000 iterations amplify rounding differences), L2 (λ = 0.7) 92.4 / 93.0 and dropout (keep 0.86)
    /// 91.5 / 93.0 with both (tools/reference/regularization.py).
    /// </summary>
    public static (Tensor TrainX, Tensor TrainY, Tensor TestX, Tensor TestY) Load2DDataset(NumpyRandom? rng = null)
    {
        rng ??= Np.Random;
        var (trX, trY) = Make2D(rng, seed: 1, m: 211, flips: 12);
        var (teX, teY) = Make2D(rng, seed: 2, m: 200, flips: 4);
        return (trX, trY, teX, teY);
    }

    private static (Tensor X, Tensor Y) Make2D(NumpyRandom rng, uint seed, int m, int flips)
    {
        rng.Seed(seed);
        var x = rng.Rand(2, m).ToArray();
        for (int i = 0; i < m; i++)
        {
            x[i] = x[i] * 1.3 - 0.75;
            x[m + i] = x[m + i] * 1.5 - 0.75;
        }
        var noise = rng.Randn(m).ToArray();
        var y = new double[m];
        for (int i = 0; i < m; i++)
            y[i] = x[m + i] - (0.3 * Math.Sin(4 * x[i] + 1.0) - 0.1) + noise[i] * 0.03 > 0 ? 1 : 0;
        foreach (int i in rng.Permutation(m).Take(flips)) y[i] = 1 - y[i];
        return (Tensor.FromArray(x, 2, m), Tensor.FromArray(y, 1, m));
    }
}
