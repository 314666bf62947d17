using DeepNotes.Models;
using DeepNotes.NN;
using DeepNotes.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepNotes.Bench.Models;

/// <summary>
/// The course's SIGNS conv net (64×64×3 → conv 4×4×8 same, relu, maxpool 8/8, conv 2×2×16 same, relu, maxpool 4/4,
/// flatten, dense 6), categorical cross-entropy from logits, Adam(0.001), batch of 64.
/// Ours is NHWC like Keras; libtorch is NCHW (its native layout).
/// </summary>
public sealed class SignsConvNet : ModelCase
{
    private const int Batch = 64, Classes = 6;

    public override string Label => "SIGNS conv net, batch 64, fwd+bwd+Adam";
    public override string Key => "signs";
    public override string TorchReference => "12.4–13.3";

    public override Func<double> BuildOurs(Random random)
    {
        var x = Tensor.FromArray(RandomArray(random, Batch * 64 * 64 * 3), Batch, 64, 64, 3);
        var y = Tensor.FromArray(OneHot(RandomLabels(random, Batch, Classes), Classes), Batch, Classes);
        var model = new Sequential([
            new Conv2D(8, 4, padding: "same", activation: "relu"),
            new MaxPool2D(8, 8, "same"),
            new Conv2D(16, 2, padding: "same", activation: "relu"),
            new MaxPool2D(4, 4, "same"),
            new Flatten(),
            new Dense(Classes),
        ], inputShape: [64, 64, 3]);
        model.Compile(new Adam(0.001), new DeepNotes.Losses.CategoricalCrossentropy(fromLogits: true));
        Tensor[] xs = [x], ys = [y];
        return () => model.TrainStep(xs, ys);
    }

    public override Func<double> BuildTorch(Random random)
    {
        var x = tensor(RandomArray(random, Batch * 3 * 64 * 64), [Batch, 3, 64, 64], ScalarType.Float32);
        var y = tensor(RandomLabels(random, Batch, Classes), [Batch], ScalarType.Int64);
        var model = nn.Sequential(
            ("conv1", nn.Conv2d(3, 8, 4, padding: Padding.Same)),
            ("relu1", nn.ReLU()),
            ("pool1", nn.MaxPool2d(8, 8)),
            ("conv2", nn.Conv2d(8, 16, 2, padding: Padding.Same)),
            ("relu2", nn.ReLU()),
            ("pool2", nn.MaxPool2d(4, 4)),
            ("flatten", nn.Flatten()),
            ("dense", nn.Linear(64, Classes)));
        TorchInit.GlorotZero(model);
        var optimizer = optim.Adam(model.parameters(), 0.001, eps: 1e-7);
        return () =>
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(model.forward(x), y);
            loss.backward();
            optimizer.step();
            return loss.item<float>();
        };
    }
}
