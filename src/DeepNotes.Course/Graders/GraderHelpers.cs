using System.Reflection;
using DeepNotes.Course.Grading;

namespace DeepNotes.Course.Graders;

/// <summary>Small helpers the assignment graders share: literal tensors, declarations and dictionary checks.</summary>
internal static class GraderHelpers
{
    public static readonly Type Dict = typeof(Dictionary<string, Tensor>);

    /// <summary>A float64 tensor from a shape and row-major values.</summary>
    public static Tensor V(int[] shape, double[] values) => Tensor.FromArray((double[])values.Clone(), shape);

    public static GradedFunction Fn(string assignment, string name, string signature, Type[] parameters, Action<GraderContext> tests) =>
        new(assignment, name, parameters, signature, tests);

    /// <summary>The literals <c>{prefix}{key}</c> of a generated data class, keyed by <c>key</c>.</summary>
    public static Dictionary<string, Lit> Lits(Type data, string prefix, params string[] keys) =>
        keys.ToDictionary(k => k, k => (Lit)(data.GetField(prefix + k, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
            ?? throw new InvalidOperationException($"{data.Name} has no literal {prefix}{k}")));

    /// <summary>Fresh tensors for a literal dictionary (the course's parameters/grads dicts).</summary>
    public static Dictionary<string, Tensor> Tensors(Dictionary<string, Lit> lits) => lits.ToDictionary(kv => kv.Key, kv => kv.Value.T);

    /// <summary>Checks a dictionary result: exact keys, then each entry's shape and values.</summary>
    public static Dictionary<string, Tensor>? ExpectDict(this TestScope t, string name, object? actual, Dictionary<string, Lit> expected, double rtol = 1e-5, double atol = 1e-7)
    {
        var d = t.Dict(name, actual, [.. expected.Keys]);
        if (d is null) return null;
        foreach (var (key, lit) in expected)
            t.Tensor($"{name}[\"{key}\"]", d[key], lit.Shape, lit.Values, rtol, atol);
        return d;
    }

    /// <summary>Checks a tensor result against a literal.</summary>
    public static Tensor? Expect(this TestScope t, string name, object? actual, Lit expected, double rtol = 1e-5, double atol = 1e-7) =>
        t.Tensor(name, actual, expected.Shape, expected.Values, rtol, atol);
}
