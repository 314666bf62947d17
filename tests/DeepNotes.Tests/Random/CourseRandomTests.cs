namespace DeepNotes.Tests.Rng;

/// <summary>Runs alone: it reseeds the global generator that other tests may also use.</summary>
[CollectionDefinition(nameof(GlobalRandomCollection), DisableParallelization = true)]
public class GlobalRandomCollection;

[Collection(nameof(GlobalRandomCollection))]
public class CourseRandomTests
{
    [Fact]
    public void TwoLayerInitialisationMatchesTheCourse()
    {
        // np.random.seed(1); W1 = np.random.randn(4, 2) * 0.01; b1 = zeros; W2 = np.random.randn(1, 4) * 0.01
        Np.Random.Seed(1);
        var W1 = Np.Random.Randn(4, 2) * 0.01;
        var b1 = Np.Zeros(4, 1);
        var W2 = Np.Random.Randn(1, 4) * 0.01;
        Assert.Equal(0.0, b1.Sum().Item());
        RandomAssert.Close(NumpyReference.Seed1_TwoLayerInit, [.. W1.ToArray(), .. W2.ToArray()]);
        Assert.Equal(0.01624345, W1.GetValue(0, 0), 8);
    }

    [Fact]
    public void DeepInitialisationMatchesTheCourse()
    {
        Np.Random.Seed(3);
        int[] dims = [5, 4, 3];
        var values = new List<double>();
        for (int l = 1; l < dims.Length; l++) values.AddRange((Np.Random.Randn(dims[l], dims[l - 1]) * 0.01).ToArray());
        RandomAssert.Close(NumpyReference.Seed3_DeepInit, values.ToArray());
        Assert.Equal(1.78862847, NumpyReference.Seed3_DeepInit[0] * 100, 8);   // the course's seed(3) first value
    }

    [Fact]
    public void DropoutMaskMatchesTheCourse()
    {
        Np.Random.Seed(1);
        var D1 = Np.Random.Rand(3, 5);
        RandomAssert.Exact(NumpyReference.Seed1_DropoutRand, D1.AsSpan<double>());
        var mask = D1.ToArray().Select(v => v < 0.8 ? 1.0 : 0.0).ToArray();
        RandomAssert.Exact(NumpyReference.Seed1_DropoutMask, mask);
    }

    [Fact]
    public void MiniBatchPermutationMatchesTheCourse()
    {
        Np.Random.Seed(0);
        RandomAssert.Exact(NumpyReference.Seed0_MiniBatchPermutation, Np.Random.Permutation(148));
    }

    [Fact]
    public void GlobalSeedResetsTheGaussianCache()
    {
        Np.Random.Seed(1);
        Np.Random.StandardNormal();   // caches the second value of the pair
        Np.Random.Seed(1);
        RandomAssert.Close(NumpyReference.Seed1_ReseedDropsGauss, Np.Random.Randn(2).AsSpan<double>());
        Assert.Same(Np.Random, Np.Random);
    }
}
