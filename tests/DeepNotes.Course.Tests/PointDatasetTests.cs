using DeepNotes.Course.Datasets;

namespace DeepNotes.Course.Tests;

// Expected values: src/DeepNotes.Course/tools/reference/datasets.py (the course/sklearn formulas run with numpy).
public class PointDatasetTests
{
    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-12);
    }

    [Fact]
    public void PlanarFlowerMatchesTheCourse()
    {
        var (x, y) = Datasets.Datasets.LoadPlanarDataset(new NumpyRandom(0));
        Assert.Equal(new Shape(2, 400), x.Shape);
        Assert.Equal(new Shape(1, 400), y.Shape);
        AssertClose([1.2044422922543192, 0.15870990398255375, 0.09524719604502052], [x.GetValue(0, 0), x.GetValue(0, 1), x.GetValue(0, 2)]);
        AssertClose([3.576114148128845, -1.4821709003683443, -1.2799553276531797], [x.GetValue(1, 0), x.GetValue(1, 1), x.GetValue(1, 2)]);
        AssertClose([0.7307808250007515, 3.0683292081876554], [x.GetValue(0, 399), x.GetValue(1, 399)]);
        Assert.Equal(200, y.ToArray().Sum());
    }

    [Fact]
    public void CirclesMatchSklearnWithTheGlobalSeed()
    {
        var (trX, trY, teX, teY) = Datasets.Datasets.LoadCirclesDataset(new NumpyRandom(0));
        Assert.Equal(new Shape(2, 300), trX.Shape);
        Assert.Equal(new Shape(1, 300), trY.Shape);
        Assert.Equal(new Shape(2, 100), teX.Shape);
        AssertClose([-0.07741354010048114, 0.8526022642742743], [trX.GetValue(0, 0), trX.GetValue(1, 0)]);
        AssertClose([0.07916502322979652, 0.8406610985900007], [trX.GetValue(0, 2), trX.GetValue(1, 2)]);
        AssertClose([1, 0, 1, 1, 0, 0], trY.ToArray()[..6]);
        AssertClose([-0.8508922630636759, -0.5214512721012066], [teX.GetValue(0, 1), teX.GetValue(1, 1)]);
        AssertClose([1, 0, 1, 0, 0, 0], teY.ToArray()[..6]);
    }

    [Fact]
    public void MoonsMatchSklearnWithSeed3()
    {
        var (x, y) = Datasets.Datasets.LoadMoonsDataset(new NumpyRandom(0));
        Assert.Equal(new Shape(2, 300), x.Shape);
        AssertClose([-0.21687013460912397, 0.8050501531955674, 0.7112745129750352], [x.GetValue(0, 0), x.GetValue(0, 1), x.GetValue(0, 2)]);
        AssertClose([1.0154493742029873, -0.5579733951321297, -0.4100602407591064], [x.GetValue(1, 0), x.GetValue(1, 1), x.GetValue(1, 2)]);
        AssertClose([0, 1, 1, 1, 0, 0], y.ToArray()[..6]);
    }

    [Fact]
    public void MakeCirclesWithoutShuffleKeepsTheOuterCircleFirst()
    {
        var (x, y) = Datasets.Datasets.MakeCircles(10, shuffle: false, factor: 0.5, rng: new NumpyRandom(0));
        Assert.Equal(new Shape(10, 2), x.Shape);
        Assert.Equal(1.0, x.GetValue(0, 0), 12);
        Assert.Equal(0.5, x.GetValue(5, 0), 12);
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1, 1], y.ToArray());
    }

    [Fact]
    public void RegularizationSetFollowsItsDocumentedRecipe()
    {
        var (trX, trY, teX, teY) = Datasets.Datasets.Load2DDataset(new NumpyRandom(0));
        Assert.Equal(new Shape(2, 211), trX.Shape);
        Assert.Equal(new Shape(1, 211), trY.Shape);
        Assert.Equal(new Shape(2, 200), teX.Shape);
        AssertClose([-0.20787139388665377, 0.18642184147480556], [trX.GetValue(0, 0), trX.GetValue(0, 1)]);
        AssertClose([0.6948937926610677, -0.48906649997930346], [trX.GetValue(1, 0), trX.GetValue(1, 1)]);
        AssertClose([1, 1, 0, 0, 1, 1, 1, 1], trY.ToArray()[..8]);
        Assert.Equal(123, trY.ToArray().Sum());
        AssertClose([-0.18320662721539505, 0.0018246775306304253], [teX.GetValue(0, 0), teX.GetValue(1, 0)]);
        Assert.Equal(107, teY.ToArray().Sum());
    }
}
