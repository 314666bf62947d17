using DeepNotes;
using DeepNotes.NN;

namespace DeepNotes.Tests.NN;

public class RecurrentLayerTests
{
    [Fact]
    public void LstmOptionsGiveKerasShapes()
    {
        var x = NNCheck.Rand(new System.Random(1), 3, 5, 4);
        Assert.Equal(new Shape(3, 6), new LSTM(6).Call(x).Shape);
        Assert.Equal(new Shape(3, 5, 6), new LSTM(6, returnSequences: true).Call(x).Shape);
        var lstm = new LSTM(6, returnState: true);
        var outs = lstm.CallMulti([x]);
        Assert.Equal(3, outs.Count);
        Assert.Equal(outs[0].ToArray(), outs[1].ToArray());
        Assert.Equal(new Shape(3, 6), outs[2].Shape);
        Assert.Equal(new[] { new[] { 6 }, new[] { 6 }, new[] { 6 } }, lstm.ComputeOutputShapes([[5, 4]]));
        // Keras's parameter count: 4·(F·U + U·U + U).
        Assert.Equal(4 * (4 * 6 + 6 * 6 + 6), lstm.Weights.Sum(w => w.Size));
        // The forget-gate bias starts at one.
        Assert.Equal(new double[] { 0, 1, 0, 0 }, new[] { 0, 6, 12, 18 }.Select(i => lstm.Bias!.Value.GetValue(i)).ToArray());
    }

    [Fact]
    public void InitialStatesAreExtraInputsAndAnySequenceLengthWorks()
    {
        var rng = new System.Random(2);
        var lstm = new LSTM(3, returnSequences: true);
        var h0 = NNCheck.Rand(rng, 2, 3);
        var c0 = NNCheck.Rand(rng, 2, 3);
        var x = NNCheck.Rand(rng, 2, 4, 2);
        var withState = lstm.CallMulti([x, h0, c0])[0];
        var direct = F.Lstm(x, lstm.Kernel!, lstm.RecurrentKernel!, lstm.Bias!.Value, h0, c0).Sequence;
        NNCheck.Close(direct.ToArray(), withState.ToArray());
        Assert.Equal(new Shape(2, 7, 3), lstm.Call(NNCheck.Rand(rng, 2, 7, 2)).Shape);
        var ex = Assert.Throws<ArgumentException>(() => lstm.Call(NNCheck.Rand(rng, 2, 4, 5)));
        Assert.Contains(lstm.Name, ex.Message);
    }

    [Fact]
    public void GoBackwardsReadsTheSequenceReversed()
    {
        var rng = new System.Random(3);
        var x = NNCheck.Rand(rng, 2, 4, 3);
        var fwd = new GRU(2);
        var y = fwd.Call(x);
        var bwd = (GRU)fwd.CloneReversed();
        bwd.Build([4, 3], DType.Float64);
        foreach (var (a, b) in fwd.Weights.Zip(bwd.Weights)) b.Assign(a.Value);
        NNCheck.Close(y.ToArray(), bwd.Call(F.ReverseTime(x)).ToArray());
    }

    [Fact]
    public void BidirectionalConcatenatesBothDirections()
    {
        var rng = new System.Random(4);
        var x = NNCheck.Rand(rng, 2, 5, 3);
        var bi = new Bidirectional(new LSTM(4, returnSequences: true));
        var y = bi.Call(x);
        Assert.Equal(new Shape(2, 5, 8), y.Shape);
        Assert.Equal(new[] { 5, 8 }, bi.ComputeOutputShape([5, 3]));
        Assert.Equal(2 * 4 * (3 * 4 + 4 * 4 + 4), bi.Weights.Sum(w => w.Size));
        // The backward half at time t has read x[t..T): at the last step it has seen only x[T-1].
        var back = bi.BackwardLayer;
        var last = F.Lstm(Narrow(x, 4), back.Kernel!, back.RecurrentKernel!, back.Bias!.Value).H;
        for (int b = 0; b < 2; b++)
            for (int j = 0; j < 4; j++) Assert.Equal(last.GetValue(b, j), y.GetValue(b, 4, 4 + j), 12);
        var sum = new Bidirectional(new SimpleRNN(3), "sum");
        Assert.Equal(new Shape(2, 3), sum.Call(x).Shape);
    }

    private static Tensor Narrow(Tensor x, int t)
    {
        var d = new double[x.Dims[0] * x.Dims[2]];
        for (int b = 0; b < x.Dims[0]; b++)
            for (int j = 0; j < x.Dims[2]; j++) d[b * x.Dims[2] + j] = x.GetValue(b, t, j);
        return Tensor.FromArray(d, x.Dims[0], 1, x.Dims[2]);
    }

    [Fact]
    public void RecurrentLayerGradients()
    {
        var rng = new System.Random(5);
        var x = NNCheck.Rand(rng, 2, 3, 2);
        var bi = new Bidirectional(new GRU(2, returnSequences: true), "concat");
        bi.Build([3, 2], DType.Float64);
        NNCheck.Gradients(t => bi.Call(t[0]), [x, .. bi.Weights.Select(w => w.Value)]);
        var rnn = new SimpleRNN(3, returnSequences: false);
        rnn.Build([3, 2], DType.Float64);
        NNCheck.Gradients(t => rnn.Call(t[0]), [NNCheck.Rand(rng, 2, 3, 2), .. rnn.Weights.Select(w => w.Value)]);
    }

    [Fact]
    public void TimeDistributedAppliesPerStep()
    {
        var rng = new System.Random(6);
        var dense = new Dense(5);
        var td = new TimeDistributed(dense);
        var x = NNCheck.Rand(rng, 2, 4, 3);
        var y = td.Call(x);
        Assert.Equal(new Shape(2, 4, 5), y.Shape);
        Assert.Equal(new[] { 4, 5 }, td.ComputeOutputShape([4, 3]));
        NNCheck.Close(F.Linear(x, dense.Kernel!, dense.Bias!.Value).ToArray(), y.ToArray());
        Assert.Equal(new Shape(2, 9, 5), td.Call(NNCheck.Rand(rng, 2, 9, 3)).Shape);
    }
}
