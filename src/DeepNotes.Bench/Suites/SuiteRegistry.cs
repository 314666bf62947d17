namespace DeepNotes.Bench.Suites;

/// <summary>
/// The suites the bench knows. To add one (e.g. "models"), implement <see cref="IBenchSuite"/> in
/// Suites/ and list it here; "all" runs every suite in this order.
/// </summary>
public static class SuiteRegistry
{
    public static IReadOnlyList<IBenchSuite> All { get; } =
    [
        new GemmSuite(),
        new ElementwiseSuite(),
        new GpuSuite(),
        new DeepNotes.Bench.Models.ModelsSuite(),
    ];

    /// <summary>The suites named (or all of them for "all"); null when a name is unknown.</summary>
    public static IReadOnlyList<IBenchSuite>? Select(IReadOnlyList<string> names)
    {
        if (names.Count == 0 || names.Contains("all")) return All;
        var picked = new List<IBenchSuite>();
        foreach (var name in names)
        {
            var suite = All.FirstOrDefault(s => s.Name == name);
            if (suite is null) return null;
            picked.Add(suite);
        }
        return picked;
    }
}
