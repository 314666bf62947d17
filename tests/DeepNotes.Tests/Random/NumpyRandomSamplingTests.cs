namespace DeepNotes.Tests.Rng;

public class NumpyRandomSamplingTests
{
    public static TheoryData<uint, string> Seeds => new()
    {
        { 0u, "_0" }, { 1u, "_1" }, { 2u, "_2" }, { 3u, "_3" }, { 42u, "_42" }, { uint.MaxValue, "_Max" },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void PermutationMatchesNumpy(uint seed, string suffix)
    {
        RandomAssert.Exact(RandomAssert.ReferenceInts("Permutation10" + suffix), new NumpyRandom(seed).Permutation(10));
    }

    [Fact]
    public void LongPermutationMatchesNumpyAtBothEnds()
    {
        var p = new NumpyRandom(3).Permutation(1000);
        RandomAssert.Exact(NumpyReference.Seed3_Permutation1000_Ends, [.. p[..10], .. p[^10..]]);
        Assert.Equal(Enumerable.Range(0, 1000), p.Order());
    }

    [Fact]
    public void EmptyAndSingletonPermutationsDrawNothing()
    {
        var rng = new NumpyRandom(0);
        Assert.Empty(rng.Permutation(0));
        Assert.Equal([0], rng.Permutation(1));
        Assert.Equal(NumpyReference.Rand_0[0], rng.RandomSample());
    }

    [Fact]
    public void ShuffleListMatchesNumpy()
    {
        var rng = new NumpyRandom(5);
        var list = Enumerable.Range(0, 10).ToList();
        rng.Shuffle(list);
        RandomAssert.Exact(NumpyReference.Seed5_ShuffleList, list.ToArray());

        var array = Enumerable.Range(0, 10).ToArray();
        rng.Seed(5);
        rng.Shuffle(array);
        RandomAssert.Exact(NumpyReference.Seed5_ShuffleList, array);

        var collection = new System.Collections.ObjectModel.Collection<int>(Enumerable.Range(0, 10).ToList());
        rng.Seed(5);
        rng.Shuffle(collection);
        RandomAssert.Exact(NumpyReference.Seed5_ShuffleList, collection.ToArray());
    }

    [Fact]
    public void ShuffleTensorSwapsRowsInPlace()
    {
        var a = Tensor.Arange(0, 12).Reshape(4, 3);
        new NumpyRandom(0).Shuffle(a);
        RandomAssert.Exact(NumpyReference.Seed0_Shuffle2d, a.AsSpan<double>());
    }

    [Fact]
    public void ShuffleTensorViewShufflesOnlyTheView()
    {
        // numpy: a = arange(24).reshape(6, 4); shuffle(a[:, 1:3])
        var a = Tensor.Arange(0, 24).Reshape(6, 4);
        var cols = SliceColumns(a, 1, 3);
        Assert.False(cols.IsContiguous);
        new NumpyRandom(4).Shuffle(cols);
        RandomAssert.Exact(NumpyReference.Seed4_ShuffleColumnView, a.AsSpan<double>());
    }

    [Fact]
    public void ShuffleOfFloat32BlocksMovesWholeRowsLikePermutation()
    {
        var a = Tensor.Arange(0, 60, 1, DType.Float32).Reshape(5, 3, 4);
        new NumpyRandom(9).Shuffle(a);
        var order = new NumpyRandom(9).Permutation(5);
        var values = a.ToFloatArray();
        for (int k = 0; k < 5; k++)
            for (int e = 0; e < 12; e++) Assert.Equal(order[k] * 12 + e, values[k * 12 + e]);
        Assert.Equal(DType.Float32, new NumpyRandom(9).Permutation(a).DType);
    }

    /// <summary>a[:, from:to] as a strided view over a's storage.</summary>
    private static Tensor SliceColumns(Tensor a, int from, int to) =>
        new(a.Storage, [a.Shape[0], to - from], a.Strides, a.Offset + from);

    [Fact]
    public void PermutationOfTensorGathersRows()
    {
        var a = Tensor.Arange(0, 15).Reshape(5, 3);
        var p = new NumpyRandom(2).Permutation(a);
        Assert.Equal([5, 3], p.Shape.ToArray());
        RandomAssert.Exact(NumpyReference.Seed2_Permutation2d, p.AsSpan<double>());
        RandomAssert.Exact(Enumerable.Range(0, 15).Select(v => (double)v).ToArray(), a.AsSpan<double>());   // input untouched
    }

    [Fact]
    public void ChoiceWithAndWithoutReplacementMatchesNumpy()
    {
        var rng = new NumpyRandom(1);
        RandomAssert.Exact(NumpyReference.Seed1_ChoiceReplace, rng.Choice(10, 8));
        rng.Seed(1);
        RandomAssert.Exact(NumpyReference.Seed1_ChoiceNoReplace, rng.Choice(10, 5, replace: false));
        rng.Seed(2);
        var scalars = new int[6];
        for (int i = 0; i < scalars.Length; i++) scalars[i] = rng.Choice(7);
        RandomAssert.Exact(NumpyReference.Seed2_ChoiceScalars, scalars);
    }

    [Fact]
    public void ChoiceWithProbabilitiesMatchesNumpy()
    {
        var rng = new NumpyRandom(1);
        RandomAssert.Exact(NumpyReference.Seed1_ChoiceP, rng.Choice(5, 10, p: [0.1, 0.0, 0.3, 0.4, 0.2]));
        rng.Seed(3);
        RandomAssert.Exact(NumpyReference.Seed3_ChoicePNoReplace, rng.Choice(6, 4, replace: false, p: [0.05, 0.4, 0.05, 0.3, 0.1, 0.1]));
        rng.Seed(0);
        RandomAssert.Exact(NumpyReference.Seed0_ChoicePNoReplaceAll, rng.Choice(5, 5, replace: false, p: [0.5, 0.2, 0.1, 0.1, 0.1]));
    }

    [Fact]
    public void ChoiceValidatesLikeNumpyBeforeDrawing()
    {
        var rng = new NumpyRandom(0);
        Assert.Contains("must have same size", Assert.Throws<ArgumentException>(() => rng.Choice(3, 2, p: [0.5, 0.5])).Message);
        Assert.Contains("do not sum to 1", Assert.Throws<ArgumentException>(() => rng.Choice(2, 2, p: [0.5, 0.6])).Message);
        Assert.Contains("non-negative", Assert.Throws<ArgumentException>(() => rng.Choice(2, 2, p: [1.5, -0.5])).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => rng.Choice(2, 2, p: [double.NaN, 1])).Message);
        Assert.Contains("larger sample", Assert.Throws<ArgumentException>(() => rng.Choice(3, 4, replace: false)).Message);
        Assert.Contains("Fewer non-zero", Assert.Throws<ArgumentException>(() => rng.Choice(3, 3, replace: false, p: [0.5, 0.5, 0])).Message);
        Assert.Contains("greater than 0", Assert.Throws<ArgumentException>(() => rng.Choice(0)).Message);
        Assert.Equal(NumpyReference.Rand_0[0], rng.RandomSample());   // nothing was drawn by the failed calls
    }

    [Fact]
    public void ShuffleAndPermutationRejectScalars()
    {
        var rng = new NumpyRandom(0);
        Assert.Throws<ArgumentException>(() => rng.Shuffle(Tensor.Scalar(1.0)));
        Assert.Throws<ArgumentException>(() => rng.Permutation(Tensor.Scalar(1.0)));
    }
}
