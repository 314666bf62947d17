using DeepNotes.Course.Grading;
using static DeepNotes.Course.Graders.Data.C1W4aData;
using static DeepNotes.Course.Graders.GraderHelpers;
using LinearCache = (DeepNotes.Tensor A, DeepNotes.Tensor W, DeepNotes.Tensor b);
using LayerCache = ((DeepNotes.Tensor A, DeepNotes.Tensor W, DeepNotes.Tensor b) Linear, DeepNotes.Tensor Z);

namespace DeepNotes.Course.Graders;

/// <summary>C1W4a, building a deep network step by step. Expected values: tools/reference/c1w4a.py.</summary>
internal static class C1W4aGraders
{
    private const string A = "C1W4a";
    private static readonly Type D = typeof(Data.C1W4aData);
    private static readonly string[] Params2 = ["W1", "b1", "W2", "b2"];
    private static readonly string[] Params3 = ["W1", "b1", "W2", "b2", "W3", "b3"];
    private static readonly string[] GradKeys = ["dA2", "dW3", "db3", "dA1", "dW2", "db2", "dA0", "dW1", "db1"];

    /// <summary>The caches L_model_forward builds for the 3-layer example: ((A_prev, W, b), Z) per layer.</summary>
    private static List<LayerCache> Caches()
    {
        var p = Tensors(Lits(D, "Lm", Params3));
        var z1 = LmCacheZ1.T; var z2 = LmCacheZ2.T; var z3 = LmCacheZ3.T;
        return
        [
            ((LmX.T, p["W1"], p["b1"]), z1),
            ((z1.Relu(), p["W2"], p["b2"]), z2),
            ((z2.Relu(), p["W3"], p["b3"]), z3),
        ];
    }

