using DeepNotes.Course.Grading;

namespace DeepNotes.Course.Graders;

/// <summary>Every assignment's graders, in notebook order.</summary>
internal static class GraderCatalog
{
    public static readonly IReadOnlyList<GradedFunction> All =
    [
        .. C1W2aGraders.Functions,
        .. C1W2bGraders.Functions,
        .. C1W3Graders.Functions,
        .. C1W4aGraders.Functions,
        .. C1W4bGraders.Functions,
        .. C2W1aGraders.Functions,
        .. C2W1bGraders.Functions,
        .. C2W1cGraders.Functions,
        .. C2W2Graders.Functions,
        .. C2W3Graders.Functions,
    ];

    public static readonly IReadOnlyList<string> Assignments = All.Select(g => g.Assignment).Distinct().ToList();
}
