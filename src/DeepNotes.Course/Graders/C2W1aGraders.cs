using DeepNotes.Course.Grading;
using static DeepNotes.Course.Graders.GraderHelpers;

namespace DeepNotes.Course.Graders;

/// <summary>C2W1a, initialization. Expected values: tools/reference/c2w1a.py.</summary>
internal static class C2W1aGraders
{
    private const string A = "C2W1a";
    private static readonly Type D = typeof(Data.C2W1aData);

    private static GradedFunction Init(string name, string prefix) =>
        Fn(A, name, "(int[] layersDims) -> Dictionary<string, Tensor>", [typeof(int[])], g =>
        {
            g.Test("layers_dims = [3, 2, 1]", t => t.ExpectDict("parameters", t.Call(new[] { 3, 2, 1 }), Lits(D, prefix + "321", "W1", "b1", "W2", "b2")));
            g.Test("layers_dims = [2, 4, 5, 1]", t => t.ExpectDict("parameters", t.Call(new[] { 2, 4, 5, 1 }), Lits(D, prefix + "2451", "W1", "b1", "W2", "b2", "W3", "b3")));
        });

    public static readonly GradedFunction[] Functions =
    [
        Init("InitializeParametersZeros", "Zeros"),
        Init("InitializeParametersRandom", "Random"),
        Init("InitializeParametersHe", "He"),
    ];
}
