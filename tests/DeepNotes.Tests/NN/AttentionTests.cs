using DeepNotes;
using DeepNotes.NN;

namespace DeepNotes.Tests.NN;

public class AttentionTests
{
    [Fact]
    public void AttentionMatchesTheFormula()
    {
        var rng = new System.Random(1);
        var q = NNCheck.Rand(rng, 2, 3, 4);
        var k = NNCheck.Rand(rng, 2, 5, 4);
        var v = NNCheck.Rand(rng, 2, 5, 2);
        var (output, weights) = F.ScaledDotProductAttention(q, k, v);
        Assert.Equal(new Shape(2, 3, 2), output.Shape);
        Assert.Equal(new Shape(2, 3, 5), weights.Shape);
        for (int b = 0; b < 2; b++)
            for (int i = 0; i < 3; i++)
            {
                var logits = new double[5];
                for (int j = 0; j < 5; j++)
                {
                    for (int c = 0; c < 4; c++) logits[j] += q.GetValue(b, i, c) * k.GetValue(b, j, c);
                    logits[j] /= 2; // √4
                }
                double max = logits.Max(), sum = logits.Sum(l => Math.Exp(l - max));
                for (int j = 0; j < 5; j++) Assert.Equal(Math.Exp(logits[j] - max) / sum, weights.GetValue(b, i, j), 12);
                for (int c = 0; c < 2; c++)
                {
                    double o = 0;
                    for (int j = 0; j < 5; j++) o += weights.GetValue(b, i, j) * v.GetValue(b, j, c);
                    Assert.Equal(o, output.GetValue(b, i, c), 12);
                }
            }
    }

