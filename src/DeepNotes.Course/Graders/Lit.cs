namespace DeepNotes.Course.Graders;

/// <summary>A numpy array stored as a literal in a grader: its shape and row-major float64 values.</summary>
internal sealed record Lit(int[] Shape, double[] Values)
{
    /// <summary>A fresh tensor with these values (each call copies, so a learner's in-place edits cannot leak).</summary>
    public Tensor T => Tensor.FromArray((double[])Values.Clone(), Shape);
}
