using DeepNotes.Metrics;

namespace DeepNotes.Tests.Losses;

public class MetricTests
{
    [Fact]
    public void AccuracyVariants()
    {
        var y = Tensor.FromArray(new double[,] { { 1 }, { 0 }, { 1 }, { 0 } });
        var p = Tensor.FromArray(new double[,] { { 0.9 }, { 0.6 }, { 0.7 }, { 0.1 } });
        var acc = (Metric)"accuracy";
        acc.Update(y, p);
        Assert.Equal(0.75, acc.Result());
        acc.Update(Tensor.FromArray(new double[,] { { 1 } }), Tensor.FromArray(new double[,] { { 0.2 } }));
        Assert.Equal(0.6, acc.Result(), 12);
        acc.Reset();
        Assert.Equal(0, acc.Result());

        var onehot = Tensor.FromArray(new double[,] { { 0, 1, 0 }, { 1, 0, 0 }, { 0, 0, 1 } });
        var scores = Tensor.FromArray(new double[,] { { 0.1, 0.8, 0.1 }, { 0.2, 0.7, 0.1 }, { 0, 0.4, 0.6 } });
        var cat = new CategoricalAccuracy();
        cat.Update(onehot, scores);
        Assert.Equal(2.0 / 3, cat.Result(), 12);
        var sparse = new Accuracy();
        sparse.Update(Tensor.FromArray([1.0, 0, 2]), scores);
        Assert.Equal(2.0 / 3, sparse.Result(), 12);
        Assert.Throws<ArgumentException>(() => new BinaryAccuracy().Update(Tensor.Zeros(3, 2), Tensor.Zeros(3, 1)));
    }

    [Fact]
    public void ConfusionMatrixAndReport()
    {
        var y = Tensor.FromArray([0.0, 0, 1, 1, 2, 2, 2]);
        var p = Tensor.FromArray([0.0, 1, 1, 1, 2, 0, 2]);
        var cm = Classification.ConfusionMatrix(y, p);
        Assert.Equal(new double[] { 1, 1, 0, 0, 2, 0, 1, 0, 2 }, cm.ToArray());
        var r = Classification.Report(y, p);
        Assert.Equal(0.5, r.Classes[0].Precision, 12);
        Assert.Equal(0.5, r.Classes[0].Recall, 12);
        Assert.Equal(2.0 / 3, r.Classes[1].Precision, 12);
        Assert.Equal(1.0, r.Classes[1].Recall, 12);
        Assert.Equal(0.8, r.Classes[1].F1, 12);
        Assert.Equal(3, r.Classes[2].Support);
        Assert.Equal(5.0 / 7, r.Accuracy, 12);
        Assert.Equal(3, r.F1.Size);
        Assert.Contains("precision", r.ToString());
        Assert.Contains("macro avg", r.ToString());

        var prec = new Precision();
        var rec = new Recall();
        var yb = Tensor.FromArray([1.0, 1, 0, 0, 1]);
        var pb = Tensor.FromArray([0.9, 0.2, 0.7, 0.1, 0.8]);
        prec.Update(yb, pb);
        rec.Update(yb, pb);
        Assert.Equal(2.0 / 3, prec.Result(), 12);
        Assert.Equal(2.0 / 3, rec.Result(), 12);
    }
}
