using DeepNotes.Losses;
using DeepNotes.NN;
using DeepNotes.Tests.NN;

namespace DeepNotes.Tests.Losses;

public class LossTests
{
    [Fact]
    public void BinaryCrossEntropyMatchesFormulaAndLogitsForm()
    {
        var y = Tensor.FromArray(new double[,] { { 1 }, { 0 }, { 1 }, { 0 } });
        var z = NumericGrad.Randn(1, 4, 1);
        var p = z.Sigmoid();
        double expected = 0;
        for (int i = 0; i < 4; i++)
        {
            double pi = p.GetValue(i, 0), yi = y.GetValue(i, 0);
            expected -= (yi * Math.Log(pi) + (1 - yi) * Math.Log(1 - pi)) / 4;
        }
        Assert.Equal(expected, F.BinaryCrossEntropy(y, p).Item(), 12);
        Assert.Equal(expected, F.BinaryCrossEntropy(y, z, fromLogits: true).Item(), 12);
        Assert.Equal(expected, new BinaryCrossentropy().Call(y, p).Item(), 12);
        NumericGrad.Check(() => F.BinaryCrossEntropy(y, z.Sigmoid()), z);
        NumericGrad.Check(() => F.BinaryCrossEntropy(y, z, fromLogits: true), z);
    }

    [Fact]
    public void BinaryCrossEntropyIsStableForExtremeValues()
    {
        var y = Tensor.FromArray([1.0, 0.0]);
        var z = Tensor.FromArray([-1000.0, 1000.0]);
        Assert.Equal(1000, F.BinaryCrossEntropy(y, z, fromLogits: true).Item(), 9);
        var p = Tensor.FromArray([0.0, 1.0]);
        double clipped = -Math.Log(1e-7);
        Assert.Equal(clipped, F.BinaryCrossEntropy(y, p).Item(), 6);
        // (N,) labels against (N, 1) predictions are accepted; other mismatches name both shapes.
        Assert.Equal(F.BinaryCrossEntropy(y.Reshape(2, 1), z.Reshape(2, 1), true).Item(), F.BinaryCrossEntropy(y, z.Reshape(2, 1), true).Item());
        var ex = Assert.Throws<ArgumentException>(() => F.BinaryCrossEntropy(Tensor.Zeros(3, 2), Tensor.Zeros(3, 1)));
        Assert.Contains("(3, 2)", ex.Message);
        Assert.Contains("(3, 1)", ex.Message);
    }

    [Fact]
    public void CategoricalAndSparseAgreeAndGradientsMatch()
    {
        var logits = NumericGrad.Randn(2, 5, 4);
        var labels = Tensor.FromArray([0.0, 3, 1, 1, 2]);
        var onehot = Tensor.Zeros(5, 4);
        for (int i = 0; i < 5; i++) onehot.SetValue(1, i, (int)labels.GetValue(i));
        var p = F.Softmax(logits);
        double expected = 0;
        for (int i = 0; i < 5; i++) expected -= Math.Log(p.GetValue(i, (int)labels.GetValue(i))) / 5;
        Assert.Equal(expected, F.CategoricalCrossEntropy(onehot, p).Item(), 12);
        Assert.Equal(expected, F.CategoricalCrossEntropy(onehot, logits, fromLogits: true).Item(), 12);
        Assert.Equal(expected, F.SparseCategoricalCrossEntropy(labels, logits, fromLogits: true).Item(), 12);
        Assert.Equal(expected, F.SparseCategoricalCrossEntropy(labels.Reshape(5, 1), p).Item(), 12);
        NumericGrad.Check(() => F.CategoricalCrossEntropy(onehot, logits, fromLogits: true), logits);
        NumericGrad.Check(() => F.CategoricalCrossEntropy(onehot, F.Softmax(logits)), logits);
        NumericGrad.Check(() => new SparseCategoricalCrossentropy(fromLogits: true).Call(labels, logits), logits);
        Assert.Throws<ArgumentException>(() => F.SparseCategoricalCrossEntropy(Tensor.FromArray([0.0, 4, 1, 1, 2]), logits));
        Assert.Throws<ArgumentException>(() => F.SparseCategoricalCrossEntropy(Tensor.FromArray([0.0, 1]), logits));
    }

