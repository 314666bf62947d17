using DeepNotes.Course.Grading;
using static DeepNotes.Course.Graders.Data.C2W1cData;
using static DeepNotes.Course.Graders.GraderHelpers;

namespace DeepNotes.Course.Graders;

/// <summary>C2W1c, gradient checking. Expected values: tools/reference/c2w1c.py.</summary>
internal static class C2W1cGraders
{
    private const string A = "C2W1c";
    private static readonly Type D = typeof(Data.C2W1cData);
    private static readonly string[] GKeys = ["dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1"];
    private static Dictionary<string, Tensor> P() => Tensors(Lits(D, "P", "W1", "b1", "W2", "b2", "W3", "b3"));

    public static readonly GradedFunction[] Functions =
    [
        Fn(A, "ForwardPropagation", "(double x, double theta) -> double", [typeof(double), typeof(double)], g =>
        {
            g.Test("x = 2, theta = 4", t => t.Number("J", t.Call(2.0, 4.0), 8));
            g.Test("x = -1.5, theta = 3.2", t => t.Number("J", t.Call(-1.5, 3.2), -4.8));
        }),
        Fn(A, "BackwardPropagation", "(double x, double theta) -> double", [typeof(double), typeof(double)], g =>
        {
            g.Test("x = 2, theta = 4", t => t.Number("dtheta", t.Call(2.0, 4.0), 2));
            g.Test("x = -1.5, theta = 3.2", t => t.Number("dtheta", t.Call(-1.5, 3.2), -1.5));
        }),
        Fn(A, "GradientCheck", "(double x, double theta, double epsilon = 1e-7, bool printMsg = false) -> double",
            [typeof(double), typeof(double), typeof(double), typeof(bool)], g =>
        {
            foreach (var (x, theta) in new[] { (3.0, 4.0), (-2.0, 0.5) })
                g.Test($"x = {x}, theta = {theta}", t =>
                {
                    var r = t.Call(x, theta, 1e-7, false);
                    if (t.As<double>("difference", r) is double d)
                        t.True(d >= 0 && d < 1e-7, $"Wrong value for difference: expected a value below 1e-7 for a correct gradient, got {d:G6}");
                });
        }),
        Fn(A, "GradientCheckN", "(Dictionary<string, Tensor> parameters, Dictionary<string, Tensor> gradients, Tensor X, Tensor Y, double epsilon = 1e-7, bool printMsg = false) -> double",
            [Dict, Dict, typeof(Tensor), typeof(Tensor), typeof(double), typeof(bool)], g =>
        {
            g.Test("gradients with the planted bugs", t => t.Number("difference", t.Call(P(), Tensors(Lits(D, "Bug", GKeys)), X.T, Y.T, 1e-7, false), DiffBug, rtol: 1e-4));
            g.Test("correct gradients", t =>
            {
                if (t.As<double>("difference", t.Call(P(), Tensors(Lits(D, "Good", GKeys)), X.T, Y.T, 1e-7, false)) is double d)
                    t.True(d < 2e-7, $"Wrong value for difference: expected below 2e-7 for correct gradients, got {d:G6}");
            });
        }),
    ];
}
