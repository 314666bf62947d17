using DeepNotes.Bench.Harness;
using DeepNotes.Bench.Suites;
using DeepNotes.Kernels;

namespace DeepNotes.Bench.Models;

/// <summary>
/// Training-step times of the course's models on our Sequential API (Compile + TrainStep) against the same
/// architectures on libtorch, interleaved in one run, medians.
/// </summary>
public sealed class ModelsSuite : IBenchSuite
{
    public string Name => "models";
    public string Description => "training steps of the course's SIGNS conv net, jazz LSTM and L-layer MLP, vs libtorch";

    private static readonly ModelCase[] Cases = [new SignsConvNet(), new LstmJazz(), new CatMlp()];

    public void Run(BenchContext context)
    {
        var table = new Table("model", "unit", "ours", "libtorch", "torch ref (issue)", "speed-up vs torch", "ours loss", "torch loss");
        foreach (var c in Cases.Where(c => context.Selected(c.Key) || context.Selected(c.Label)))
        {
            double oursLoss = double.NaN, torchLoss = double.NaN;
            var ours = c.BuildOurs(new Random(3));
            var theirs = context.Torch is null ? null : c.BuildTorch(new Random(3));
            var seconds = context.Measure(
                new Candidate("ours", () => oursLoss = ours()),
                theirs is null ? null : new Candidate("libtorch", () => torchLoss = theirs()));
            table.Add(c.Label, c.Unit, Table.Fixed(seconds[0] * 1e3, "0.00"), Table.Fixed(seconds[1] * 1e3, "0.00"),
                c.TorchReference, Table.Ratio(seconds[1], seconds[0]), Table.Fixed(oursLoss, "0.000"), Table.Fixed(torchLoss, "0.000"));
        }
        table.Print();
        Console.WriteLine($"ours = Sequential + Compile + TrainStep (float32, {GemmThreads.MaxThreads} threads); libtorch = the same layers, loss and optimizer (float32).");
        Console.WriteLine("speed-up = libtorch time / ours (> 1 means ours is faster). Losses are after the last timed step (they diverge as training goes on).");
    }
}
