namespace DeepNotes.NN;

/// <summary>
/// A Keras-style layer: a <see cref="Module"/> with a unique <see cref="Name"/>, weights created lazily from the
/// first input's shape, and a forward computation that is a thin shell over the <see cref="F"/> functions.
/// </summary>
/// <remarks>
/// <para><b>The layer contract</b> (follow it for every layer):</para>
/// <list type="number">
/// <item>Shapes exclude the batch axis. Tensors are batch-first: (N, features), (N, T, features) for sequences,
/// NHWC (N, H, W, C) for images. A per-sample shape passed to <see cref="OnBuild(int[])"/> and
/// <see cref="ComputeOutputShape(int[])"/> is the tensor's shape without axis 0, e.g. [64, 64, 3].
/// In symbolic shapes -1 means unknown (Keras's None), e.g. a variable number of time steps.</item>
/// <item>The constructor only stores and validates configuration (bad values throw ArgumentException naming them).
/// No weights are created there: <c>new Dense(64)</c> does not know its input size.</item>
/// <item><see cref="OnBuild(int[])"/> creates the weights with <see cref="AddWeight"/> (named "kernel", "bias",
/// "gamma", "moving_mean"...). It runs once, before the first forward or symbolic call, after <see cref="DType"/>
/// is set from the first input (float32 for Keras-style data, float64 for gradient checks). Weights are
/// initialised by <see cref="ResetParameters"/>, which <see cref="Build(int[], DType?)"/> calls right after OnBuild.</item>
/// <item><see cref="Forward(Tensor)"/> (or <see cref="Forward(IReadOnlyList{Tensor})"/> for merge layers, or
/// <see cref="ForwardMulti"/> for layers with several outputs such as an LSTM with return_state) does the math
/// with differentiable ops; no shape validation is needed there: <see cref="Call(Tensor)"/> has done it.
/// Read <see cref="Module.Training"/> for train/inference differences.</item>
/// <item><see cref="ComputeOutputShape(int[])"/> maps the per-sample input shape to the output shape without data
/// (used by symbolic calls and <c>Summary()</c>). The default runs Forward on a zero batch of one sample in
/// inference mode; override it for speed and to support -1 dims.</item>
/// <item><see cref="ValidateInputShapes"/> checks later inputs against the build shapes (default: same rank and
/// every known dim equal); override to relax (e.g. any sequence length). Errors name the layer and both shapes.</item>
/// <item>Users (and container layers) invoke layers with <c>Call</c>: on a <see cref="Tensor"/> it builds,
/// validates, casts the input to the weights' dtype and runs Forward; on a <see cref="SymbolicTensor"/> it records
/// a node of the functional graph and returns symbolic outputs.</item>
/// </list>
/// </remarks>
public abstract class Layer : Module
{
    private int[][]? builtShapes;
    private readonly List<LayerCall> inboundCalls = [];
    private readonly List<(Parameter Parameter, Initializer Initializer)> initializers = [];

    /// <summary>Creates the layer with a unique name derived from its type ("dense", "dense_1"...) unless one is given.</summary>
    protected Layer(string? name = null)
    {
        if (name is not null && string.IsNullOrWhiteSpace(name)) throw new ArgumentException("layer name must not be blank");
        Name = name ?? LayerNames.Unique(LayerNames.ToSnakeCase(GetType().Name));
    }

    /// <summary>The unique name, e.g. "dense_1" (Keras style).</summary>
    public string Name { get; }

    /// <summary>Whether the weights exist (after the first call or an explicit Build).</summary>
    public bool Built => builtShapes is not null;

    /// <summary>The dtype of the weights, taken from the first input (float32 until built).</summary>
    public DType DType { get; private set; } = DType.Float32;

    /// <summary>The per-sample shape of the first input the layer was built with (no batch axis), or null.</summary>
    public int[]? InputShape => builtShapes is null ? null : (int[])builtShapes[0].Clone();

    /// <summary>The per-sample shapes of all inputs the layer was built with, or null.</summary>
    public IReadOnlyList<int[]>? InputShapes => builtShapes?.Select(s => (int[])s.Clone()).ToArray();

    /// <summary>Per-sample output shapes of the most recent call (symbolic or eager); for summaries.</summary>
    public IReadOnlyList<int[]>? LastOutputShapes { get; private set; }

    /// <summary>Records output shapes computed without a call (containers that build layers from shapes).</summary>
    public void RecordOutputShapes(IReadOnlyList<int[]> shapes) => LastOutputShapes = shapes.Select(s => (int[])s.Clone()).ToArray();

