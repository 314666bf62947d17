using DeepNotes.Course.Grading;
using static DeepNotes.Course.Graders.Data.C2W1bData;
using static DeepNotes.Course.Graders.GraderHelpers;

namespace DeepNotes.Course.Graders;

/// <summary>
/// C2W1b, regularization. Expected values: tools/reference/c2w1b.py. The course's caches are long tuples; ours are
/// dictionaries keyed by the same names ("Z1", "D1", "A1", "W1", …).
/// </summary>
internal static class C2W1bGraders
{
    private const string A = "C2W1b";
    private static readonly Type D = typeof(Data.C2W1bData);
    private static readonly string[] PKeys = ["W1", "b1", "W2", "b2", "W3", "b3"];
    private static readonly string[] GradKeys = ["dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1"];
    private static Dictionary<string, Tensor> P() => Tensors(Lits(D, "P", PKeys));

    private static Dictionary<string, Tensor> Cache(string prefix, params string[] keys)
    {
        var cache = Tensors(Lits(D, prefix, keys));
        foreach (var (k, v) in P()) cache[k] = v;
        return cache;
    }

    public static readonly GradedFunction[] Functions =
    [
        Fn(A, "ComputeCostWithRegularization", "(Tensor A3, Tensor Y, Dictionary<string, Tensor> parameters, double lambd) -> double",
            [typeof(Tensor), typeof(Tensor), Dict, typeof(double)], g =>
        {
            g.Test("lambd = 0.1", t => t.Number("cost", t.Call(CA3.T, Y.T, P(), 0.1), CostReg));
            g.Test("lambd = 0.7", t => t.Number("cost", t.Call(CA3.T, Y.T, P(), 0.7), CostReg07));
        }),
        Fn(A, "BackwardPropagationWithRegularization", "(Tensor X, Tensor Y, Dictionary<string, Tensor> cache, double lambd) -> Dictionary<string, Tensor>",
            [typeof(Tensor), typeof(Tensor), Dict, typeof(double)], g =>
        {
            g.Test("lambd = 0.7", t => t.ExpectDict("gradients", t.Call(X.T, Y.T, Cache("C", "Z1", "A1", "Z2", "A2", "Z3", "A3"), 0.7), Lits(D, "Reg", GradKeys)));
        }),
        Fn(A, "ForwardPropagationWithDropout", "(Tensor X, Dictionary<string, Tensor> parameters, double keepProb = 0.5) -> (Tensor A3, Dictionary<string, Tensor> cache)",
            [typeof(Tensor), Dict, typeof(double)], g =>
        {
            g.Test("keep_prob = 0.7", t =>
            {
                var r = t.Call(X.T, P(), 0.7);
                t.Expect("A3", t.Item("result", r, 0, 2), DropOutA3);
                var cache = t.As<Dictionary<string, Tensor>>("cache", t.Item("result", r, 1, 2));
                if (cache is null) return;
                foreach (var (k, lit) in Lits(D, "Drop", "D1", "A1", "D2", "A2"))
                    if (t.True(cache.ContainsKey(k), $"Missing key in cache: \"{k}\"")) t.Expect($"cache[\"{k}\"]", cache[k], lit);
            });
            g.Test("keep_prob = 0.5", t => t.Expect("A3", t.Item("result", t.Call(X.T, P(), 0.5), 0, 2), Drop05A3));
        }),
        Fn(A, "BackwardPropagationWithDropout", "(Tensor X, Tensor Y, Dictionary<string, Tensor> cache, double keepProb) -> Dictionary<string, Tensor>",
            [typeof(Tensor), typeof(Tensor), Dict, typeof(double)], g =>
        {
            g.Test("keep_prob = 0.8", t => t.ExpectDict("gradients",
                t.Call(X.T, Y.T, Cache("Drop", "Z1", "D1", "A1", "Z2", "D2", "A2", "Z3", "A3"), 0.8), Lits(D, "DropGrad", GradKeys)));
        }),
    ];
}
