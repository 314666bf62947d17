using DeepNotes.Models;
using DeepNotes.NN;
using DeepNotes.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepNotes.Bench.Models;

/// <summary>
/// The course's L-layer cat classifier [12288, 20, 7, 5, 1] (relu, sigmoid output, binary cross-entropy),
/// full-batch gradient descent (lr 0.0075) on 209 examples; one timed call is 100 iterations.
/// </summary>
public sealed class CatMlp : ModelCase
{
    private const int Examples = 209, Features = 12288;

    public override string Label => "L-layer MLP [12288,20,7,5,1], 209 examples, full-batch GD";
    public override string Key => "mlp";
    public override int StepsPerCall => 100;
    public override string TorchReference => "450–550";

    public override Func<double> BuildOurs(Random random)
    {
        var x = Tensor.FromArray(RandomArray(random, Examples * Features), Examples, Features) * 0.5f + 0.5f;
        var y = Tensor.FromArray(RandomLabels(random, Examples, 2).Select(v => (float)v).ToArray(), Examples, 1);
        var model = new Sequential([
            new Dense(20, "relu"),
            new Dense(7, "relu"),
            new Dense(5, "relu"),
            new Dense(1, "sigmoid"),
        ], inputShape: [Features]);
        model.Compile(new SGD(0.0075), new DeepNotes.Losses.BinaryCrossentropy());
        Tensor[] xs = [x], ys = [y];
        return () =>
        {
            double loss = 0;
            for (int i = 0; i < StepsPerCall; i++) loss = model.TrainStep(xs, ys);
            return loss;
        };
    }

    public override Func<double> BuildTorch(Random random)
    {
        var x = tensor(RandomArray(random, Examples * Features), [Examples, Features], ScalarType.Float32) * 0.5f + 0.5f;
        var y = tensor(RandomLabels(random, Examples, 2).Select(v => (float)v).ToArray(), [Examples, 1], ScalarType.Float32);
        var model = nn.Sequential(
            ("dense1", nn.Linear(Features, 20)), ("relu1", nn.ReLU()),
            ("dense2", nn.Linear(20, 7)), ("relu2", nn.ReLU()),
            ("dense3", nn.Linear(7, 5)), ("relu3", nn.ReLU()),
            ("dense4", nn.Linear(5, 1)), ("sigmoid", nn.Sigmoid()));
        TorchInit.GlorotZero(model);
        var optimizer = optim.SGD(model.parameters(), 0.0075);
        return () =>
        {
            float last = 0;
            for (int i = 0; i < StepsPerCall; i++)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var loss = nn.functional.binary_cross_entropy(model.forward(x), y);
                loss.backward();
                optimizer.step();
                last = loss.item<float>();
            }
            return last;
        };
    }
}
