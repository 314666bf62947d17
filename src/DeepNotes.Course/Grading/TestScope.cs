using System.Globalization;
using System.Runtime.CompilerServices;

namespace DeepNotes.Course.Grading;

/// <summary>
/// Assertions for one grader test. The first failed assertion becomes the test's message; later ones are still
/// evaluated (they return null/false) so a grader can be written as straight-line code.
/// </summary>
public sealed class TestScope
{
    private readonly GraderContext context;

    internal TestScope(GraderContext context) => this.context = context;

    /// <summary>The first failure message, or null while everything passed.</summary>
    public string? Failure { get; private set; }

    public void Fail(string message) => Failure ??= message;

    /// <summary>Calls the learner's function (a stub's NotImplementedException stops grading with "not implemented yet").</summary>
    public object? Call(params object?[] args) => context.Invoke(args);

    /// <summary>Checks a condition, failing with the message when it does not hold.</summary>
    public bool True(bool condition, string message)
    {
        if (!condition) Fail(message);
        return condition;
    }

    /// <summary>Checks that value has type T ("Wrong type for w: expected Tensor, got double").</summary>
    public T? As<T>(string name, object? value)
    {
        if (value is T t) return t;
        Fail($"Wrong type for {name}: expected {GraderContext.TypeName(typeof(T))}, got {GraderContext.TypeName(value)}");
        return default;
    }

    /// <summary>Element index of a tuple result, with a clear message when the result is not such a tuple.</summary>
    public object? Item(string name, object? tuple, int index, int length)
    {
        if (tuple is not ITuple t)
        {
            Fail($"Wrong type for {name}: expected a tuple of {length}, got {GraderContext.TypeName(tuple)}");
            return null;
        }
        if (t.Length != length)
        {
            Fail($"Wrong length for {name}: expected a tuple of {length}, got {t.Length}");
            return null;
        }
        return t[index];
    }

    /// <summary>Checks a tensor's type, shape and (optionally) values with numpy's allclose rule |a - e| ≤ atol + rtol·|e|.</summary>
    public Tensor? Tensor(string name, object? actual, int[] shape, double[]? values = null, double rtol = 1e-5, double atol = 1e-7)
    {
        var t = As<Tensor>(name, actual);
        if (t is null) return null;
        if (!t.Shape.ToArray().AsSpan().SequenceEqual(shape))
        {
            Fail($"Wrong shape for {name}: expected {Shape.Format(shape)}, got {t.Shape}");
            return null;
        }
        if (values is null) return t;
        if (values.Length != t.Size) throw new InvalidOperationException($"grader for {context.Function}: {values.Length} expected values for shape {Shape.Format(shape)}");
        var a = t.ToArray();
        for (int i = 0; i < a.Length; i++)
        {
            if (Close(a[i], values[i], rtol, atol)) continue;
            Fail($"Wrong values for {name}: at index {IndexOf(i, shape)} expected {Format(values[i])}, got {Format(a[i])}");
            return null;
        }
        return t;
    }

    /// <summary>Checks a number (double, float or int) against an expected value with allclose tolerances.</summary>
    public bool Number(string name, object? actual, double expected, double rtol = 1e-5, double atol = 1e-7)
    {
        double? v = actual switch
        {
            double d => d,
            float f => f,
            int i => i,
            long l => l,
            _ => null,
        };
        if (v is null)
        {
            Fail($"Wrong type for {name}: expected a number (double), got {GraderContext.TypeName(actual)}");
            return false;
        }
        if (Close(v.Value, expected, rtol, atol)) return true;
        Fail($"Wrong value for {name}: expected {Format(expected)}, got {Format(v.Value)}");
        return false;
    }

    /// <summary>Checks equality of a non-numeric value (an int, a string, a tuple of ints).</summary>
    public bool Equal<T>(string name, object? actual, T expected)
    {
        if (actual is T t && EqualityComparer<T>.Default.Equals(t, expected)) return true;
        Fail(actual is T a
            ? $"Wrong value for {name}: expected {expected}, got {a}"
            : $"Wrong type for {name}: expected {GraderContext.TypeName(typeof(T))}, got {GraderContext.TypeName(actual)}");
        return false;
    }

    /// <summary>Checks that a dictionary of tensors has exactly the given keys (the course's "W1", "b1", …).</summary>
    public Dictionary<string, Tensor>? Dict(string name, object? actual, params string[] keys)
    {
        var d = As<Dictionary<string, Tensor>>(name, actual);
        if (d is null) return null;
        var missing = keys.Where(k => !d.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            Fail($"Missing key{(missing.Count > 1 ? "s" : "")} in {name}: {string.Join(", ", missing.Select(k => $"\"{k}\""))} (has {string.Join(", ", d.Keys.Select(k => $"\"{k}\""))})");
            return null;
        }
        var extra = d.Keys.Where(k => !keys.Contains(k)).ToList();
        if (extra.Count > 0)
        {
            Fail($"Unexpected key{(extra.Count > 1 ? "s" : "")} in {name}: {string.Join(", ", extra.Select(k => $"\"{k}\""))}");
            return null;
        }
        return d;
    }

    /// <summary>Checks that a tensor input was not modified (a common bug: updating in place).</summary>
    public bool Unchanged(string name, Tensor input, double[] original)
    {
        var now = input.ToArray();
        for (int i = 0; i < now.Length; i++)
            if (now[i] != original[i]) { Fail($"{name} was modified in place; work on a copy"); return false; }
        return true;
    }

    internal static bool Close(double actual, double expected, double rtol, double atol) =>
        (double.IsNaN(actual) && double.IsNaN(expected)) || actual == expected || Math.Abs(actual - expected) <= atol + rtol * Math.Abs(expected);

    private static string Format(double v) => v.ToString("G8", CultureInfo.InvariantCulture);

    private static string IndexOf(int flat, int[] shape)
    {
        var idx = new int[shape.Length];
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            idx[i] = flat % shape[i];
            flat /= shape[i];
        }
        return Shape.Format(idx);
    }
}
