using DeepNotes.NN;
using DeepNotes.Optimizers;

namespace DeepNotes.Tests.Optimizers;

public class OptimizerTests
{
    private static Parameter Param(double[] values, double[] grad, DType dtype = DType.Float64)
    {
        var p = new Parameter("w", Tensor.FromArray(values).AsType(dtype));
        p.Value.Grad = Tensor.FromArray(grad).AsType(dtype);
        return p;
    }

    // 17 elements so that both the SIMD body and the scalar tail run.
    private static readonly double[] W0 = Enumerable.Range(0, 17).Select(i => Math.Sin(i + 1)).ToArray();
    private static readonly double[] G = Enumerable.Range(0, 17).Select(i => Math.Cos(3 * i) * 0.5).ToArray();

    [Fact]
    public void SgdWithL2WeightDecay()
    {
        var p = Param(W0, G);
        new SGD(0.1, weightDecay: 0.01, parameters: [p]).Step();
        var w = p.Value.ToArray();
        for (int i = 0; i < 17; i++) Assert.Equal(W0[i] - 0.1 * (G[i] + 0.01 * W0[i]), w[i], 14);
    }

    [Fact]
    public void CourseMomentumIsAnAverageOfGradients()
    {
        var p = Param(W0, G);
        var opt = new Momentum(0.01, beta: 0.9, parameters: [p]);
        opt.Step();
        opt.Step();
        // v1 = 0.1 g, w1 = w0 - 0.01 v1; v2 = 0.9 v1 + 0.1 g = 0.19 g, w2 = w1 - 0.01 v2.
        var w = p.Value.ToArray();
        for (int i = 0; i < 17; i++) Assert.Equal(W0[i] - 0.01 * 0.1 * G[i] - 0.01 * 0.19 * G[i], w[i], 14);
        Assert.Equal(0.19 * G[3], opt.GetState(p)![0].GetValue(3), 14);
    }

    [Fact]
    public void PyTorchMomentumAndNesterov()
    {
        var p = Param(W0, G);
        var opt = new SGD(0.1, momentum: 0.9, parameters: [p]);
        opt.Step();
        opt.Step();
        var w = p.Value.ToArray();
        for (int i = 0; i < 17; i++) Assert.Equal(W0[i] - 0.1 * G[i] - 0.1 * 1.9 * G[i], w[i], 14);
        var q = Param(W0, G);
        new SGD(0.1, momentum: 0.9, nesterov: true, parameters: [q]).Step();
        Assert.Equal(W0[5] - 0.1 * (G[5] + 0.9 * G[5]), q.Value.GetValue(5), 14);
    }

    [Fact]
    public void RmsPropStep()
    {
        var p = Param(W0, G);
        new RMSprop(0.01, rho: 0.9, epsilon: 1e-7, parameters: [p]).Step();
        for (int i = 0; i < 17; i++)
        {
            double s = 0.1 * G[i] * G[i];
            Assert.Equal(W0[i] - 0.01 * G[i] / (Math.Sqrt(s) + 1e-7), p.Value.GetValue(i), 14);
        }
    }

    [Fact]
    public void AdamFollowsCourseFormulas()
    {
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
        {
            var p = Param(W0, G, dtype);
            var opt = new Adam(0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, parameters: [p]);
            var v = new double[17];
            var s = new double[17];
            var w = (double[])W0.Clone();
            for (int t = 1; t <= 3; t++)
            {
                var g = G.Select(x => x * t).ToArray();
                p.Value.Grad = Tensor.FromArray(g).AsType(dtype);
                opt.Step();
                for (int i = 0; i < 17; i++)
                {
                    v[i] = 0.9 * v[i] + 0.1 * g[i];
                    s[i] = 0.999 * s[i] + 0.001 * g[i] * g[i];
                    double vc = v[i] / (1 - Math.Pow(0.9, t)), sc = s[i] / (1 - Math.Pow(0.999, t));
                    w[i] -= 0.01 * vc / (Math.Sqrt(sc) + 1e-8);
                }
            }
            var got = p.Value.ToArray();
            for (int i = 0; i < 17; i++) Assert.Equal(w[i], got[i], dtype == DType.Float64 ? 13 : 5);
            Assert.Equal(3, opt.Iterations);
        }
    }