    /// <summary>
    /// The layer's configuration as name → value (Keras get_config), for summaries and course checks,
    /// e.g. Dense: units, activation, use_bias. The default is empty.
    /// </summary>
    public virtual IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>();

    /// <summary>All weights (trainable first as registered, then state), Keras's layer.weights.</summary>
    public IReadOnlyList<Parameter> Weights => Parameters().ToList();

    /// <summary>Weights that optimizers update.</summary>
    public IReadOnlyList<Parameter> TrainableWeights => Parameters().Where(p => p.Trainable).ToList();

    /// <summary>Weights that are not trained (moving statistics, or all weights of a frozen layer).</summary>
    public IReadOnlyList<Parameter> NonTrainableWeights => Parameters().Where(p => !p.Trainable).ToList();

    /// <summary>The functional-graph nodes where this layer was called on symbolic tensors (several when shared).</summary>
    public IReadOnlyList<LayerCall> InboundCalls => inboundCalls;

    // ---------------------------------------------------------------- building

    /// <summary>Creates the weights for a per-sample input shape (no batch axis). Does nothing when already built.</summary>
    public void Build(int[] inputShape, DType? dtype = null) => Build([inputShape], dtype);

    /// <summary>Creates the weights for several inputs (merge layers). Does nothing when already built.</summary>
    public void Build(IReadOnlyList<int[]> inputShapes, DType? dtype = null)
    {
        if (Built) return;
        if (inputShapes.Count == 0) throw new ArgumentException($"{Describe()}: needs at least one input");
        var shapes = inputShapes.Select(s => (int[])s.Clone()).ToArray();
        DType = dtype ?? DType.Float32;
        OnBuild(shapes);
        builtShapes = shapes;   // set last, so a failed build can be retried with a correct shape
        // Only layers that own weights initialise here: a container must not re-initialise sub-layers built earlier.
        if (LocalParameters().Count > 0) ResetParameters();
    }

    /// <summary>Creates the weights for one input (override in single-input layers).</summary>
    protected virtual void OnBuild(int[] inputShape)
    {
    }

    /// <summary>Creates the weights for several inputs; the default forwards a single shape to <see cref="OnBuild(int[])"/>.</summary>
    protected virtual void OnBuild(IReadOnlyList<int[]> inputShapes)
    {
        if (inputShapes.Count == 1) OnBuild(inputShapes[0]);
    }

    /// <summary>
    /// (Re)initialises this layer's own weights with the initializers given to <see cref="AddWeight"/>, in the order
    /// they were added (so a seeded generator gives reproducible weights). Build calls it once, for layers that own
    /// weights; models override it to reset every sub-layer.
    /// </summary>
    public virtual void ResetParameters()
    {
        using var _ = Tensor.NoGrad();
        foreach (var (p, init) in initializers) init.Fill(p.Value);
    }

