using DeepNotes.Course.Graders;

namespace DeepNotes.Course.Grading;

/// <summary>
/// Entry point of the check cells: <c>Grade.Check("Propagate", Propagate)</c> runs the course's tests for that
/// graded function and returns its report; results accumulate into <see cref="Current"/> for the assignment.
/// </summary>
public static class Grade
{
    private static readonly object gate = new();

    /// <summary>The assignment whose graders are preferred when names repeat ("C1W3" and "C1W4a" both have UpdateParameters).</summary>
    public static string? Assignment { get; private set; }

    /// <summary>All checks run since the last <see cref="Begin"/>, one block per graded function.</summary>
    public static GradeReport Current { get; private set; } = new("checks");

    /// <summary>Starts grading an assignment (the notebook's first cell calls it); clears earlier results.</summary>
    public static GradeReport Begin(string assignment)
    {
        if (!GraderCatalog.Assignments.Contains(assignment))
            throw new ArgumentException($"Grade.Begin: unknown assignment \"{assignment}\"; known: {string.Join(", ", GraderCatalog.Assignments)}");
        lock (gate)
        {
            Assignment = assignment;
            Current = new GradeReport(assignment);
            return Current;
        }
    }

    /// <summary>The graded function names of an assignment, in notebook order.</summary>
    public static IReadOnlyList<string> Functions(string assignment) =>
        GraderCatalog.All.Where(g => g.Assignment == assignment).Select(g => g.Name).ToList();

    /// <summary>Runs the registered checks for a graded function and records them in <see cref="Current"/>.</summary>
    public static GradeReport Check(string function, Delegate fn)
    {
        ArgumentNullException.ThrowIfNull(fn);
        var report = new GradeReport(function);
        var grader = Find(function, fn, out string? problem);
        if (grader is null)
        {
            report.Add(new GradeCheck(function, "signature", false, problem!));
        }
        else
        {
            var context = new GraderContext(function, fn);
            try
            {
                grader.Tests(context);
                report.AddRange(context.Checks);
            }
            catch (GradeStopped stop)
            {
                report.AddRange(context.Checks);
                report.Add(new GradeCheck(function, "all tests", false, stop.Message));
            }
        }
        lock (gate)
        {
            Current.RemoveFunction(function);
            Current.AddRange(report.Checks);
        }
        return report;
    }

    private static GradedFunction? Find(string function, Delegate fn, out string? problem)
    {
        problem = null;
        var named = GraderCatalog.All.Where(g => g.Name == function).ToList();
        if (named.Count == 0)
        {
            problem = $"no grader for \"{function}\"; graded functions{(Assignment is null ? "" : $" of {Assignment}")}: " +
                      string.Join(", ", GraderCatalog.All.Where(g => Assignment is null || g.Assignment == Assignment).Select(g => g.Name).Distinct());
            return null;
        }
        var inAssignment = named.Where(g => g.Assignment == Assignment).ToList();
        var pool = inAssignment.Count > 0 ? inAssignment : named;
        var match = pool.FirstOrDefault(g => g.Accepts(fn));
        if (match is not null) return match;
        var ps = fn.GetType().GetMethod("Invoke")!.GetParameters();
        if (fn.Method.GetParameters() is { } named2 && named2.Length == ps.Length) ps = named2;
        var got = "(" + string.Join(", ", ps.Select(p => $"{GraderContext.TypeName(p.ParameterType)} {p.Name}")) + ")";
        problem = $"Wrong signature for {function}: expected {pool[0].Signature}, got {got}";
        return null;
    }
}
