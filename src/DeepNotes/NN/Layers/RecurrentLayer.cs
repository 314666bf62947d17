namespace DeepNotes.NN;

/// <summary>
/// Base of <see cref="SimpleRNN"/>, <see cref="GRU"/> and <see cref="LSTM"/>: configuration, weights (kernel (F, G·U),
/// recurrent_kernel (U, G·U), bias (G·U) with G gates), shapes and the Keras options return_sequences, return_state,
/// go_backwards and initial states (extra inputs: <c>lstm.CallMulti([x, h0, c0])</c>).
/// </summary>
/// <remarks>
/// Shape: (N, T, F) → (N, T, U) with returnSequences, else (N, U); with returnState the outputs are
/// [output, h_T] (plus c_T for an LSTM). Any sequence length T works after build.
/// </remarks>
public abstract class RecurrentLayer : Layer
{
    protected RecurrentLayer(int units, bool returnSequences, bool returnState, bool goBackwards, bool useBias,
        Initializer? kernelInitializer, Initializer? recurrentInitializer, Initializer? biasInitializer, string? name) : base(name)
    {
        if (units <= 0) throw new ArgumentException($"{GetType().Name}: units must be positive, got {units}");
        Units = units;
        ReturnSequences = returnSequences;
        ReturnState = returnState;
        GoBackwards = goBackwards;
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? new Init.GlorotUniform();
        RecurrentInitializer = recurrentInitializer ?? new OrthogonalInitializer();
        BiasInitializer = biasInitializer;
    }

    public int Units { get; }
    public bool ReturnSequences { get; }
    public bool ReturnState { get; }

    /// <summary>Process the sequence from the last step to the first (the output sequence is in that order too, like Keras).</summary>
    public bool GoBackwards { get; }

    public bool UseBias { get; }
    public Initializer KernelInitializer { get; }
    public Initializer RecurrentInitializer { get; }
    public Initializer? BiasInitializer { get; }

    /// <summary>Number of gates whose weights are stacked in the kernels (1, 3 or 4).</summary>
    protected abstract int Gates { get; }

    /// <summary>Number of state tensors (1 for SimpleRNN/GRU, 2 for LSTM).</summary>
    public virtual int StateCount => 1;

    public Parameter? Kernel { get; private set; }
    public Parameter? RecurrentKernel { get; private set; }
    public Parameter? Bias { get; private set; }

    /// <summary>The same layer configuration with the time direction flipped (used by <see cref="Bidirectional"/>).</summary>
    public abstract RecurrentLayer CloneReversed(string? name = null);

    protected virtual Initializer DefaultBiasInitializer => new Init.Zeros();

    protected override void OnBuild(IReadOnlyList<int[]> inputShapes)
    {
        var x = inputShapes[0];
        if (x.Length != 2 || x[1] <= 0)
            throw new ArgumentException($"{Describe()}: expects sequences (N, T, features) with known features, got input shape {FormatShape(x)}");
        CheckStates(inputShapes);
        Kernel = AddWeight("kernel", [x[1], Gates * Units], KernelInitializer);
        RecurrentKernel = AddWeight("recurrent_kernel", [Units, Gates * Units], RecurrentInitializer);
        if (UseBias) Bias = AddWeight("bias", [Gates * Units], BiasInitializer ?? DefaultBiasInitializer);
    }

    private void CheckStates(IReadOnlyList<int[]> inputShapes)
    {
        if (inputShapes.Count != 1 && inputShapes.Count != 1 + StateCount)
            throw new ArgumentException($"{Describe()}: takes the sequence and optionally {StateCount} initial state(s), got {inputShapes.Count} inputs");
        for (int i = 1; i < inputShapes.Count; i++)
            if (inputShapes[i].Length != 1 || inputShapes[i][0] != Units)
                throw new ArgumentException($"{Describe()}: initial state {i - 1} must have shape {FormatShape([Units])}, got {FormatShape(inputShapes[i])}");
    }

    protected override void ValidateInputShapes(IReadOnlyList<int[]> inputShapes)
    {
        var x = inputShapes[0];
        if (x.Length != 2 || (x[1] >= 0 && x[1] != Kernel!.Shape[0])) throw InputShapeError(0, InputShape!, x);
        CheckStates(inputShapes);
    }

    public override int[] ComputeOutputShape(int[] inputShape) => ComputeOutputShapes([inputShape])[0];

    public override IReadOnlyList<int[]> ComputeOutputShapes(IReadOnlyList<int[]> inputShapes)
    {
        var x = inputShapes[0];
        if (x.Length != 2) throw new ArgumentException($"{Describe()}: expects sequences (N, T, features), got input shape {FormatShape(x)}");
        var output = ReturnSequences ? new[] { x[0], Units } : [Units];
        if (!ReturnState) return [output];
        return [output, .. Enumerable.Range(0, StateCount).Select(_ => new[] { Units })];
    }

    public override Tensor Forward(Tensor x) => ForwardMulti([x])[0];

    public override Tensor Forward(IReadOnlyList<Tensor> inputs) => ForwardMulti(inputs)[0];

    public override IReadOnlyList<Tensor> ForwardMulti(IReadOnlyList<Tensor> inputs)
    {
        var x = GoBackwards ? F.ReverseTime(inputs[0]) : inputs[0];
        var (sequence, states) = Run(x, inputs.Skip(1).ToArray());
        var output = ReturnSequences ? sequence : states[0];
        return ReturnState ? [output, .. states] : [output];
    }

    /// <summary>Runs the fused op: every hidden state (N, T, U) and the final states (h, and c for an LSTM).</summary>
    protected abstract (Tensor Sequence, Tensor[] FinalStates) Run(Tensor x, Tensor[] initialStates);

    public override string ToString() =>
        $"{GetType().Name} \"{Name}\" (units={Units}, return_sequences={ReturnSequences}, return_state={ReturnState})";
}
