using DeepNotes.NN;

namespace DeepNotes.Gpu.Tests;

public class RnnTests
{
    private static (Tensor H, Tensor C) LstmReference(Tensor z, Tensor cPrev)
    {
        int h = cPrev.Shape[1];
        Tensor Gate(int k) => z.Reshape(z.Shape[0], 4, h).SwapAxes(0, 1)[k];
        var i = Gate(0).Sigmoid();
        var f = Gate(1).Sigmoid();
        var g = Gate(2).Tanh();
        var o = Gate(3).Sigmoid();
        var c = f * cPrev + i * g;
        return (o * c.Tanh(), c);
    }

    [Fact]
    public void LstmCellForwardAndGradientsMatchTheComposedCpuMath()
    {
        var z = Gpu.Random([3, 8], DType.Float64, -2, 2).RequireGrad();
        var c0 = Gpu.Random([3, 2], DType.Float64).RequireGrad();
        var wh = Gpu.Random([3, 2], DType.Float64);
        var wc = Gpu.Random([3, 2], DType.Float64);
        var (h, c) = LstmReference(z, c0);
        ((h * wh).Sum() + (c * wc).Sum()).Backward();

        var gz = z.Detach().To(Gpu.Device).RequireGrad();
        var gc0 = c0.Detach().To(Gpu.Device).RequireGrad();
        var (gh, gc) = GpuRnn.LstmCell(gz, gc0);
        ((gh * wh.To(Gpu.Device)).Sum() + (gc * wc.To(Gpu.Device)).Sum()).Backward();
        Gpu.AssertClose(h.Detach(), gh.Detach(), 1e-12);
        Gpu.AssertClose(c.Detach(), gc.Detach(), 1e-12);
        Gpu.AssertClose(z.Grad!, gz.Grad!, 1e-12);
        Gpu.AssertClose(c0.Grad!, gc0.Grad!, 1e-12);
    }

    [Fact]
    public void GruCellForwardAndGradientsMatchTheComposedCpuMath()
    {
        var x = Gpu.Random([3, 6], DType.Float64, -2, 2).RequireGrad();
        var hp = Gpu.Random([3, 6], DType.Float64, -2, 2).RequireGrad();
        var h0 = Gpu.Random([3, 2], DType.Float64).RequireGrad();
        var w = Gpu.Random([3, 2], DType.Float64);
        Tensor Part(Tensor t, int k) => t.Reshape(3, 3, 2).SwapAxes(0, 1)[k];
        var zg = (Part(x, 0) + Part(hp, 0)).Sigmoid();
        var rg = (Part(x, 1) + Part(hp, 1)).Sigmoid();
        var ng = (Part(x, 2) + rg * Part(hp, 2)).Tanh();
        var h = zg * h0 + (1.0 - zg) * ng;
        (h * w).Sum().Backward();

        var gx = x.Detach().To(Gpu.Device).RequireGrad();
        var ghp = hp.Detach().To(Gpu.Device).RequireGrad();
        var gh0 = h0.Detach().To(Gpu.Device).RequireGrad();
        var gh = GpuRnn.GruCell(gx, ghp, gh0);
        (gh * w.To(Gpu.Device)).Sum().Backward();
        Gpu.AssertClose(h.Detach(), gh.Detach(), 1e-12);
        Gpu.AssertClose(x.Grad!, gx.Grad!, 1e-12);
        Gpu.AssertClose(hp.Grad!, ghp.Grad!, 1e-12);
        Gpu.AssertClose(h0.Grad!, gh0.Grad!, 1e-12);
    }

    [Fact]
    public void CellsRefuseCpuTensors()
    {
        var e = Assert.Throws<InvalidOperationException>(() => GpuRnn.LstmCell(Tensor.Zeros(2, 8), Tensor.Zeros(2, 2)));
        Assert.Contains("lstm_cell", e.Message);
    }

