namespace DeepNotes.NN;

/// <summary>
/// Runs a recurrent layer over the sequence in both directions and merges the results (Keras Bidirectional).
/// The backward copy has the same configuration with go_backwards flipped and its own weights; with
/// return_sequences its output is put back in forward time order before merging.
/// </summary>
/// <remarks>
/// Shape: (N, T, F) → (N, T, 2U) ("concat") or (N, T, U) ("sum", "mul", "ave"); without return_sequences the
/// time axis is dropped. With return_state the outputs are [merged, forward states..., backward states...];
/// initial states are extra inputs in the same order.
/// </remarks>
public sealed class Bidirectional : Layer
{
    public Bidirectional(RecurrentLayer layer, string mergeMode = "concat", string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(layer);
        MergeMode = mergeMode.ToLowerInvariant();
        if (MergeMode is not ("concat" or "sum" or "mul" or "ave"))
            throw new ArgumentException($"Bidirectional: merge mode must be concat, sum, mul or ave, got \"{mergeMode}\"");
        if (layer.Built) throw new ArgumentException($"Bidirectional: wrap a layer that has not been built yet ({layer.Name})");
        ForwardLayer = RegisterModule("forward_layer", layer);
        BackwardLayer = RegisterModule("backward_layer", layer.CloneReversed($"backward_{layer.Name}"));
    }

    public RecurrentLayer ForwardLayer { get; }
    public RecurrentLayer BackwardLayer { get; }
    public string MergeMode { get; }

    protected override void OnBuild(IReadOnlyList<int[]> inputShapes)
    {
        var (fwd, bwd) = SplitStates(inputShapes);
        ForwardLayer.Build(fwd, DType);
        BackwardLayer.Build(bwd, DType);
    }

    private (IReadOnlyList<T> Forward, IReadOnlyList<T> Backward) SplitStates<T>(IReadOnlyList<T> inputs)
    {
        int k = ForwardLayer.StateCount;
        if (inputs.Count != 1 && inputs.Count != 1 + 2 * k)
            throw new ArgumentException($"{Describe()}: takes the sequence and optionally {2 * k} initial states (forward then backward), got {inputs.Count} inputs");
        if (inputs.Count == 1) return (inputs, inputs);
        return ([inputs[0], .. inputs.Skip(1).Take(k)], [inputs[0], .. inputs.Skip(1 + k)]);
    }

    protected override void ValidateInputShapes(IReadOnlyList<int[]> inputShapes) => SplitStates(inputShapes); // the wrapped layers check the rest

    public override int[] ComputeOutputShape(int[] inputShape) => ComputeOutputShapes([inputShape])[0];

    public override IReadOnlyList<int[]> ComputeOutputShapes(IReadOnlyList<int[]> inputShapes)
    {
        var (fwd, bwd) = SplitStates(inputShapes);
        var f = ForwardLayer.ComputeOutputShapes(fwd);
        var b = BackwardLayer.ComputeOutputShapes(bwd);
        var merged = (int[])f[0].Clone();
        if (MergeMode == "concat") merged[^1] *= 2;
        return [merged, .. f.Skip(1), .. b.Skip(1)];
    }

    public override Tensor Forward(Tensor x) => ForwardMulti([x])[0];

    public override Tensor Forward(IReadOnlyList<Tensor> inputs) => ForwardMulti(inputs)[0];

    public override IReadOnlyList<Tensor> ForwardMulti(IReadOnlyList<Tensor> inputs)
    {
        var (fwd, bwd) = SplitStates(inputs);
        var f = ForwardLayer.CallMulti(fwd);
        var b = BackwardLayer.CallMulti(bwd);
        var fo = f[0];
        var bo = ForwardLayer.ReturnSequences ? F.ReverseTime(b[0]) : b[0];
        var merged = MergeMode switch
        {
            "concat" => F.Concatenate([fo, bo], -1),
            "sum" => fo + bo,
            "mul" => fo * bo,
            _ => (fo + bo) * 0.5,
        };
        return [merged, .. f.Skip(1), .. b.Skip(1)];
    }

    public override string ToString() => $"Bidirectional \"{Name}\" ({ForwardLayer}, merge={MergeMode})";
}
