using DeepNotes.Course.Grading;
using DeepNotes.Course.Reporting;

namespace DeepNotes.Interactive;

/// <summary>The course results the runner's --all table reads after a notebook: graded checks and headline metrics.</summary>
internal static class CourseBridge
{
    /// <summary>The checks of a report as plain rows for <see cref="Formatters.GradeFormatter"/>.</summary>
    public static IReadOnlyList<GradeRow> Rows(GradeReport report) =>
        report.Checks.Select(c => new GradeRow(c.Function, c.Test, c.Passed, c.Message)).ToList();

    /// <summary>Passed/total of every check run since the notebook began (Grade.Current).</summary>
    public static (int Passed, int Total) CurrentChecks() => (Grade.Current.Passed, Grade.Current.Total);

    /// <summary>Headline metrics reported since the last clear, in report order.</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> Headlines() => Headline.All;

    public static void ClearHeadlines() => Headline.Clear();
}

/// <summary>One grading check: function, test, passed, message.</summary>
public sealed record GradeRow(string Function, string Test, bool Passed, string Message);