    public static readonly GradedFunction[] Functions =
    [
        Fn(A, "InitializeParameters", "(int n_x, int n_h, int n_y) -> Dictionary<string, Tensor>", [typeof(int), typeof(int), typeof(int)], g =>
        {
            g.Test("n_x=3, n_h=2, n_y=1", t => t.ExpectDict("parameters", t.Call(3, 2, 1), Lits(D, "Init321", Params2)));
            g.Test("n_x=4, n_h=5, n_y=2", t => t.ExpectDict("parameters", t.Call(4, 5, 2), Lits(D, "Init452", Params2)));
        }),
        Fn(A, "InitializeParametersDeep", "(int[] layerDims) -> Dictionary<string, Tensor>", [typeof(int[])], g =>
        {
            g.Test("layer_dims = [5, 4, 3]", t => t.ExpectDict("parameters", t.Call(new[] { 5, 4, 3 }), Lits(D, "Deep543", Params2)));
            g.Test("layer_dims = [4, 3, 3, 1]", t => t.ExpectDict("parameters", t.Call(new[] { 4, 3, 3, 1 }), Lits(D, "Deep4331", Params3)));
        }),
        Fn(A, "LinearForward", "(Tensor A, Tensor W, Tensor b) -> (Tensor Z, (Tensor A, Tensor W, Tensor b) cache)", [typeof(Tensor), typeof(Tensor), typeof(Tensor)], g =>
        {
            g.Test("seed 1", t =>
            {
                Tensor a = LfA.T, w = LfW.T, b = LfB.T;
                var r = t.Call(a, w, b);
                t.Expect("Z", t.Item("result", r, 0, 2), LfZ);
                var cache = t.Item("result", r, 1, 2);
                if (t.As<LinearCache>("cache", cache) is var c && cache is LinearCache)
                    t.True(ReferenceEquals(c.A, a) && ReferenceEquals(c.W, w) && ReferenceEquals(c.b, b), "cache should be (A, W, b), the inputs themselves");
            });
        }),
        Fn(A, "LinearActivationForward", "(Tensor APrev, Tensor W, Tensor b, string activation) -> (Tensor A, ((Tensor A, Tensor W, Tensor b) linearCache, Tensor Z) cache)",
            [typeof(Tensor), typeof(Tensor), typeof(Tensor), typeof(string)], g =>
        {
            foreach (var (act, expected) in new[] { ("sigmoid", LafSigmoid), ("relu", LafRelu) })
                g.Test($"activation = \"{act}\"", t =>
                {
                    var r = t.Call(LafA.T, LafW.T, LafB.T, act);
                    t.Expect("A", t.Item("result", r, 0, 2), expected);
                    var cache = t.Item("result", r, 1, 2);
                    if (cache is LayerCache c) t.Expect("activation cache Z", c.Z, LafZ);
                    else t.As<LayerCache>("cache", cache);
                });
        }),
        Fn(A, "LModelForward", "(Tensor X, Dictionary<string, Tensor> parameters) -> (Tensor AL, List<((Tensor, Tensor, Tensor), Tensor)> caches)", [typeof(Tensor), Dict], g =>
        {
            g.Test("3 layers, seed 6", t =>
            {
                var r = t.Call(LmX.T, Tensors(Lits(D, "Lm", Params3)));
                t.Expect("AL", t.Item("result", r, 0, 2), LmAL);
                var caches = t.As<List<LayerCache>>("caches", t.Item("result", r, 1, 2));
                if (caches is null || !t.True(caches.Count == 3, $"Wrong length for caches: expected 3, got {caches.Count}")) return;
                t.Expect("caches[0] Z", caches[0].Z, LmCacheZ1);
                t.Expect("caches[2] Z", caches[2].Z, LmCacheZ3);
            });
        }),
        Fn(A, "ComputeCost", "(Tensor AL, Tensor Y) -> double", [typeof(Tensor), typeof(Tensor)], g =>
        {
            g.Test("course example", t => t.Number("cost", t.Call(CostAL.T, CostY.T), Cost));
            g.Test("3-layer forward output", t => t.Number("cost", t.Call(LmAL.T, LmY.T), CostLm));
        }),
        Fn(A, "LinearBackward", "(Tensor dZ, (Tensor A, Tensor W, Tensor b) cache) -> (Tensor dAPrev, Tensor dW, Tensor db)", [typeof(Tensor), typeof(LinearCache)], g =>
        {
            g.Test("seed 1", t =>
            {
                var r = t.Call(LbdZ.T, (LbA.T, LbW.T, LbB.T));
                t.Expect("dA_prev", t.Item("result", r, 0, 3), LbDAPrev);
                t.Expect("dW", t.Item("result", r, 1, 3), LbDW);
                t.Expect("db", t.Item("result", r, 2, 3), LbDb);
            });
        }),
        Fn(A, "LinearActivationBackward", "(Tensor dA, ((Tensor A, Tensor W, Tensor b), Tensor Z) cache, string activation) -> (Tensor dAPrev, Tensor dW, Tensor db)",
            [typeof(Tensor), typeof(LayerCache), typeof(string)], g =>
        {
            foreach (var (act, dap, dw, db) in new[] { ("sigmoid", LabSigmoidDAPrev, LabSigmoidDW, LabSigmoidDb), ("relu", LabReluDAPrev, LabReluDW, LabReluDb) })
                g.Test($"activation = \"{act}\"", t =>
                {
                    LayerCache cache = ((LabA.T, LabW.T, LabB.T), LabZ.T);
                    var r = t.Call(LabdA.T, cache, act);
                    t.Expect("dA_prev", t.Item("result", r, 0, 3), dap);
                    t.Expect("dW", t.Item("result", r, 1, 3), dw);
                    t.Expect("db", t.Item("result", r, 2, 3), db);
                });
        }),
        Fn(A, "LModelBackward", "(Tensor AL, Tensor Y, List<((Tensor, Tensor, Tensor), Tensor)> caches) -> Dictionary<string, Tensor>",
            [typeof(Tensor), typeof(Tensor), typeof(List<LayerCache>)], g =>
        {
            g.Test("3 layers, seed 6", t => t.ExpectDict("grads", t.Call(LmAL.T, LmY.T, Caches()), Lits(D, "LmGrad", GradKeys)));
        }),
        Fn(A, "UpdateParameters", "(Dictionary<string, Tensor> parameters, Dictionary<string, Tensor> grads, double learningRate) -> Dictionary<string, Tensor>",
            [Dict, Dict, typeof(double)], g =>
        {
            g.Test("3 layers, learning rate 0.1", t =>
            {
                var p = Tensors(Lits(D, "Lm", Params3));
                t.ExpectDict("parameters", t.Call(p, Tensors(Lits(D, "LmGrad", GradKeys)), 0.1), Lits(D, "Upd", Params3));
            });
        }),
    ];
}
