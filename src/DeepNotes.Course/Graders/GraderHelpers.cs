using DeepNotes.Course.Grading;

namespace DeepNotes.Course.Graders;

/// <summary>Small helpers the assignment graders share: literal tensors and graded-function declarations.</summary>
internal static class GraderHelpers
{
    /// <summary>A float64 tensor from a shape and row-major values (how the graders store numpy's outputs).</summary>
    public static Tensor V(int[] shape, double[] values) => Tensor.FromArray((double[])values.Clone(), shape);

    public static GradedFunction Fn(string assignment, string name, string signature, Type[] parameters, Action<GraderContext> tests) =>
        new(assignment, name, parameters, signature, tests);

    /// <summary>The flattened expected values of a literal (for Tensor(...) checks).</summary>
    public static double[] Flat(Tensor t) => t.ToArray();
}
