using DeepNotes.Course.Grading;
using DeepNotes.Course.Reporting;

namespace DeepNotes.Interactive;

/// <summary>The course results the runner's --all table reads after a notebook: graded checks and headline metrics.</summary>
internal static class CourseBridge
{
    /// <summary>The checks of a report as plain rows for <see cref="Formatters.GradeFormatter"/>.</summary>
    public static IReadOnlyList<GradeRow> Rows(GradeReport report) =>
        report.Checks.Select(c => new GradeRow(c.Function, c.Test, c.Passed, c.Message)).ToList();

    /// <summary>A mark of the grading state, taken before a notebook runs.</summary>
    public static (GradeReport Report, int Passed, int Total) Mark() => (Grade.Current, Grade.Current.Passed, Grade.Current.Total);

    /// <summary>
    /// Passed/total of the checks a notebook ran since <paramref name="mark"/>: all of Grade.Current when the
    /// notebook began an assignment (Grade.Begin replaces it), else what was added to the report it found.
    /// </summary>
    public static (int Passed, int Total) ChecksSince((GradeReport Report, int Passed, int Total) mark)
    {
        var current = Grade.Current;
        return ReferenceEquals(current, mark.Report)
            ? (Math.Max(0, current.Passed - mark.Passed), Math.Max(0, current.Total - mark.Total))
            : (current.Passed, current.Total);
    }

    /// <summary>Headline metrics reported since the last clear, in report order.</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> Headlines() => Headline.All;

    public static void ClearHeadlines() => Headline.Clear();
}

/// <summary>One grading check: function, test, passed, message.</summary>
public sealed record GradeRow(string Function, string Test, bool Passed, string Message);
