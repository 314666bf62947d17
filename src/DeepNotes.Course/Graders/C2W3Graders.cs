using DeepNotes.Course.Grading;
using static DeepNotes.Course.Graders.Data.C2W3Data;
using static DeepNotes.Course.Graders.GraderHelpers;

namespace DeepNotes.Course.Graders;

/// <summary>C2W3, introduction to a deep-learning framework. Expected values: tools/reference/c2w3.py.</summary>
internal static class C2W3Graders
{
    private const string A = "C2W3";

    public static readonly GradedFunction[] Functions =
    [
        Fn(A, "LinearFunction", "() -> Tensor", [], g =>
        {
            g.Test("seed 1: W (4, 3), X (3, 1), b (4, 1)", t => t.Expect("Y", t.Call(), Linear));
        }),
        Fn(A, "OneHotMatrix", "(Tensor labels, int depth) -> Tensor", [typeof(Tensor), typeof(int)], g =>
        {
            g.Test("labels (1, 6), depth 4", t => t.Expect("one_hot", t.Call(Labels.T, 4), OneHot4));
            g.Test("labels [5, 0, 3], depth 6", t => t.Expect("one_hot", t.Call(V([1, 3], [5, 0, 3]), 6), OneHot6));
        }),
        Fn(A, "NormalizeImages", "(Tensor imagesOrig) -> Tensor", [typeof(Tensor)], g =>
        {
            g.Test("2 images of 4 × 4 × 3", t => t.Expect("images", t.Call(Images.T), Normalized));
        }),
    ];
}
