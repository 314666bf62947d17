using DeepNotes;
using DeepNotes.NN;

namespace DeepNotes.Tests.NN;

public class AttentionLayerTests
{
    [Fact]
    public void MultiHeadAttentionLayerShapesMasksAndGradients()
    {
        var rng = new System.Random(1);
        var mha = new MultiHeadAttention(numHeads: 2, keyDim: 3);
        var x = NNCheck.Rand(rng, 2, 4, 6);
        var y = mha.Call(x, x);
        Assert.Equal(new Shape(2, 4, 6), y.Shape);
        // Keras's parameter count: 3·(6·6 + 6) + (6·6 + 6).
        Assert.Equal(4 * (6 * 6 + 6), mha.Weights.Sum(w => w.Size));
        var (o, w) = mha.Attend(x, x, mask: F.LookAheadMask(4));
        Assert.Equal(new Shape(2, 2, 4, 4), w.Shape);
        Assert.Equal(0, w.GetValue(1, 1, 0, 3), 12);
        Assert.Equal(new Shape(2, 4, 6), o.Shape);
        var layer = new MultiHeadAttention(2, 2, outputDim: 3);
        layer.Build([[3, 4], [3, 4]], DType.Float64);
        var weights = layer.Weights.Where(p => p.Name != "key_bias").Select(p => p.Value).ToArray();
        NNCheck.Gradients(t => layer.Call(t[0], t[0]), [NNCheck.Rand(rng, 2, 3, 4), .. weights]);
    }

    [Fact]
    public void KerasAttentionIsAnUnscaledDotProduct()
    {
        var rng = new System.Random(2);
        var q = NNCheck.Rand(rng, 2, 3, 4);
        var v = NNCheck.Rand(rng, 2, 5, 4);
        var att = new Attention(returnAttentionScores: true);
        var outs = att.CallMulti([q, v]);
        var (expected, weights) = F.ScaledDotProductAttention(q, v, v, null, scale: 1.0);
        NNCheck.Close(expected.ToArray(), outs[0].ToArray());
        NNCheck.Close(weights.ToArray(), outs[1].ToArray());
        var causal = new Attention(causal: true, returnAttentionScores: true).CallMulti([q, q]);
        Assert.Equal(0, causal[1].GetValue(0, 0, 1), 12);
    }

    [Fact]
    public void LayerNormalizationLayerGradients()
    {
        var ln = new LayerNormalization(epsilon: 1e-6);
        ln.Build([3, 4], DType.Float64);
        var rng = new System.Random(3);
        ln.Gamma!.Assign(NNCheck.Rand(rng, 4));
        NNCheck.Gradients(t => ln.Call(t[0]), [NNCheck.Rand(rng, 2, 3, 4), ln.Gamma!.Value, ln.Beta!.Value]);
    }

    [Fact]
    public void EmbeddingFromMatrixIsFrozen()
    {
        var matrix = Tensor.Arange(6).Reshape(3, 2);
        var emb = Embedding.FromMatrix(matrix);
        Assert.Empty(emb.TrainableWeights);
        Assert.Single(emb.NonTrainableWeights);
        var y = emb.Call(Tensor.FromArray(new double[] { 2, 0, 1, 1 }, 2, 2));
        Assert.Equal(new double[] { 4, 5, 0, 1, 2, 3, 2, 3 }, y.ToArray());
        Assert.Equal(new[] { 7, 2 }, emb.ComputeOutputShape([7]));
        var trainable = new Embedding(10, 4);
        Assert.Equal(new Shape(3, 5, 4), trainable.Call(Tensor.Zeros(3, 5)).Shape);
        Assert.Single(trainable.TrainableWeights);
    }

    [Fact]
    public void PositionalEncodingLayerAddsTheTable()
    {
        var x = Tensor.Ones(2, 3, 4);
        var y = new PositionalEncoding(10).Call(x);
        var pe = F.PositionalEncoding(3, 4);
        for (int b = 0; b < 2; b++)
            for (int t = 0; t < 3; t++)
                for (int j = 0; j < 4; j++) Assert.Equal(1 + pe.GetValue(0, t, j), y.GetValue(b, t, j), 12);
        Assert.Throws<ArgumentException>(() => new PositionalEncoding(2).Call(x));
    }
}
