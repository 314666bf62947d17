using DeepNotes.Course.Grading;
using static DeepNotes.Course.Graders.Data.C1W4bData;
using static DeepNotes.Course.Graders.GraderHelpers;

namespace DeepNotes.Course.Graders;

/// <summary>C1W4b, deep network application. Expected values: tools/reference/c1w4b.py (small data, 201 iterations).</summary>
internal static class C1W4bGraders
{
    private const string A = "C1W4b";
    private static readonly Type D = typeof(Data.C1W4bData);

    private static void ExpectRun(TestScope t, object? result, string prefix, string[] keys, Lit costs)
    {
        t.ExpectDict("parameters", t.Item("result", result, 0, 2), Lits(D, prefix, keys));
        var c = t.As<List<double>>("costs", t.Item("result", result, 1, 2));
        if (c is not null) t.Tensor("costs", Tensor.FromArray(c.ToArray()), costs.Shape, costs.Values);
    }

    public static readonly GradedFunction[] Functions =
    [
        Fn(A, "TwoLayerModel", "(Tensor X, Tensor Y, (int nX, int nH, int nY) layersDims, double learningRate = 0.0075, int numIterations = 3000, bool printCost = false) -> (parameters, List<double> costs)",
            [typeof(Tensor), typeof(Tensor), typeof((int, int, int)), typeof(double), typeof(int), typeof(bool)], g =>
        {
            g.Test("(6, 4, 1), 201 iterations, lr 0.05", t => ExpectRun(t, t.Call(X.T, Y.T, (6, 4, 1), 0.05, 201, false), "Two", ["W1", "b1", "W2", "b2"], TwoCosts));
        }),
        Fn(A, "LLayerModel", "(Tensor X, Tensor Y, int[] layersDims, double learningRate = 0.0075, int numIterations = 3000, bool printCost = false) -> (parameters, List<double> costs)",
            [typeof(Tensor), typeof(Tensor), typeof(int[]), typeof(double), typeof(int), typeof(bool)], g =>
        {
            g.Test("[6, 5, 3, 1], 201 iterations, lr 0.05", t => ExpectRun(t, t.Call(X.T, Y.T, new[] { 6, 5, 3, 1 }, 0.05, 201, false), "Deep", ["W1", "b1", "W2", "b2", "W3", "b3"], DeepCosts));
        }),
    ];
}
