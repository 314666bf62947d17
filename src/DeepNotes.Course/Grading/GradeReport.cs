using System.Text;

namespace DeepNotes.Course.Grading;

/// <summary>A list of grade checks with pass counts, printed as a plain-text table (the extension renders it as HTML).</summary>
public sealed class GradeReport
{
    private readonly List<GradeCheck> checks = [];

    public GradeReport(string title) => Title = title;

    /// <summary>What was graded: an assignment ("C1W2b") or a function ("Propagate").</summary>
    public string Title { get; }

    public IReadOnlyList<GradeCheck> Checks => checks;
    public int Passed => checks.Count(c => c.Passed);
    public int Total => checks.Count;
    public bool AllPassed => Total > 0 && Passed == Total;

    public void Add(GradeCheck check) => checks.Add(check);
    public void AddRange(IEnumerable<GradeCheck> items) => checks.AddRange(items);

    /// <summary>Drops earlier results for a function so re-running a check cell replaces them.</summary>
    public void RemoveFunction(string function) => checks.RemoveAll(c => c.Function == function);

    public override string ToString()
    {
        var rows = checks.Select(c => (c.Function, c.Test, Status: c.Passed ? "pass" : "FAIL", c.Message)).ToList();
        int wf = Math.Max("function".Length, rows.Count == 0 ? 0 : rows.Max(r => r.Function.Length));
        int wt = Math.Max("test".Length, rows.Count == 0 ? 0 : rows.Max(r => r.Test.Length));
        var sb = new StringBuilder();
        sb.AppendLine($"{Title}: {Passed}/{Total} checks passed");
        sb.AppendLine($"{"function".PadRight(wf)}  {"test".PadRight(wt)}  result  message");
        sb.AppendLine($"{new string('-', wf)}  {new string('-', wt)}  ------  -------");
        foreach (var r in rows)
            sb.AppendLine($"{r.Function.PadRight(wf)}  {r.Test.PadRight(wt)}  {r.Status,-6}  {r.Message}".TrimEnd());
        return sb.ToString();
    }
}
