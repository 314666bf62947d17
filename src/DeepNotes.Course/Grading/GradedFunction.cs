namespace DeepNotes.Course.Grading;

/// <summary>
/// The grader of one graded function of one assignment: the signature the course prescribes and the tests to run.
/// </summary>
/// <param name="Assignment">Notebook id such as "C1W2b" (graded names repeat across assignments).</param>
/// <param name="Name">The course's function name in PascalCase ("Propagate").</param>
/// <param name="Parameters">Parameter types in the course's order.</param>
/// <param name="Signature">How the signature reads, for messages ("(Tensor w, double b, Tensor X, Tensor Y)").</param>
/// <param name="Tests">Runs the tests against the learner's function.</param>
public sealed record GradedFunction(string Assignment, string Name, Type[] Parameters, string Signature, Action<GraderContext> Tests)
{
    /// <summary>True when fn's parameter types are the ones this grader calls it with.</summary>
    public bool Accepts(Delegate fn)
    {
        var ps = fn.Method.GetParameters();
        // Closed-over-null static delegates bind the first parameter; use Invoke's parameters instead.
        var invoke = fn.GetType().GetMethod("Invoke");
        if (invoke is not null) ps = invoke.GetParameters();
        if (ps.Length < Parameters.Length) return false;
        for (int i = 0; i < ps.Length; i++)
        {
            if (i < Parameters.Length) { if (ps[i].ParameterType != Parameters[i]) return false; }
            else if (!ps[i].HasDefaultValue) return false;
        }
        return true;
    }
}
