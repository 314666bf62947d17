using System.Collections;
using System.Reflection;

namespace DeepNotes.Interactive;

/// <summary>
/// Late-bound access to DeepNotes.Course's grading and headline APIs (Grade, GradeReport, Headline), so the
/// extension keeps building and loading whatever stage the course project is at, and stays thin.
/// </summary>
internal static class CourseBridge
{
    private const string CourseAssembly = "DeepNotes.Course";

    public static Type? GradeReportType => Find("DeepNotes.Course.Grading.GradeReport");
    public static Type? HeadlineType => Find("DeepNotes.Course.Reporting.Headline");
    public static Type? GradeType => Find("DeepNotes.Course.Grading.Grade");

    /// <summary>The checks of a GradeReport as plain tuples.</summary>
    public static IReadOnlyList<GradeRow> Rows(object report)
    {
        var checks = report.GetType().GetProperty("Checks")?.GetValue(report) as IEnumerable ?? Array.Empty<object>();
        var rows = new List<GradeRow>();
        foreach (var c in checks)
        {
            var t = c.GetType();
            rows.Add(new GradeRow(
                t.GetProperty("Function")?.GetValue(c) as string ?? "",
                t.GetProperty("Test")?.GetValue(c) as string ?? "",
                t.GetProperty("Passed")?.GetValue(c) is true,
                t.GetProperty("Message")?.GetValue(c) as string ?? ""));
        }
        return rows;
    }

    public static string Title(object report) => report.GetType().GetProperty("Title")?.GetValue(report) as string ?? "checks";

    /// <summary>The passed/total counts of the grading so far (Grade.Current), or null without the course API.</summary>
    public static (int Passed, int Total)? CurrentChecks()
    {
        var current = GradeType?.GetProperty("Current", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
        if (current is null) return null;
        var rows = Rows(current);
        return (rows.Count(r => r.Passed), rows.Count);
    }

    /// <summary>Headline metrics reported since the last clear (name → value), in report order.</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> Headlines() =>
        HeadlineType?.GetProperty("All", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IReadOnlyList<KeyValuePair<string, double>> ?? [];

    public static void ClearHeadlines() => HeadlineType?.GetMethod("Clear", BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes)?.Invoke(null, null);

    private static Type? Find(string name)
    {
        var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == CourseAssembly);
        if (assembly is null)
        {
            try { assembly = Assembly.Load(CourseAssembly); }
            catch (IOException) { return null; }
        }
        return assembly.GetType(name);
    }
}

/// <summary>One grading check: function, test, passed, message.</summary>
public sealed record GradeRow(string Function, string Test, bool Passed, string Message);