    [Fact]
    public void MeanSquaredErrorAndGradient()
    {
        var y = NumericGrad.Randn(3, 3, 2);
        var p = NumericGrad.Randn(4, 3, 2);
        var a = y.ToArray();
        var b = p.ToArray();
        Assert.Equal(a.Zip(b, (u, v) => (u - v) * (u - v)).Average(), F.MeanSquaredError(y, p).Item(), 12);
        Assert.Equal(a.Zip(b, (u, v) => Math.Abs(u - v)).Average(), ((Loss)"mae").Call(y, p).Item(), 12);
        NumericGrad.Check(() => ((Loss)"mse").Call(y, p), p);
    }

    [Fact]
    public void TripletLossFollowsCourseFormula()
    {
        var a = Tensor.FromArray(new double[,] { { 0, 0 }, { 1, 1 } }).RequireGrad();
        var pos = Tensor.FromArray(new double[,] { { 1, 0 }, { 1, 2 } }).RequireGrad();
        var neg = Tensor.FromArray(new double[,] { { 0, 3 }, { 1, 1.5 } }).RequireGrad();
        // sample 0: 1 - 9 + 0.2 < 0 → 0; sample 1: 1 - 0.25 + 0.2 = 0.95
        Assert.Equal(0.95, F.TripletLoss(a, pos, neg, 0.2).Item(), 12);
        Assert.Equal(0.475, F.TripletLoss(a, pos, neg, 0.2, mean: true).Item(), 12);
        var packed = F.Concatenate([a, pos, neg], axis: 1);
        Assert.Equal(0.95, new TripletLoss(0.2).Call(Tensor.Zeros(2), packed).Item(), 12);
        NumericGrad.Check(() => F.TripletLoss(a, pos, neg, 0.2), a, pos, neg);
    }

    [Fact]
    public void UnknownLossNameIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Loss.Get("hinge2"));
        Assert.Contains("hinge2", ex.Message);
        Assert.IsType<BinaryCrossentropy>(Loss.Get("binary_crossentropy"));
    }

    public static TheoryData<string> LossNames => new() { "bce", "bce_logits", "cce", "cce_logits", "mse" };

    [Theory]
    [MemberData(nameof(LossNames))]
    public void FusedLossesMatchComposedOps(string which)
    {
        // Labels that require grad take the composed path; detached labels the fused one.
        var logits = NumericGrad.Randn(41, 6, 4) * 3.0;
        logits = logits.Detach().RequireGrad();
        var probsRaw = Tensor.FromArray(new double[,] { { 0, 0.3, 0.7, 1 }, { 0.2, 0.2, 0.5, 0.1 }, { 1e-9, 0.5, 0.25, 0.25 }, { 0.1, 0.2, 0.3, 0.4 }, { 0.25, 0.25, 0.25, 0.25 }, { 0.9, 0.05, 0.03, 0.02 } });
        var labels = Tensor.FromArray(new double[,] { { 0, 0, 1, 0 }, { 1, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 0, 1 }, { 0, 0, 1, 0 }, { 1, 0, 0, 0 } });
        Func<Tensor, Tensor, Tensor> loss = which switch
        {
            "bce" => (y, p) => F.BinaryCrossEntropy(y, p),
            "bce_logits" => (y, p) => F.BinaryCrossEntropy(y, p, fromLogits: true),
            "cce" => (y, p) => F.CategoricalCrossEntropy(y, p),
            "cce_logits" => (y, p) => F.CategoricalCrossEntropy(y, p, fromLogits: true),
            _ => (y, p) => F.MeanSquaredError(y, p),
        };
        bool probs = which is "bce" or "cce";
        Tensor Input() => probs ? probsRaw.Copy().RequireGrad() : logits.Detach().Copy().RequireGrad();
        var pa = Input();
        var fused = loss(labels, pa);
        fused.Backward();
        var pb = Input();
        var composed = loss(labels.Copy().RequireGrad(), pb);
        composed.Backward();
        Assert.Equal(composed.Item(), fused.Item(), 12);
        var ga = pa.Grad!.ToArray();
        var gb = pb.Grad!.ToArray();
        for (int i = 0; i < ga.Length; i++) Assert.Equal(gb[i], ga[i], 10);
        if (!probs) NumericGrad.Check(() => loss(labels, logits), logits);
        // float32 agrees with float64
        var f32 = loss(labels.AsType(DType.Float32), (probs ? probsRaw : logits.Detach()).AsType(DType.Float32));
        Assert.Equal(DType.Float32, f32.DType);
        Assert.Equal(fused.Item(), f32.Item(), 4);
    }
}
