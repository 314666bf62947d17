using DeepNotes.Course.Datasets;

namespace DeepNotes.Course.Tests;

public class H5Tests
{
    [Fact]
    public void RoundTripKeepsTheCourseLayout()
    {
        var dir = Directory.CreateTempSubdirectory("deepnotes-h5");
        try
        {
            var path = Path.Combine(dir.FullName, "train_tiny.h5");
            var pixels = Enumerable.Range(0, 3 * 4 * 5 * 3).Select(i => (double)(i * 7 % 256)).ToArray();
            var images = Tensor.FromArray(pixels, 3, 4, 5, 3);
            Datasets.Datasets.SaveH5(path, "train_set", images, Tensor.FromArray(new double[] { 1, 0, 1 }), ["non-cat", "cat"]);

            var h5 = Datasets.Datasets.LoadH5(path);
            Assert.Equal("train_set", h5.Prefix);
            Assert.Equal(new Shape(3, 4, 5, 3), h5.X.Shape);
            Assert.Equal(pixels, h5.X.ToArray());
            Assert.Equal(new Shape(1, 3), h5.Y.Shape);
            Assert.Equal([1, 0, 1], h5.Y.ToArray());
            Assert.Equal(["non-cat", "cat"], h5.Classes);
            Assert.Single(dir.GetFiles());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void MissingDatasetsAreNamed()
    {
        var dir = Directory.CreateTempSubdirectory("deepnotes-h5");
        try
        {
            var path = Path.Combine(dir.FullName, "other.h5");
            new PureHDF.H5File { ["data"] = new double[] { 1, 2 } }.Write(path);
            var ex = Assert.Throws<InvalidDataException>(() => Datasets.Datasets.LoadH5(path));
            Assert.Contains("neither train_set_x nor test_set_x", ex.Message);
            Assert.Contains("data", ex.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

public class CatDataTests
{
    [Fact]
    public void ShippedCatSetHasTheCourseLayout()
    {
        var (trainX, trainY, testX, testY, classes) = Datasets.Datasets.LoadCatData();
        Assert.Equal(new Shape(209, 64, 64, 3), trainX.Shape);
        Assert.Equal(new Shape(1, 209), trainY.Shape);
        Assert.Equal(new Shape(50, 64, 64, 3), testX.Shape);
        Assert.Equal(new Shape(1, 50), testY.Shape);
        Assert.Equal(["non-cat", "cat"], classes);
        Assert.Equal(72, trainY.ToArray().Sum());
        Assert.Equal(17, testY.ToArray().Sum());
        var px = trainX.ToArray();
        Assert.All(px, v => Assert.InRange(v, 0, 255));
        Assert.True(px.Distinct().Count() > 200, "images should use the full range of values");
    }
}
