using DeepNotes.Bench.Anchors;
using DeepNotes.Bench.Harness;
using TorchSharp;

namespace DeepNotes.Bench.Suites;

/// <summary>float32 elementwise ops and a full reduction through the Tensor API, vs libtorch.</summary>
public sealed class ElementwiseSuite : IBenchSuite
{
    public string Name => "elementwise";
    public string Description => "float32 exp, sigmoid, add and sum on 1M and 16M elements (Tensor API), vs libtorch";

    public void Run(BenchContext context)
    {
        var table = new Table("op", "elements", "ours ms", "libtorch ms", "ours GB/s", "speed-up vs torch");
        var random = new Random(7);
        foreach (int n in new[] { 1 << 20, 1 << 24 })
        {
            var x = RandomArray(random, n);
            var y = RandomArray(random, n);
            var ox = Tensor.FromArray(x);
            var oy = Tensor.FromArray(y);
            using var tx = TorchAnchor.FromArray(x, n);
            using var ty = TorchAnchor.FromArray(y, n);
            bool torchOk = context.Torch != null;
            // (name, bytes moved per call, ours, torch)
            var ops = new (string, double, Action, Action)[]
            {
                ("exp", 8.0 * n, () => ox.Exp(), () => { using var r = tx.exp(); }),
                ("sigmoid", 8.0 * n, () => ox.Sigmoid(), () => { using var r = tx.sigmoid(); }),
                ("add", 12.0 * n, () => _ = ox + oy, () => { using var r = tx + ty; }),
                ("sum", 4.0 * n, () => ox.Sum(), () => { using var r = tx.sum(); }),
            };
            foreach (var (op, bytes, ours, theirs) in ops.Where(o => context.Selected(o.Item1)))
            {
                var seconds = context.Measure(new Candidate("ours", ours), torchOk ? new Candidate("libtorch", theirs) : null);
                table.Add(op, n >= 1 << 20 ? $"{n >> 20}M" : n.ToString(), Table.Fixed(seconds[0] * 1e3, "0.000"),
                    Table.Fixed(seconds[1] * 1e3, "0.000"), Table.Fixed(bytes / seconds[0] / 1e9, "0.0"),
                    Table.Ratio(seconds[1], seconds[0]));
            }
        }
        table.Print();
        Console.WriteLine("ours = Tensor.Exp()/Sigmoid()/operator +/Sum() (each allocates its result, like torch). speed-up = libtorch time / ours.");
    }

    private static float[] RandomArray(Random random, int length)
    {
        var data = new float[length];
        for (int i = 0; i < length; i++) data[i] = (float)(random.NextDouble() * 2 - 1);
        return data;
    }
}
