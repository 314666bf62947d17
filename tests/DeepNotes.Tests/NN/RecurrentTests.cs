using DeepNotes;
using DeepNotes.NN;

namespace DeepNotes.Tests.NN;

public class RecurrentTests
{
    private static double Sig(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>Gate pre-activations for sample b at step t: x_t·K[:, cols] + h·R[:, cols] + bias (plain loops).</summary>
    private static double Pre(Tensor x, Tensor k, Tensor r, Tensor bias, double[] h, int b, int t, int col)
    {
        double z = bias.GetValue(col);
        for (int i = 0; i < x.Dims[2]; i++) z += x.GetValue(b, t, i) * k.GetValue(i, col);
        for (int i = 0; i < h.Length; i++) z += h[i] * r.GetValue(i, col);
        return z;
    }

    [Fact]
    public void LstmMatchesTheEquations()
    {
        var rng = new System.Random(1);
        int n = 2, steps = 4, f = 3, u = 5;
        var x = NNCheck.Rand(rng, n, steps, f);
        var k = NNCheck.Rand(rng, f, 4 * u);
        var r = NNCheck.Rand(rng, u, 4 * u);
        var bias = NNCheck.Rand(rng, 4 * u);
        var h0 = NNCheck.Rand(rng, n, u);
        var c0 = NNCheck.Rand(rng, n, u);
        var (seq, hT, cT) = F.Lstm(x, k, r, bias, h0, c0);
        Assert.Equal(new Shape(n, steps, u), seq.Shape);
        for (int b = 0; b < n; b++)
        {
            var h = Enumerable.Range(0, u).Select(j => h0.GetValue(b, j)).ToArray();
            var c = Enumerable.Range(0, u).Select(j => c0.GetValue(b, j)).ToArray();
            for (int t = 0; t < steps; t++)
            {
                var hn = new double[u];
                for (int j = 0; j < u; j++)
                {
                    double i = Sig(Pre(x, k, r, bias, h, b, t, j)), fg = Sig(Pre(x, k, r, bias, h, b, t, u + j));
                    double cc = Math.Tanh(Pre(x, k, r, bias, h, b, t, 2 * u + j)), o = Sig(Pre(x, k, r, bias, h, b, t, 3 * u + j));
                    c[j] = fg * c[j] + i * cc;
                    hn[j] = o * Math.Tanh(c[j]);
                }
                h = hn;
                for (int j = 0; j < u; j++) Assert.Equal(h[j], seq.GetValue(b, t, j), 12);
            }
            for (int j = 0; j < u; j++)
            {
                Assert.Equal(h[j], hT.GetValue(b, j), 12);
                Assert.Equal(c[j], cT.GetValue(b, j), 12);
            }
        }
    }

    [Fact]
    public void GruMatchesTheCourseEquations()
    {
        var rng = new System.Random(2);
        int n = 2, steps = 3, f = 4, u = 3;
        var x = NNCheck.Rand(rng, n, steps, f);
        var k = NNCheck.Rand(rng, f, 3 * u);
        var r = NNCheck.Rand(rng, u, 3 * u);
        var bias = NNCheck.Rand(rng, 3 * u);
        var y = F.Gru(x, k, r, bias);
        for (int b = 0; b < n; b++)
        {
            var h = new double[u];
            for (int t = 0; t < steps; t++)
            {
                var gu = new double[u];
                var gr = new double[u];
                for (int j = 0; j < u; j++)
                {
                    gu[j] = Sig(Pre(x, k, r, bias, h, b, t, j));
                    gr[j] = Sig(Pre(x, k, r, bias, h, b, t, u + j));
                }
                var rh = h.Select((v, j) => v * gr[j]).ToArray();
                var hn = new double[u];
                for (int j = 0; j < u; j++)
                {
                    double cand = Math.Tanh(Pre(x, k, r, bias, rh, b, t, 2 * u + j));
                    hn[j] = gu[j] * cand + (1 - gu[j]) * h[j];
                }
                h = hn;
                for (int j = 0; j < u; j++) Assert.Equal(h[j], y.GetValue(b, t, j), 12);
            }
        }
    }

    [Fact]
    public void SimpleRnnMatchesTheEquations()
    {
        var rng = new System.Random(3);
        int n = 3, steps = 4, f = 2, u = 3;
        var x = NNCheck.Rand(rng, n, steps, f);
        var k = NNCheck.Rand(rng, f, u);
        var r = NNCheck.Rand(rng, u, u);
        var bias = NNCheck.Rand(rng, u);
        var h0 = NNCheck.Rand(rng, n, u);
        var y = F.SimpleRnn(x, k, r, bias, h0);
        for (int b = 0; b < n; b++)
        {
            var h = Enumerable.Range(0, u).Select(j => h0.GetValue(b, j)).ToArray();
            for (int t = 0; t < steps; t++)
            {
                var hn = new double[u];
                for (int j = 0; j < u; j++) hn[j] = Math.Tanh(Pre(x, k, r, bias, h, b, t, j));
                h = hn;
                for (int j = 0; j < u; j++) Assert.Equal(h[j], y.GetValue(b, t, j), 12);
            }
        }
        NNCheck.Close(F.LastStep(y).ToArray(), Enumerable.Range(0, n).SelectMany(b => Enumerable.Range(0, u).Select(j => y.GetValue(b, steps - 1, j))).ToArray());
    }

    [Fact]
    public void LstmGradients()
    {
        var rng = new System.Random(4);
        int n = 2, steps = 3, f = 3, u = 2;
        NNCheck.Gradients(t => F.LstmStates(t[0], t[1], t[2], t[3], t[4], t[5]),
            [NNCheck.Rand(rng, n, steps, f), NNCheck.Rand(rng, f, 4 * u), NNCheck.Rand(rng, u, 4 * u), NNCheck.Rand(rng, 4 * u),
             NNCheck.Rand(rng, n, u), NNCheck.Rand(rng, n, u)]);
    }

    [Fact]
    public void LstmSplitOutputsGradients()
    {
        var rng = new System.Random(5);
        // Loss through the sequence and both final states at once: exercises Narrow's scatter.
        NNCheck.Gradients(t =>
        {
            var (seq, h, c) = F.Lstm(t[0], t[1], t[2], t[3]);
            return seq.Sum(1) * 0.5 + h * c;
        }, [NNCheck.Rand(rng, 2, 4, 2), NNCheck.Rand(rng, 2, 12), NNCheck.Rand(rng, 3, 12), NNCheck.Rand(rng, 12)]);
    }

    [Fact]
    public void GruGradients()
    {
        var rng = new System.Random(6);
        int n = 2, steps = 3, f = 2, u = 3;
        NNCheck.Gradients(t => F.Gru(t[0], t[1], t[2], t[3], t[4]),
            [NNCheck.Rand(rng, n, steps, f), NNCheck.Rand(rng, f, 3 * u), NNCheck.Rand(rng, u, 3 * u), NNCheck.Rand(rng, 3 * u), NNCheck.Rand(rng, n, u)]);
    }

    [Fact]
    public void SimpleRnnGradients()
    {
        var rng = new System.Random(7);
        int n = 3, steps = 4, f = 2, u = 3;
        NNCheck.Gradients(t => F.SimpleRnn(t[0], t[1], t[2], t[3], t[4]),
            [NNCheck.Rand(rng, n, steps, f), NNCheck.Rand(rng, f, u), NNCheck.Rand(rng, u, u), NNCheck.Rand(rng, u), NNCheck.Rand(rng, n, u)]);
    }

    [Fact]
    public void ReverseTimeFlipsAndBackpropagates()
    {
        var x = Tensor.Arange(12).Reshape(2, 3, 2);
        Assert.Equal(new double[] { 4, 5, 2, 3, 0, 1, 10, 11, 8, 9, 6, 7 }, F.ReverseTime(x).ToArray());
        NNCheck.Gradients(t => F.ReverseTime(t[0]) * t[0], [NNCheck.Rand(new System.Random(8), 2, 3, 2)]);
    }

    [Fact]
    public void Float32MatchesFloat64()
    {
        var rng = new System.Random(9);
        var x = NNCheck.Rand(rng, 3, 5, 4);
        var k = NNCheck.Rand(rng, 4, 8);
        var r = NNCheck.Rand(rng, 2, 8);
        var y64 = F.LstmStates(x, k, r);
        var y32 = F.LstmStates(x.AsType(DType.Float32), k.AsType(DType.Float32), r.AsType(DType.Float32));
        NNCheck.Close(y64.ToArray(), y32.ToArray(), 1e-5);
    }

    [Fact]
    public void BadShapesNameTheOp()
    {
        var ex = Assert.Throws<ArgumentException>(() => F.LstmStates(Tensor.Zeros(2, 3, 4), Tensor.Zeros(5, 8), Tensor.Zeros(2, 8)));
        Assert.Contains("lstm", ex.Message);
        Assert.Contains("(2, 3, 4)", ex.Message);
        Assert.Throws<ArgumentException>(() => F.Gru(Tensor.Zeros(2, 4), Tensor.Zeros(4, 6), Tensor.Zeros(2, 6)));
        Assert.Throws<ArgumentException>(() => F.SimpleRnn(Tensor.Zeros(2, 3, 4), Tensor.Zeros(4, 2), Tensor.Zeros(2, 2), null, Tensor.Zeros(3, 2)));
    }
}