    [Fact]
    public void EngineLstmSequenceRunsOnGpuWithTheSameValuesAndGradients()
    {
        var x = Gpu.Random([2, 3, 4], DType.Float64).RequireGrad();
        var k = Gpu.Random([4, 12], DType.Float64).RequireGrad();
        var r = Gpu.Random([3, 12], DType.Float64).RequireGrad();
        var b = Gpu.Random([12], DType.Float64).RequireGrad();
        var states = F.LstmStates(x, k, r, b);
        var probe = Gpu.Random(states.Shape.ToArray(), DType.Float64);
        (states * probe).Sum().Backward();

        var (gx, gk, gr, gb) = (x.Detach().To(Gpu.Device).RequireGrad(), k.Detach().To(Gpu.Device).RequireGrad(),
            r.Detach().To(Gpu.Device).RequireGrad(), b.Detach().To(Gpu.Device).RequireGrad());
        var gs = F.LstmStates(gx, gk, gr, gb);
        Assert.Equal(Gpu.Device, gs.Device);
        (gs * probe.To(Gpu.Device)).Sum().Backward();
        Gpu.AssertClose(states.Detach(), gs.Detach(), 1e-12);
        Gpu.AssertClose(x.Grad!, gx.Grad!, 1e-12);
        Gpu.AssertClose(k.Grad!, gk.Grad!, 1e-12);
        Gpu.AssertClose(r.Grad!, gr.Grad!, 1e-12);
        Gpu.AssertClose(b.Grad!, gb.Grad!, 1e-12);
    }

    [Fact]
    public void BasicIndexingAndConcatenateRunOnGpu()
    {
        var a = Gpu.Random([3, 4], DType.Float64).RequireGrad();
        var b = Gpu.Random([3, 2], DType.Float64).RequireGrad();
        var y = Tensor.Concatenate([a[TensorIndex.All, 1], b[TensorIndex.All, 0]], 0) * 3.0;
        y.Sum().Backward();
        var (ga, gb) = (a.Detach().To(Gpu.Device).RequireGrad(), b.Detach().To(Gpu.Device).RequireGrad());
        var gy = Tensor.Concatenate([ga[TensorIndex.All, 1], gb[TensorIndex.All, 0]], 0) * 3.0;
        gy.Sum().Backward();
        Gpu.AssertClose(y.Detach(), gy.Detach(), 0);
        Gpu.AssertClose(a.Grad!, ga.Grad!, 0);
        Gpu.AssertClose(b.Grad!, gb.Grad!, 0);
        Assert.Throws<InvalidOperationException>(() => ga[TensorIndex.Indices([0, 2])]);
    }

    [Theory]
    [InlineData("simple_rnn")]
    [InlineData("gru")]
    [InlineData("lstm")]
    public void EngineRecurrentLayersRunOnGpuWithTheSameGradients(string kind)
    {
        int gates = kind switch { "gru" => 3, "lstm" => 4, _ => 1 };
        var x = Gpu.Random([2, 3, 4], DType.Float64).RequireGrad();
        var k = Gpu.Random([4, 3 * gates], DType.Float64).RequireGrad();
        var r = Gpu.Random([3, 3 * gates], DType.Float64).RequireGrad();
        var b = Gpu.Random([3 * gates], DType.Float64).RequireGrad();
        Tensor Run(Tensor xi, Tensor ki, Tensor ri, Tensor bi) => kind switch
        {
            "gru" => F.Gru(xi, ki, ri, bi),
            "lstm" => F.Lstm(xi, ki, ri, bi).Sequence,
            _ => F.SimpleRnn(xi, ki, ri, bi),
        };
        var y = Run(x, k, r, b);
        var probe = Gpu.Random(y.Shape.ToArray(), DType.Float64);
        (y * probe).Sum().Backward();
        var g = new[] { x, k, r, b }.Select(t => t.Detach().To(Gpu.Device).RequireGrad()).ToArray();
        var gy = Run(g[0], g[1], g[2], g[3]);
        (gy * probe.To(Gpu.Device)).Sum().Backward();
        Gpu.AssertClose(y.Detach(), gy.Detach(), 1e-12);
        var cpuInputs = new[] { x, k, r, b };
        for (int i = 0; i < 4; i++) Gpu.AssertClose(cpuInputs[i].Grad!, g[i].Grad!, 1e-12);
    }
}
