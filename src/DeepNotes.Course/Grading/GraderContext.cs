using System.Reflection;
using System.Runtime.CompilerServices;

namespace DeepNotes.Course.Grading;

/// <summary>
/// What a grader uses to run the learner's function: calls it (turning a stub's NotImplementedException into
/// "not implemented yet"), and records one <see cref="GradeCheck"/> per named test.
/// </summary>
public sealed class GraderContext
{
    private readonly Delegate fn;
    private readonly List<GradeCheck> checks = [];

    internal GraderContext(string function, Delegate fn)
    {
        Function = function;
        this.fn = fn;
    }

    public string Function { get; }
    internal IReadOnlyList<GradeCheck> Checks => checks;

    /// <summary>Runs one named test; the test passes when no assertion in it failed and nothing threw.</summary>
    public void Test(string name, Action<TestScope> body)
    {
        var scope = new TestScope(this);
        try
        {
            body(scope);
        }
        catch (GradeStopped)
        {
            throw;
        }
        catch (Exception ex) when (scope.Failure is null)
        {
            scope.Fail($"raised {ex.GetType().Name}: {ex.Message}");
        }
        checks.Add(new GradeCheck(Function, name, scope.Failure is null, scope.Failure ?? "ok"));
    }

    /// <summary>Calls the learner's function with the given arguments (missing trailing ones take their defaults).</summary>
    internal object? Invoke(object?[] args)
    {
        var invoke = fn.GetType().GetMethod("Invoke")!;
        int count = invoke.GetParameters().Length;
        var full = new object?[count];
        for (int i = 0; i < count; i++) full[i] = i < args.Length ? args[i] : Type.Missing;
        try
        {
            return fn.DynamicInvoke(full);
        }
        catch (TargetInvocationException tie) when (tie.InnerException is not null)
        {
            if (tie.InnerException is NotImplementedException) throw new GradeStopped(GradeCheck.NotImplementedMessage);
            ExceptionDispatchInfoThrow(tie.InnerException);
            throw;
        }
    }

    private static void ExceptionDispatchInfoThrow(Exception ex) =>
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex).Throw();

    internal static string TypeName(object? value) => value switch
    {
        null => "null",
        Tensor t => $"Tensor of shape {t.Shape}",
        ITuple tuple => $"a tuple of {tuple.Length}",
        _ => TypeName(value.GetType()),
    };

    internal static string TypeName(Type t)
    {
        if (t == typeof(double)) return "double";
        if (t == typeof(float)) return "float";
        if (t == typeof(int)) return "int";
        if (t == typeof(bool)) return "bool";
        if (t == typeof(string)) return "string";
        if (!t.IsGenericType) return t.Name;
        string name = t.Name[..t.Name.IndexOf('`')];
        if (name.StartsWith("ValueTuple")) name = "";
        var args = string.Join(", ", t.GetGenericArguments().Select(TypeName));
        return name.Length == 0 ? $"({args})" : $"{name}<{args}>";
    }
}
