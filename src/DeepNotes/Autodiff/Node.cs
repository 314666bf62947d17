namespace DeepNotes;

/// <summary>
/// One recorded operation on the tape: its inputs and a rule that maps the gradient of its output
/// to the gradients of its inputs (null where an input gets none).
/// </summary>
public sealed class Node
{
    internal Node(string name, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
    {
        Name = name;
        Inputs = inputs;
        BackwardRule = backward;
    }

    public string Name { get; }
    public IReadOnlyList<Tensor> Inputs { get; }
    internal Func<Tensor, Tensor?[]> BackwardRule { get; }

    public override string ToString() => $"<{Name}Backward>";
}
