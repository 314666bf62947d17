namespace DeepNotes.Course.Tests;

public class SignsTests
{
    [Fact]
    public void GeneratedSignsAreDeterministicAndBalanced()
    {
        var a = Datasets.Datasets.GenerateSigns(36, 12, seed: 7);
        var b = Datasets.Datasets.GenerateSigns(36, 12, seed: 7);
        Assert.Equal(new Shape(36, 64, 64, 3), a.TrainXOrig.Shape);
        Assert.Equal(new Shape(1, 36), a.TrainY.Shape);
        Assert.Equal(new Shape(12, 64, 64, 3), a.TestXOrig.Shape);
        Assert.Equal(a.TrainXOrig.ToArray(), b.TrainXOrig.ToArray());
        Assert.Equal(a.TestY.ToArray(), b.TestY.ToArray());
        Assert.All(Enumerable.Range(0, 6), k => Assert.Equal(6, a.TrainY.ToArray().Count(v => v == k)));
        Assert.Equal(["0", "1", "2", "3", "4", "5"], a.Classes);
        Assert.All(a.TrainXOrig.ToArray(), v => Assert.InRange(v, 0, 255));
    }

    [Fact]
    public void DifferentSeedsGiveDifferentImages()
    {
        var a = Datasets.Datasets.GenerateSigns(6, 6, seed: 1);
        var b = Datasets.Datasets.GenerateSigns(6, 6, seed: 3);
        Assert.NotEqual(a.TrainXOrig.ToArray(), b.TrainXOrig.ToArray());
    }
}
