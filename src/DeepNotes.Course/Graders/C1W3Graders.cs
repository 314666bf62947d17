using DeepNotes.Course.Grading;
using static DeepNotes.Course.Graders.Data.C1W3Data;
using static DeepNotes.Course.Graders.GraderHelpers;

namespace DeepNotes.Course.Graders;

/// <summary>C1W3, planar data classification with one hidden layer. Expected values: tools/reference/c1w3.py.</summary>
internal static class C1W3Graders
{
    private const string A = "C1W3";
    private static readonly Type D = typeof(Data.C1W3Data);
    private static readonly string[] ParamKeys = ["W1", "b1", "W2", "b2"];
    private static Dictionary<string, Tensor> Params() => Tensors(Lits(D, "P", ParamKeys));
    private static Dictionary<string, Tensor> Cache() => Tensors(Lits(D, "Fwd", "Z1", "A1", "Z2", "A2"));
    private static Dictionary<string, Tensor> Grads() => Tensors(Lits(D, "Grad", "dW1", "db1", "dW2", "db2"));

    public static readonly GradedFunction[] Functions =
    [
        Fn(A, "LayerSizes", "(Tensor X, Tensor Y) -> (int n_x, int n_h, int n_y)", [typeof(Tensor), typeof(Tensor)], g =>
        {
            g.Test("X (5, 3), Y (2, 3)", t => t.Equal("sizes", t.Call(Tensor.Zeros(5, 3), Tensor.Zeros(2, 3)), (5, 4, 2)));
            g.Test("X (2, 400), Y (1, 400)", t => t.Equal("sizes", t.Call(Tensor.Zeros(2, 400), Tensor.Zeros(1, 400)), (2, 4, 1)));
        }),
        Fn(A, "InitializeParameters", "(int n_x, int n_h, int n_y) -> Dictionary<string, Tensor>", [typeof(int), typeof(int), typeof(int)], g =>
        {
            g.Test("n_x=2, n_h=4, n_y=1", t => t.ExpectDict("parameters", t.Call(2, 4, 1), Lits(D, "Init241", ParamKeys)));
            g.Test("n_x=3, n_h=5, n_y=2", t => t.ExpectDict("parameters", t.Call(3, 5, 2), Lits(D, "Init352", ParamKeys)));
        }),
        Fn(A, "ForwardPropagation", "(Tensor X, Dictionary<string, Tensor> parameters) -> (Tensor A2, Dictionary<string, Tensor> cache)", [typeof(Tensor), Dict], g =>
        {
            g.Test("seed 1, X (2, 3)", t =>
            {
                var r = t.Call(X.T, Params());
                t.Expect("A2", t.Item("result", r, 0, 2), FwdA2);
                t.ExpectDict("cache", t.Item("result", r, 1, 2), Lits(D, "Fwd", "Z1", "A1", "Z2", "A2"));
            });
        }),
        Fn(A, "ComputeCost", "(Tensor A2, Tensor Y) -> double", [typeof(Tensor), typeof(Tensor)], g =>
        {
            g.Test("forward example", t => t.Number("cost", t.Call(FwdA2.T, Y.T), Cost));
            g.Test("seed 4, (1, 5)", t => t.Number("cost", t.Call(CostA2.T, CostY.T), Cost2));
        }),
        Fn(A, "BackwardPropagation", "(Dictionary<string, Tensor> parameters, Dictionary<string, Tensor> cache, Tensor X, Tensor Y) -> Dictionary<string, Tensor>",
            [Dict, Dict, typeof(Tensor), typeof(Tensor)], g =>
        {
            g.Test("seed 1, X (2, 3)", t => t.ExpectDict("grads", t.Call(Params(), Cache(), X.T, Y.T), Lits(D, "Grad", "dW1", "db1", "dW2", "db2")));
        }),
        Fn(A, "UpdateParameters", "(Dictionary<string, Tensor> parameters, Dictionary<string, Tensor> grads, double learningRate = 1.2) -> Dictionary<string, Tensor>",
            [Dict, Dict, typeof(double)], g =>
        {
            g.Test("learning rate 1.2", t => t.ExpectDict("parameters", t.Call(Params(), Grads(), 1.2), Lits(D, "Upd", ParamKeys)));
            g.Test("learning rate 0.5", t => t.ExpectDict("parameters", t.Call(Params(), Grads(), 0.5), Lits(D, "Upd05", ParamKeys)));
        }),
        Fn(A, "NnModel", "(Tensor X, Tensor Y, int n_h, int numIterations = 10000, bool printCost = false) -> Dictionary<string, Tensor>",
            [typeof(Tensor), typeof(Tensor), typeof(int), typeof(int), typeof(bool)], g =>
        {
            g.Test("seed 5, n_h = 4, 200 iterations", t => t.ExpectDict("parameters", t.Call(ModelX.T, ModelY.T, 4, 200, false), Lits(D, "Model", ParamKeys)));
            g.Test("seed 5, n_h = 3, 50 iterations", t => t.ExpectDict("parameters", t.Call(ModelX.T, ModelY.T, 3, 50, false), Lits(D, "Model3", ParamKeys)));
        }),
        Fn(A, "Predict", "(Dictionary<string, Tensor> parameters, Tensor X) -> Tensor", [Dict, typeof(Tensor)], g =>
        {
            g.Test("trained on seed 5", t => t.Expect("predictions", t.Call(Tensors(Lits(D, "Model", ParamKeys)), ModelX.T), Pred));
            g.Test("seed 1, X (2, 3)", t => t.Expect("predictions", t.Call(Params(), X.T), PredRaw));
        }),
    ];
}