    [Fact]
    public void MasksHideKeysWithTheCourseConvention()
    {
        var tokens = Tensor.FromArray(new double[] { 7, 6, 0, 0, 1, 0, 5, 0 }, 2, 4);
        var pad = F.PaddingMask(tokens);
        Assert.Equal(new Shape(2, 1, 4), pad.Shape);
        Assert.Equal(new double[] { 1, 1, 0, 0, 1, 0, 1, 0 }, pad.ToArray());
        var look = F.LookAheadMask(3);
        Assert.Equal(new double[] { 1, 0, 0, 1, 1, 0, 1, 1, 1 }, look.ToArray());

        var rng = new System.Random(2);
        var q = NNCheck.Rand(rng, 2, 4, 3);
        var (_, w) = F.ScaledDotProductAttention(q, q, q, pad);
        for (int b = 0; b < 2; b++)
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 4; j++)
                    if (pad.GetValue(b, 0, j) == 0) Assert.Equal(0, w.GetValue(b, i, j), 12);
        var (_, w2) = F.ScaledDotProductAttention(NNCheck.Rand(rng, 1, 3, 2), NNCheck.Rand(rng, 1, 3, 2), NNCheck.Rand(rng, 1, 3, 2), look);
        Assert.Equal(1, w2.GetValue(0, 0, 0), 12);
        Assert.Equal(0, w2.GetValue(0, 1, 2), 12);
    }

    [Fact]
    public void AttentionGradients()
    {
        var rng = new System.Random(3);
        var mask = F.LookAheadMask(3);
        NNCheck.Gradients(t => F.ScaledDotProductAttention(t[0], t[1], t[2], mask).Output,
            [NNCheck.Rand(rng, 2, 3, 4), NNCheck.Rand(rng, 2, 3, 4), NNCheck.Rand(rng, 2, 3, 2)]);
    }

    [Fact]
    public void MultiHeadAttentionGradientsAndShapes()
    {
        var rng = new System.Random(4);
        int heads = 2, kd = 3, dm = 4;
        var x = NNCheck.Rand(rng, 2, 3, dm);
        var mem = NNCheck.Rand(rng, 2, 5, dm);
        var mask = F.PaddingMask(Tensor.FromArray(new double[] { 1, 2, 3, 0, 0, 4, 4, 4, 4, 4 }, 2, 5));
        var (y, w) = F.MultiHeadAttention(x, mem, mem, heads, NNCheck.Rand(rng, dm, heads * kd), null, NNCheck.Rand(rng, dm, heads * kd), null,
            NNCheck.Rand(rng, dm, heads * kd), null, NNCheck.Rand(rng, heads * kd, dm), null, mask);
        Assert.Equal(new Shape(2, 3, dm), y.Shape);
        Assert.Equal(new Shape(2, heads, 3, 5), w.Shape);
        Assert.Equal(0, w.GetValue(0, 1, 2, 4), 12);
        // The key bias gets no gradient (it shifts every logit of a query equally), so it stays a constant here.
        var bk = NNCheck.Rand(rng, heads * kd);
        NNCheck.Gradients(t => F.MultiHeadAttention(t[0], t[1], t[1], heads, t[2], t[3], t[4], bk, t[5], t[6], t[7], t[8], mask).Output,
            [x, mem, NNCheck.Rand(rng, dm, heads * kd), NNCheck.Rand(rng, heads * kd), NNCheck.Rand(rng, dm, heads * kd),
             NNCheck.Rand(rng, dm, heads * kd), NNCheck.Rand(rng, heads * kd), NNCheck.Rand(rng, heads * kd, dm), NNCheck.Rand(rng, dm)]);
    }

    [Fact]
    public void LayerNormNormalisesTheLastAxis()
    {
        var x = Tensor.FromArray(new double[] { 1, 2, 3, 4, -1, 0, 1, 2 }, 2, 4);
        var y = F.LayerNorm(x, epsilon: 0);
        double s = 1 / Math.Sqrt(1.25);
        NNCheck.Close(new[] { -1.5 * s, -0.5 * s, 0.5 * s, 1.5 * s, -1.5 * s, -0.5 * s, 0.5 * s, 1.5 * s }, y.ToArray());
        var rng = new System.Random(5);
        NNCheck.Gradients(t => F.LayerNorm(t[0], t[1], t[2], 1e-3), [NNCheck.Rand(rng, 2, 3, 5), NNCheck.Rand(rng, 5), NNCheck.Rand(rng, 5)]);
        var x32 = NNCheck.Rand(rng, 3, 6);
        NNCheck.Close(F.LayerNorm(x32).ToArray(), F.LayerNorm(x32.AsType(DType.Float32)).ToArray(), 1e-5);
    }

    [Fact]
    public void EmbeddingGathersAndScatterAdds()
    {
        var table = Tensor.Arange(12).Reshape(4, 3);
        var ids = Tensor.FromArray(new double[] { 2, 0, 2, 3 }, 2, 2);
        var y = F.Embedding(ids, table);
        Assert.Equal(new Shape(2, 2, 3), y.Shape);
        Assert.Equal(new double[] { 6, 7, 8, 0, 1, 2, 6, 7, 8, 9, 10, 11 }, y.ToArray());
        NNCheck.Gradients(t => F.Embedding(ids, t[0]), [NNCheck.Rand(new System.Random(6), 4, 3)]);
        var ex = Assert.Throws<ArgumentException>(() => F.Embedding(Tensor.FromArray(new double[] { 4 }, 1), table));
        Assert.Contains("[0, 4)", ex.Message);
    }

    [Fact]
    public void PositionalEncodingFollowsTheCourseFormula()
    {
        var pe = F.PositionalEncoding(5, 6);
        Assert.Equal(new Shape(1, 5, 6), pe.Shape);
        Assert.Equal(0, pe.GetValue(0, 0, 0), 15);
        Assert.Equal(1, pe.GetValue(0, 0, 1), 15);
        Assert.Equal(Math.Sin(3 / Math.Pow(10000, 2.0 / 6)), pe.GetValue(0, 3, 2), 15);
        Assert.Equal(Math.Cos(3 / Math.Pow(10000, 2.0 / 6)), pe.GetValue(0, 3, 3), 15);
        Assert.Equal(Math.Cos(4 / Math.Pow(10000, 4.0 / 6)), pe.GetValue(0, 4, 5), 15);
    }
}
