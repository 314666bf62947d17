using DeepNotes.Models;
using DeepNotes.NN;
using DeepNotes.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepNotes.Bench.Models;

/// <summary>
/// The jazz-improvisation-size LSTM: 30 steps of 90 one-hot inputs, LSTM(64) returning sequences, a Dense(90) head
/// on every step, categorical cross-entropy from logits, Adam(0.001), batch 64.
/// </summary>
public sealed class LstmJazz : ModelCase
{
    private const int Batch = 64, Steps = 30, Inputs = 90, Units = 64;

    public override string Label => "LSTM(64) T=30 n_x=90 + Dense(90), batch 64, fwd+bwd+Adam";
    public override string Key => "lstm";
    public override string TorchReference => "5.7–7.4";

    public override Func<double> BuildOurs(Random random)
    {
        var x = Tensor.FromArray(OneHot(RandomLabels(random, Batch * Steps, Inputs), Inputs), Batch, Steps, Inputs);
        var y = Tensor.FromArray(OneHot(RandomLabels(random, Batch * Steps, Inputs), Inputs), Batch, Steps, Inputs);
        var model = new Sequential([
            new LSTM(Units, returnSequences: true),
            new Dense(Inputs),
        ], inputShape: [Steps, Inputs]);
        model.Compile(new Adam(0.001), new DeepNotes.Losses.CategoricalCrossentropy(fromLogits: true));
        Tensor[] xs = [x], ys = [y];
        return () => model.TrainStep(xs, ys);
    }

    public override Func<double> BuildTorch(Random random)
    {
        var x = tensor(OneHot(RandomLabels(random, Batch * Steps, Inputs), Inputs), [Batch, Steps, Inputs], ScalarType.Float32);
        var y = tensor(RandomLabels(random, Batch * Steps, Inputs), [Batch * Steps], ScalarType.Int64);
        var lstm = nn.LSTM(Inputs, Units, batchFirst: true);
        var head = nn.Linear(Units, Inputs);
        TorchInit.GlorotZero(lstm);
        TorchInit.GlorotZero(head);
        var parameters = lstm.parameters().Concat(head.parameters()).ToList();
        var optimizer = optim.Adam(parameters, 0.001, eps: 1e-7);
        return () =>
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var (sequence, _, _) = lstm.forward(x);
            var logits = head.forward(sequence).reshape(Batch * Steps, Inputs);
            var loss = nn.functional.cross_entropy(logits, y);
            loss.backward();
            optimizer.step();
            return loss.item<float>();
        };
    }
}