    /// <summary>
    /// Registers a weight of this layer's dtype (Keras's add_weight); <see cref="ResetParameters"/> fills it
    /// with the initializer right after <see cref="OnBuild(int[])"/>.
    /// </summary>
    protected Parameter AddWeight(string name, int[] shape, Initializer initializer, bool trainable = true)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        var p = RegisterParameter(name, Tensor.Zeros(shape, DType), trainable);
        initializers.Add((p, initializer));
        return p;
    }

    /// <summary>Copies of all weights (trainable and state) in <see cref="Module.Parameters"/> order (Keras get_weights).</summary>
    public IReadOnlyList<Tensor> GetWeights()
    {
        using var _ = Tensor.NoGrad();
        return Parameters().Select(p => p.Value.CopyNoGrad()).ToArray();
    }

    /// <summary>Sets all weights from tensors in <see cref="GetWeights"/> order (shapes must match; Keras set_weights).</summary>
    public void SetWeights(IReadOnlyList<Tensor> weights)
    {
        var ps = Parameters().ToList();
        if (ps.Count != weights.Count)
            throw new ArgumentException($"SetWeights: {Describe()} has {ps.Count} weights, got {weights.Count}");
        for (int i = 0; i < ps.Count; i++)
            if (ps[i].Shape != weights[i].Shape)
                throw new ArgumentException($"SetWeights: {Describe()} weight {i} ('{ps[i].Name}') has shape {ps[i].Shape}, got {weights[i].Shape}");
        for (int i = 0; i < ps.Count; i++) ps[i].Assign(weights[i]);
    }

    // ---------------------------------------------------------------- shapes

    /// <summary>The per-sample output shape for a per-sample input shape (no batch axis).</summary>
    public virtual int[] ComputeOutputShape(int[] inputShape) => DryRun([inputShape])[0];

    /// <summary>The output shape for several inputs (merge layers override this).</summary>
    public virtual int[] ComputeOutputShape(IReadOnlyList<int[]> inputShapes)
    {
        if (inputShapes.Count == 1) return ComputeOutputShape(inputShapes[0]);
        var outs = DryRun(inputShapes);
        if (outs.Count != 1) throw new InvalidOperationException($"{Describe()}: has {outs.Count} outputs; use ComputeOutputShapes");
        return outs[0];
    }

    /// <summary>All output shapes (layers with several outputs override this).</summary>
    public virtual IReadOnlyList<int[]> ComputeOutputShapes(IReadOnlyList<int[]> inputShapes) => [ComputeOutputShape(inputShapes)];

    // Runs the layer on zeros (a batch of one, unknown dims as 1) in inference mode without recording.
    private IReadOnlyList<int[]> DryRun(IReadOnlyList<int[]> inputShapes)
    {
        Build(inputShapes, DType);
        var modes = Modules().Select(m => (m, m.Training)).ToList();
        try
        {
            Eval();
            using var _ = Tensor.NoGrad();
            var inputs = inputShapes.Select(s => Tensor.Zeros([1, .. s.Select(d => d < 0 ? 1 : d)], DType)).ToArray();
            var outs = ForwardMulti(inputs);
            return outs.Select(o => o.Dims[1..]).ToArray();
        }
        finally
        {
            foreach (var (m, mode) in modes) m.SetTrainingFlag(mode);
        }
    }

    /// <summary>
    /// Checks inputs against the shapes the layer was built with: same rank, and equal wherever both dims are
    /// known. Throws an ArgumentException naming the layer and both shapes.
    /// </summary>
    protected virtual void ValidateInputShapes(IReadOnlyList<int[]> inputShapes)
    {
        var built = builtShapes!;
        if (inputShapes.Count != built.Length)
            throw new ArgumentException($"{Describe()}: expects {built.Length} input(s), got {inputShapes.Count}");
        for (int i = 0; i < built.Length; i++)
        {
            var want = built[i];
            var got = inputShapes[i];
            bool ok = want.Length == got.Length;
            for (int k = 0; ok && k < want.Length; k++)
                ok = want[k] < 0 || got[k] < 0 || want[k] == got[k];
            if (!ok) throw InputShapeError(i, want, got);
        }
    }

    /// <summary>The standard "wrong input shape" error, naming the layer and both shapes (batch shown as None).</summary>
    protected ArgumentException InputShapeError(int input, int[] expected, int[] received) => new(
        $"Input {input} of {Describe()} is incompatible with the layer: expected shape {FormatShape(expected)}, " +
        $"but received input with shape {FormatShape(received)}");

    /// <summary>"layer "dense_1" (Dense)", for error messages.</summary>
    protected string Describe() => $"layer \"{Name}\" ({GetType().Name})";

    /// <summary>A per-sample shape with the batch axis as Keras prints it: (None, 64, 64, 3).</summary>
    public static string FormatShape(int[] perSample) =>
        "(" + string.Join(", ", new[] { "None" }.Concat(perSample.Select(d => d < 0 ? "None" : d.ToString()))) + ")";

    // ---------------------------------------------------------------- forward

    /// <summary>The computation for one input. Override in single-input layers.</summary>
    public virtual Tensor Forward(Tensor x) =>
        throw new NotSupportedException($"{Describe()}: does not take a single input; pass a list of inputs");

    /// <summary>The computation for several inputs (merge layers override this). Defaults to <see cref="Forward(Tensor)"/>.</summary>
    public virtual Tensor Forward(IReadOnlyList<Tensor> inputs)
    {
        if (inputs.Count == 1) return Forward(inputs[0]);
        throw new ArgumentException($"{Describe()}: takes one input, got {inputs.Count}");
    }

    /// <summary>The computation with several outputs (e.g. LSTM with return_state). Defaults to one output.</summary>
    public virtual IReadOnlyList<Tensor> ForwardMulti(IReadOnlyList<Tensor> inputs) => [Forward(inputs)];

    /// <summary>Runs the layer on a batch: builds on first use, validates the shape, then <see cref="Forward(Tensor)"/>.</summary>
    public Tensor Call(Tensor x) => Single(CallMulti([x]));

    /// <summary>Runs a multi-input layer (e.g. <c>new Add().Call(a, b)</c>).</summary>
    public Tensor Call(params Tensor[] inputs) => Single(CallMulti(inputs));

    /// <summary>Runs a multi-input layer on a list of inputs.</summary>
    public Tensor Call(IReadOnlyList<Tensor> inputs) => Single(CallMulti(inputs));

    /// <summary>Runs the layer and returns all of its outputs.</summary>
    public IReadOnlyList<Tensor> CallMulti(IReadOnlyList<Tensor> inputs)
    {
        PrepareInputs(inputs);
        var prepared = inputs;
        if (HasOwnWeights())
        {
            bool cast = false;
            for (int i = 0; i < inputs.Count; i++) cast |= inputs[i].DType != DType;
            if (cast) prepared = inputs.Select(t => t.AsType(DType)).ToArray();
        }
        var outputs = ForwardMulti(prepared);
        RememberOutputShapes(outputs);
        return outputs;
    }

    // Keeps the per-sample output shapes for summaries, reusing the arrays when they did not change.
    private void RememberOutputShapes(IReadOnlyList<Tensor> outputs)
    {
        var last = LastOutputShapes;
        bool same = last is not null && last.Count == outputs.Count;
        for (int i = 0; same && i < outputs.Count; i++)
            same = outputs[i].Rank > 0 && last![i].AsSpan().SequenceEqual(outputs[i].Dims.AsSpan(1));
        if (same) return;
        var shapes = new int[outputs.Count][];
        for (int i = 0; i < shapes.Length; i++) shapes[i] = outputs[i].Rank > 0 ? outputs[i].Dims[1..] : [];
        LastOutputShapes = shapes;
    }

    private int[][] PrepareInputs(IReadOnlyList<Tensor> inputs)
    {
        if (inputs.Count == 0) throw new ArgumentException($"{Describe()}: called with no inputs");
        var shapes = new int[inputs.Count][];
        for (int i = 0; i < inputs.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(inputs[i]);
            if (inputs[i].Rank == 0)
                throw new ArgumentException($"{Describe()}: input {i} is a 0-d tensor; layers take batches with the batch axis first");
            shapes[i] = inputs[i].Dims[1..];
        }
        if (!Built) Build(shapes, inputs[0].DType);
        else ValidateInputShapes(shapes);
        return shapes;
    }

    private Tensor Single(IReadOnlyList<Tensor> outputs) => outputs.Count == 1
        ? outputs[0]
        : throw new InvalidOperationException($"{Describe()}: has {outputs.Count} outputs; use CallMulti");

    private bool HasOwnWeights() => LocalParameters().Count > 0;

    // ---------------------------------------------------------------- symbolic (functional API)

    /// <summary>Records this layer in a functional graph: returns the symbolic output (Keras's layer(x) on a KerasTensor).</summary>
    public SymbolicTensor Call(SymbolicTensor x) => SingleSymbolic(CallMulti([x]));

    /// <summary>Records a multi-input call, e.g. <c>new Add().Call(x, shortcut)</c>.</summary>
    public SymbolicTensor Call(params SymbolicTensor[] inputs) => SingleSymbolic(CallMulti(inputs));

    /// <summary>Records a multi-input call on a list.</summary>
    public SymbolicTensor Call(IReadOnlyList<SymbolicTensor> inputs) => SingleSymbolic(CallMulti(inputs));

    /// <summary>Records a call and returns all symbolic outputs.</summary>
    public IReadOnlyList<SymbolicTensor> CallMulti(IReadOnlyList<SymbolicTensor> inputs)
    {
        if (inputs.Count == 0) throw new ArgumentException($"{Describe()}: called with no inputs");
        var shapes = inputs.Select(s => s.Dims).ToArray();
        if (!Built) Build(shapes, inputs[0].DType);
        else ValidateInputShapes(shapes);
        var outShapes = ComputeOutputShapes(shapes);
        var dtype = HasOwnWeights() ? DType : inputs[0].DType;
        var call = new LayerCall(this, inputs.ToArray(), outShapes, dtype);
        inboundCalls.Add(call);
        LastOutputShapes = outShapes.Select(s => (int[])s.Clone()).ToArray();
        return call.Outputs;
    }

    private SymbolicTensor SingleSymbolic(IReadOnlyList<SymbolicTensor> outputs) => outputs.Count == 1
        ? outputs[0]
        : throw new InvalidOperationException($"{Describe()}: has {outputs.Count} outputs; use CallMulti");

    public override string ToString() => $"{GetType().Name} \"{Name}\"";
}
