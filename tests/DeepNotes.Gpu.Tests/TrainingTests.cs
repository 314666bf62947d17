using DeepNotes.NN;

namespace DeepNotes.Gpu.Tests;

public class TrainingTests
{
    /// <summary>A two-layer Dense model with fixed initial weights (the same on every call).</summary>
    private static Dense[] Model()
    {
        var l1 = new Dense(8, activation: "relu", kernelInitializer: new DeepNotes.NN.Init.GlorotUniform(seed: 1));
        var l2 = new Dense(3, kernelInitializer: new DeepNotes.NN.Init.GlorotUniform(seed: 2));
        l1.Build([5]);
        l2.Build([8]);
        return [l1, l2];
    }

    /// <summary>Softmax cross-entropy of the logits against one-hot targets, averaged over the batch.</summary>
    private static Tensor Loss(Dense[] model, Tensor x, Tensor y) =>
        -(model[1].Call(model[0].Call(x)).LogSoftmax(-1) * y).Sum(-1).Mean();

    /// <summary>The reference Adam step written with engine ops on the CPU.</summary>
    private static void CpuAdam(Parameter p, Dictionary<Parameter, (Tensor M, Tensor V)> state, int t, double lr = 0.01, double b1 = 0.9, double b2 = 0.999, double eps = 1e-7)
    {
        using var _ = Tensor.NoGrad();
        var g = p.Grad!;
        var (m, v) = state.TryGetValue(p, out var s) ? s : (Tensor.ZerosLike(p.Value), Tensor.ZerosLike(p.Value));
        m = b1 * m + (1 - b1) * g;
        v = b2 * v + (1 - b2) * g * g;
        state[p] = (m, v);
        var update = lr / (1 - Math.Pow(b1, t)) * m / (v.Sqrt() / Math.Sqrt(1 - Math.Pow(b2, t)) + eps);
        p.Assign(p.Value - update);
    }

    [Fact]
    public void DenseLossAdamStepsOnGpuEqualTheCpu()
    {
        var x = Gpu.Random([16, 5]);
        var labels = Enumerable.Range(0, 16).Select(i => (i * 7) % 3).ToArray();
        var yData = new float[16 * 3];
        for (int i = 0; i < 16; i++) yData[i * 3 + labels[i]] = 1;
        var y = Tensor.FromArray(yData, 16, 3);

        var cpu = Model();
        var gpu = Model();
        foreach (var layer in gpu) layer.To(Gpu.Device);
        Assert.All(gpu.SelectMany(l => l.Parameters()), p => Assert.Equal(Gpu.Device, p.Value.Device));
        var gx = x.To(Gpu.Device);
        var gy = y.To(Gpu.Device);

        var cpuState = new Dictionary<Parameter, (Tensor, Tensor)>();
        var gpuState = gpu.SelectMany(l => l.Parameters()).ToDictionary(p => p, p => (M: Tensor.ZerosLike(p.Value), V: Tensor.ZerosLike(p.Value)));
        for (int step = 1; step <= 3; step++)
        {
            foreach (var l in cpu) l.ZeroGrad();
            var cpuLoss = Loss(cpu, x, y);
            cpuLoss.Backward();
            foreach (var p in cpu.SelectMany(l => l.Parameters())) CpuAdam(p, cpuState, step);

            using (GpuBackend.Scope())
            {
                foreach (var l in gpu) l.ZeroGrad();
                var gpuLoss = Loss(gpu, gx, gy);
                Assert.Equal(Gpu.Device, gpuLoss.Device);
                gpuLoss.Backward();
                Assert.Equal(cpuLoss.Item(), gpuLoss.Item(), 5);
                foreach (var p in gpu.SelectMany(l => l.Parameters()))
                {
                    Assert.Equal(Gpu.Device, p.Grad!.Device);
                    var (m, v) = gpuState[p];
                    Gpu.Backend.AdamUpdate(p.Value, p.Grad!, m, v, 0.01, 0.9, 0.999, 1e-7, step);
                }
            }
        }
        var cpuParams = cpu.SelectMany(l => l.Parameters()).ToArray();
        var gpuParams = gpu.SelectMany(l => l.Parameters()).ToArray();
        for (int i = 0; i < cpuParams.Length; i++) Gpu.AssertClose(cpuParams[i].Value, gpuParams[i].Value.ToCpu(), 1e-5);
        foreach (var layer in gpu) layer.To(Device.Cpu);
        Assert.True(gpuParams[0].Value.Device.IsCpu);
    }

    [Fact]
    public void EngineOptimizersUpdateGpuParametersLikeCpuOnes()
    {
        var x = Gpu.Random([6, 5]);
        var y = Tensor.FromArray(Enumerable.Range(0, 18).Select(i => i % 3 == 0 ? 1f : 0f).ToArray(), 6, 3);
        var cpu = Model();
        var gpu = Model();
        foreach (var l in gpu) l.To(Gpu.Device);
        var cpuOpt = new DeepNotes.Optimizers.Adam(0.01, parameters: cpu.SelectMany(l => l.Parameters()));
        var gpuOpt = new DeepNotes.Optimizers.Adam(0.01, parameters: gpu.SelectMany(l => l.Parameters()));
        var (gx, gy) = (x.To(Gpu.Device), y.To(Gpu.Device));
        for (int step = 0; step < 2; step++)
        {
            cpuOpt.ZeroGrad();
            Loss(cpu, x, y).Backward();
            cpuOpt.Step();
            using (GpuBackend.Scope())
            {
                gpuOpt.ZeroGrad();
                Loss(gpu, gx, gy).Backward();
                gpuOpt.Step();
            }
        }
        var c = cpu.SelectMany(l => l.Parameters()).ToArray();
        var g = gpu.SelectMany(l => l.Parameters()).ToArray();
        for (int i = 0; i < c.Length; i++)
        {
            Assert.Equal(Gpu.Device, g[i].Value.Device);
            Gpu.AssertClose(c[i].Value, g[i].Value.ToCpu(), 1e-5);
        }
    }

    [Fact]
    public void InPlaceHelpersWorkOnGpuTensors()
    {
        var a = Gpu.Random([4, 3]);
        var b = Gpu.Random([4, 3]);
        var ga = a.To(Gpu.Device);
        var gb = b.To(Gpu.Device);
        a.AddInPlace(b, 0.5).MulInPlace(3).LerpInPlace(b, 0.25);
        ga.AddInPlace(gb, 0.5).MulInPlace(3).LerpInPlace(gb, 0.25);
        Gpu.AssertClose(a, ga, 1e-6);
        ga.T.CopyFrom(b.T);
        Gpu.AssertClose(b, ga, 0);
    }
}
