namespace DeepNotes.Course.Datasets;

public static partial class Datasets
{
    /// <summary>
    /// The course's "flower" (load_planar_dataset): seed 1, m = 400 points, two classes of N = 200, petals of
    /// radius a = 4. For class j, θ = linspace(3.12·j, 3.12·(j+1), N) + 0.2·randn(N) and r = a·sin(4θ) + 0.2·randn(N);
    /// the point is (r·sin θ, r·cos θ). Returns X (2, 400) and Y (1, 400) like the course.
    /// </summary>
    public static (Tensor X, Tensor Y) LoadPlanarDataset(NumpyRandom? rng = null)
    {
        rng ??= Np.Random;
        rng.Seed(1);
        const int m = 400, n = m / 2;
        const double a = 4;
        var x = new double[2, m];
        var y = new double[m];
        for (int j = 0; j < 2; j++)
        {
            var baseT = Linspace(j * 3.12, (j + 1) * 3.12, n);
            var noiseT = rng.Randn(n).ToArray();
            var t = new double[n];
            for (int i = 0; i < n; i++) t[i] = baseT[i] + noiseT[i] * 0.2;
            var noiseR = rng.Randn(n).ToArray();
            for (int i = 0; i < n; i++)
            {
                double r = a * Math.Sin(4 * t[i]) + noiseR[i] * 0.2;
                x[0, n * j + i] = r * Math.Sin(t[i]);
                x[1, n * j + i] = r * Math.Cos(t[i]);
                y[n * j + i] = j;
            }
        }
        return (Tensor.FromArray(x), Tensor.FromArray(y, 1, m));
    }
}
