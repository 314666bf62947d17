using DeepNotes.Course.Grading;
using static DeepNotes.Course.Graders.Data.C2W3Data;
using static DeepNotes.Course.Graders.GraderHelpers;

namespace DeepNotes.Course.Graders;

/// <summary>C2W3, introduction to a deep-learning framework (SIGNS). Expected values: tools/reference/c2w3.py.</summary>
internal static class C2W3Graders
{
    private const string A = "C2W3";

    // The framework's tensors are float32 (TensorFlow's default); values are compared at float32 precision.
    private const double R32 = 1e-4, A32 = 1e-5;

    private static Tensor F32(Lit lit) => lit.T.AsType(DType.Float32);

    private static bool IsFloat32(TestScope t, string name, Tensor? x) =>
        x is null || t.True(x.DType == DType.Float32, $"Wrong dtype for {name}: expected Float32 (the framework's default), got {x.DType}");

    private static Dictionary<string, Tensor> SmallParameters(bool requireGrad)
    {
        var p = new Dictionary<string, Tensor>();
        foreach (var (k, lit) in new[] { ("W1", FwdW1), ("b1", Fwdb1), ("W2", FwdW2), ("b2", Fwdb2), ("W3", FwdW3), ("b3", Fwdb3) })
        {
            p[k] = F32(lit);
            if (requireGrad) p[k].RequireGrad();
        }
        return p;
    }

    public static readonly GradedFunction[] Functions =
    [
        Fn(A, "LinearFunction", "() -> Tensor", [], g =>
        {
            g.Test("seed 1: Y = WX + b", t => t.Expect("Y", t.Call(), Linear));
        }),
        Fn(A, "Sigmoid", "(Tensor z) -> Tensor", [typeof(Tensor)], g =>
        {
            g.Test("z = -1, 0, 12 (float64 in)", t =>
            {
                var a = t.Expect("a", t.Call(SigmoidIn.T), SigmoidOut, R32, A32);
                IsFloat32(t, "a", a);
            });
            g.Test("a 0-d tensor", t =>
            {
                var a = t.Tensor("a", t.Call(Tensor.Scalar(0.0, DType.Float32)), [], [0.5]);
                IsFloat32(t, "a", a);
            });
        }),
        Fn(A, "OneHotMatrix", "(Tensor label, int depth = 6) -> Tensor", [typeof(Tensor), typeof(int)], g =>
        {
            g.Test("label = 1, depth = 4", t => t.Tensor("one_hot", t.Call(Tensor.Scalar(1.0), 4), [4], [0, 1, 0, 0]));
            g.Test("labels (1, 6), depth = 4", t => t.Expect("one_hot", t.Call(OneHotLabels.T, 4), OneHot));
            g.Test("labels (6,), depth = 6", t =>
                t.Tensor("one_hot", t.Call(Tensor.FromArray(new[] { 5.0, 0, 1, 2, 3, 4 }, 6), 6), [6, 6],
                    [0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]));
        }),
        Fn(A, "InitializeParameters", "() -> Dictionary<string, Tensor>", [], g =>
        {
            g.Test("shapes, dtype and trainable", t =>
            {
                var p = t.Dict("parameters", t.Call(), "W1", "b1", "W2", "b2", "W3", "b3");
                if (p is null) return;
                foreach (var (k, shape) in new[] { ("W1", new[] { 25, 12288 }), ("b1", [25, 1]), ("W2", [12, 25]), ("b2", [12, 1]), ("W3", [6, 12]), ("b3", [6, 1]) })
                {
                    var x = t.Tensor($"parameters[\"{k}\"]", p[k], shape);
                    IsFloat32(t, k, x);
                    if (x is not null) t.True(x.RequiresGrad, $"parameters[\"{k}\"] should require gradients (call RequireGrad(), like a tf.Variable)");
                }
            });
            g.Test("Glorot normal values, seed 1", t =>
            {
                var p = t.Dict("parameters", t.Call(), "W1", "b1", "W2", "b2", "W3", "b3");
                if (p is null) return;
                var w1 = t.Tensor("parameters[\"W1\"]", p["W1"], [25, 12288]);
                if (w1 is null) return;
                var flat = w1.ToArray();
                t.Tensor("W1[0, :5]", Tensor.FromArray(flat[..5], 5), [5], InitW1Head.Values, R32, A32);
                t.Tensor("W1[-1, -5:]", Tensor.FromArray(flat[^5..], 5), [5], InitW1Tail.Values, R32, A32);
                t.Number("W1.sum()", flat.Sum(), InitW1Sum, 1e-4, 1e-4);
                double mean = flat.Average();
                t.Number("W1.std()", Math.Sqrt(flat.Sum(v => (v - mean) * (v - mean)) / flat.Length), InitW1Std, 1e-4);
                t.Expect("parameters[\"W2\"]", p["W2"], InitW2, R32, A32);
                t.Expect("parameters[\"W3\"]", p["W3"], InitW3, R32, A32);
                foreach (var (k, n) in new[] { ("b1", 25), ("b2", 12), ("b3", 6) })
                    t.Tensor($"parameters[\"{k}\"]", p[k], [n, 1], new double[n]);
            });
        }),
        Fn(A, "ForwardPropagation", "(Tensor X, Dictionary<string, Tensor> parameters) -> Tensor", [typeof(Tensor), Dict], g =>
        {
            g.Test("3 layers, seed 2", t =>
            {
                var z3 = t.Expect("Z3", t.Call(F32(FwdX), SmallParameters(false)), FwdZ3, R32, A32);
                if (z3 is not null) IsFloat32(t, "Z3", z3);
            });
            g.Test("gradients flow to W1", t =>
            {
                var p = SmallParameters(true);
                var z3 = t.As<Tensor>("Z3", t.Call(F32(FwdX), p));
                if (z3 is null) return;
                if (!t.True(z3.RequiresGrad, "Z3 does not track gradients: compute it with tensor ops on the parameters (no NoGrad, no ToArray)")) return;
                Np.Sum(z3).Backward();
                if (t.True(p["W1"].Grad is not null, "sum(Z3).Backward() gave no gradient for W1"))
                    t.Expect("dW1 of sum(Z3)", p["W1"].Grad, FwddW1, R32, A32);
            });
        }),
        Fn(A, "ComputeTotalLoss", "(Tensor logits, Tensor labels) -> Tensor", [typeof(Tensor), typeof(Tensor)], g =>
        {
            g.Test("course logits (6, 2)", t => t.Tensor("total_loss", t.Call(F32(LossLogits), F32(LossLabels)), [], [Loss], R32, A32));
            g.Test("sum over 5 examples, not mean", t =>
            {
                var logits = F32(Loss5Logits).RequireGrad();
                var loss = t.Tensor("total_loss", t.Call(logits, F32(Loss5Labels)), [], [Loss5], R32, A32);
                if (loss is null || !t.True(loss.RequiresGrad, "the loss does not track gradients: compute it with tensor ops")) return;
                loss.Backward();
                t.Expect("d total_loss / d logits", logits.Grad, Loss5Grad, R32, A32);
            });
        }),
    ];
}