    [Fact]
    public void AdamWDecouplesDecay()
    {
        var p = Param(W0, G);
        new AdamW(0.01, weightDecay: 0.1, epsilon: 1e-8, parameters: [p]).Step();
        // first Adam step moves by lr·sign(g) (up to ε); decay shrinks w by (1 − lr·wd) first.
        for (int i = 0; i < 17; i++)
            Assert.Equal(W0[i] * (1 - 0.001) - 0.01 * G[i] / (Math.Abs(G[i]) + 1e-8), p.Value.GetValue(i), 12);
    }

    [Fact]
    public void FrozenLayersAndNonTrainableStateAreSkipped()
    {
        var dense = new Dense(2);
        var bn = new BatchNormalization();
        var x = Tensor.Ones([4, 3], DType.Float64);
        var y = bn.Call(dense.Call(x));
        dense.Trainable = false;
        var before = dense.Kernel!.Value.ToArray();
        var opt = new SGD(0.1);
        opt.AddParamGroup(dense.Parameters().Concat(bn.Parameters()));
        bn.Call(dense.Call(x * 2.0)).Sum().Backward();
        var mm = bn.MovingMean!.Value.ToArray();
        opt.Step();
        Assert.Equal(before, dense.Kernel.Value.ToArray());
        Assert.Equal(mm, bn.MovingMean.Value.ToArray());
        Assert.Null(dense.Kernel.Grad);
    }

    [Fact]
    public void ParamGroupsHaveTheirOwnLearningRate()
    {
        var a = Param(W0, G);
        var b = Param(W0, G);
        var opt = new SGD(0.1);
        opt.AddParamGroup([a]);
        opt.AddParamGroup([b], learningRate: 0.01);
        opt.Step();
        Assert.Equal(W0[2] - 0.1 * G[2], a.Value.GetValue(2), 14);
        Assert.Equal(W0[2] - 0.01 * G[2], b.Value.GetValue(2), 14);
        Assert.Throws<ArgumentException>(() => opt.AddParamGroup([a]));
        Assert.Throws<ArgumentException>(() => new Adam(-1));
        Assert.Throws<InvalidOperationException>(() => new Adam().Step());
    }

    [Fact]
    public void SchedulesMatchCourseAndKeras()
    {
        Assert.Equal(0.5 / 3, InverseTimeDecay.Unscheduled(0.5, 2, 1), 14);
        Assert.Equal(0.25, InverseTimeDecay.Scheduled(0.5, 100, 1, 100), 14);
        Assert.Equal(0.5, InverseTimeDecay.Scheduled(0.5, 99, 1, 100), 14);
        var sched = new InverseTimeDecay(0.5, 1, 100);
        Assert.Equal(0.25, sched.Rate(step: 12345, epoch: 150), 14);
        var exp = new ExponentialDecay(0.1, decaySteps: 10, decayRate: 0.5);
        Assert.Equal(0.1 * Math.Pow(0.5, 0.5), exp.Rate(5, 0), 14);
        Assert.Equal(0.1, new ExponentialDecay(0.1, 10, 0.5, staircase: true).Rate(9, 0), 14);
        Assert.Equal(0.025, new StepDecay(0.1, 10, 0.5).Rate(0, 25), 14);

        var p = Param(W0, G);
        var opt = new SGD(1.0, parameters: [p]) { Schedule = new StepDecay(0.1, 1, 0.5), Epoch = 1 };
        Assert.Equal(0.05, opt.CurrentLearningRate, 14);
        opt.Step();
        Assert.Equal(W0[0] - 0.05 * G[0], p.Value.GetValue(0), 14);
    }
}
