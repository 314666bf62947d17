using DeepNotes.Course.Grading;
using static DeepNotes.Course.Graders.Data.C1W2bData;
using static DeepNotes.Course.Graders.GraderHelpers;

namespace DeepNotes.Course.Graders;

/// <summary>C1W2b, logistic regression as a neural network. Expected values: tools/reference/c1w2b.py.</summary>
internal static class C1W2bGraders
{
    private const string A = "C1W2b";
    private static readonly Type Dict = typeof(Dictionary<string, Tensor>);

    public static readonly GradedFunction[] Functions =
    [
        Fn(A, "Sigmoid", "(Tensor z) -> Tensor", [typeof(Tensor)], g =>
        {
            g.Test("z = [0, 2]", t => t.Tensor("s", t.Call(V([2], [0, 2])), [2], [0.5, 0.8807970779778825]));
            g.Test("z = [[-1, 0.5], [3, -40]]", t => t.Tensor("s", t.Call(V([2, 2], [-1, 0.5, 3, -40])), [2, 2],
                [0.2689414213699951, 0.6224593312018546, 0.9525741268224334, 4.248354255291589e-18], atol: 1e-12));
        }),
        Fn(A, "InitializeWithZeros", "(int dim) -> (Tensor w, double b)", [typeof(int)], g =>
        {
            foreach (int dim in new[] { 2, 7 })
                g.Test($"dim = {dim}", t =>
                {
                    var r = t.Call(dim);
                    t.Tensor("w", t.Item("result", r, 0, 2), [dim, 1], new double[dim]);
                    t.Number("b", t.Item("result", r, 1, 2), 0.0);
                });
        }),
        Fn(A, "Propagate", "(Tensor w, double b, Tensor X, Tensor Y) -> (Dictionary<string, Tensor> grads, double cost)",
            [typeof(Tensor), typeof(double), typeof(Tensor), typeof(Tensor)], g =>
        {
            void Case(TestScope t, Lit w, double b, Lit x, Lit y, Lit dw, double db, double cost)
            {
                var r = t.Call(w.T, b, x.T, y.T);
                var grads = t.Dict("grads", t.Item("result", r, 0, 2), "dw", "db");
                if (grads is null) return;
                t.Tensor("dw", grads["dw"], dw.Shape, dw.Values);
                t.Tensor("db", grads["db"], [], [db]);
                t.Number("cost", t.Item("result", r, 1, 2), cost);
            }
            g.Test("course example, b = 2", t => Case(t, W, 2.0, X, Y, Dw, Db, Cost));
            g.Test("course example, b = 1.5", t => Case(t, W, 1.5, X, Y, Dw15, Db15, Cost15));
            g.Test("seed 1, (3, 5)", t => Case(t, W2, -0.2, X2, Y2, Dw2, Db2, Cost2));
        }),
        Fn(A, "Optimize", "(Tensor w, double b, Tensor X, Tensor Y, int numIterations = 100, double learningRate = 0.009, bool printCost = false) -> (params, grads, List<double> costs)",
            [typeof(Tensor), typeof(double), typeof(Tensor), typeof(Tensor), typeof(int), typeof(double), typeof(bool)], g =>
        {
            void Case(TestScope t, Lit w, double b, Lit x, Lit y, int iterations, double lr, Lit ew, double eb, Lit edw, double edb, Lit costs)
            {
                var w0 = w.T;
                var r = t.Call(w0, b, x.T, y.T, iterations, lr, false);
                var ps = t.Dict("params", t.Item("result", r, 0, 3), "w", "b");
                var grads = t.Dict("grads", t.Item("result", r, 1, 3), "dw", "db");
                var c = t.As<List<double>>("costs", t.Item("result", r, 2, 3));
                if (ps is null || grads is null || c is null) return;
                t.Tensor("w", ps["w"], ew.Shape, ew.Values);
                t.Tensor("b", ps["b"], [], [eb]);
                t.Tensor("dw", grads["dw"], edw.Shape, edw.Values);
                t.Tensor("db", grads["db"], [], [edb]);
                t.Tensor("costs", Tensor.FromArray(c.ToArray()), costs.Shape, costs.Values);
                t.Unchanged("w (the input)", w0, w.Values);
            }
            g.Test("course example, 100 iterations", t => Case(t, W, 2.0, X, Y, 100, 0.009, OptW, OptB, OptDw, OptDb, OptCosts));
            g.Test("seed 1, 301 iterations", t => Case(t, W2, -0.2, X2, Y2, 301, 0.05, Opt2W, Opt2B, Opt2Dw, Opt2Db, Opt2Costs));
        }),
        Fn(A, "Predict", "(Tensor w, double b, Tensor X) -> Tensor", [typeof(Tensor), typeof(double), typeof(Tensor)], g =>
        {
            g.Test("course example", t => t.Tensor("Y_prediction", t.Call(PredW.T, -0.3, PredX.T), Pred.Shape, Pred.Values));
            g.Test("seed 1, (3, 5)", t => t.Tensor("Y_prediction", t.Call(W2.T, -0.2, X2.T), Pred2.Shape, Pred2.Values));
        }),
        Fn(A, "Model", "(Tensor XTrain, Tensor YTrain, Tensor XTest, Tensor YTest, int numIterations = 2000, double learningRate = 0.5, bool printCost = false) -> Dictionary<string, object>",
            [typeof(Tensor), typeof(Tensor), typeof(Tensor), typeof(Tensor), typeof(int), typeof(double), typeof(bool)], g =>
        {
            g.Test("seed 2, 250 iterations, lr 0.1", t =>
            {
                var d = t.As<Dictionary<string, object>>("d", t.Call(ModelXtrain.T, ModelYtrain.T, ModelXtest.T, ModelYtest.T, 250, 0.1, false));
                if (d is null) return;
                foreach (var key in new[] { "costs", "Y_prediction_test", "Y_prediction_train", "w", "b", "learning_rate", "num_iterations" })
                    if (!t.True(d.ContainsKey(key), $"Missing key in d: \"{key}\"")) return;
                var costs = t.As<List<double>>("d[\"costs\"]", d["costs"]);
                if (costs is not null) t.Tensor("costs", Tensor.FromArray(costs.ToArray()), ModelCosts.Shape, ModelCosts.Values);
                t.Tensor("Y_prediction_test", d["Y_prediction_test"], ModelPredTest.Shape, ModelPredTest.Values);
                t.Tensor("Y_prediction_train", d["Y_prediction_train"], ModelPredTrain.Shape, ModelPredTrain.Values);
                t.Tensor("w", d["w"], ModelW.Shape, ModelW.Values);
                t.Number("b", d["b"] is Tensor tb ? tb.Item() : d["b"], ModelB);
                t.Number("learning_rate", d["learning_rate"], 0.1);
                t.Number("num_iterations", d["num_iterations"], 250);
            });
        }),
    ];
}
