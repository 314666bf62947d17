using DeepNotes.Models;
using DeepNotes.NN;
using DeepNotes.Optimizers;

namespace DeepNotes.Gpu.Tests;

/// <summary>The course's models, moved with one call, train on the GPU like on the CPU.</summary>
public class CourseModelTests
{
    private static Model SignsConvNet(int size)
    {
        var input = new Input(size, size, 3);
        var a1 = new ReLU().Call(new Conv2D(8, 4, strides: 1, padding: "same").Call(input));
        var p1 = new MaxPool2D(8, strides: 8, padding: "same").Call(a1);
        var a2 = new ReLU().Call(new Conv2D(16, 2, strides: 1, padding: "same").Call(p1));
        var p2 = new MaxPool2D(4, strides: 4, padding: "same").Call(a2);
        var outputs = new Dense(6, "softmax").Call(new Flatten().Call(p2));
        return new Model(input, outputs);
    }

    [Fact]
    public void SignsConvNetTrainStepsOnGpuMatchTheCpu()
    {
        var cpu = SignsConvNet(16);
        var gpu = SignsConvNet(16);
        var cp = cpu.Parameters().ToArray();
        var gp = gpu.Parameters().ToArray();
        for (int i = 0; i < cp.Length; i++) gp[i].Assign(cp[i].Value);
        gpu.To(Gpu.Device);
        cpu.Compile(new Adam(0.01), "categorical_crossentropy");
        gpu.Compile(new Adam(0.01), "categorical_crossentropy");

        var x = Gpu.Random([4, 16, 16, 3], low: 0, high: 1);
        var y = Tensor.OneHot([0, 3, 5, 1], 6, dtype: DType.Float32);
        var (gx, gy) = (x.To(Gpu.Device), y.To(Gpu.Device));
        for (int step = 0; step < 2; step++)
        {
            double cpuLoss = cpu.TrainStep([x], [y]);
            double gpuLoss;
            using (GpuBackend.Scope()) gpuLoss = gpu.TrainStep([gx], [gy]);
            Assert.Equal(cpuLoss, gpuLoss, 4);
        }
        for (int i = 0; i < cp.Length; i++)
        {
            Assert.Equal(Gpu.Device, gp[i].Value.Device);
            Gpu.AssertClose(cp[i].Value, gp[i].Value.ToCpu(), 1e-4);
        }
    }

    [Fact]
    public void SeededDropoutDrawsTheSameMaskOnEveryDevice()
    {
        var x = Gpu.Random([4, 5]);
        Gpu.AssertClose(F.Dropout(x, 0.5, seed: 3), F.Dropout(x.To(Gpu.Device), 0.5, seed: 3), 0);
    }
}
