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
        var table = new Table("op", "elements", "ours ms", "libtorch ms", "ours GB/s", "speed-up vs torch", "ours, left to GC ms");
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
            // (name, bytes moved per call, the op): both sides dispose each result, as a loop with `using` does.
            var ops = new (string, double, Func<Tensor>, Func<torch.Tensor>)[]
            {
                ("exp", 8.0 * n, () => ox.Exp(), () => tx.exp()),
                ("sigmoid", 8.0 * n, () => ox.Sigmoid(), () => tx.sigmoid()),
                ("add", 12.0 * n, () => ox + oy, () => tx + ty),
                ("sum", 4.0 * n, () => ox.Sum(), () => tx.sum()),
            };
            foreach (var (op, bytes, ours, theirs) in ops.Where(o => context.Selected(o.Item1)))
            {
                var seconds = context.Measure(
                    new Candidate("ours", () => { using var r = ours(); }),
                    torchOk ? new Candidate("libtorch", () => { using var r = theirs(); }) : null);
                var garbage = context.Measure(new Candidate("ours, left to GC", () => ours()), null);
                table.Add(op, n >= 1 << 20 ? $"{n >> 20}M" : n.ToString(), Table.Fixed(seconds[0] * 1e3, "0.000"),
                    Table.Fixed(seconds[1] * 1e3, "0.000"), Table.Fixed(bytes / seconds[0] / 1e9, "0.0"),
                    Table.Ratio(seconds[1], seconds[0]), Table.Fixed(garbage[0] * 1e3, "0.000"));
            }
        }
        table.Print();
        Console.WriteLine("ours = Tensor.Exp()/Sigmoid()/operator +/Sum(); each call allocates its result and, like the libtorch side, disposes it");
        Console.WriteLine("(`using var r = ...`), so the next result reuses the memory. speed-up = libtorch time / ours.");
        Console.WriteLine("'left to GC' is the same call with the result dropped undisposed: fresh large arrays cost page faults and collections.");
    }

    private static float[] RandomArray(Random random, int length)
    {
        var data = new float[length];
        for (int i = 0; i < length; i++) data[i] = (float)(random.NextDouble() * 2 - 1);
        return data;
    }
}
