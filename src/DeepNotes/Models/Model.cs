using DeepNotes.NN;

namespace DeepNotes.Models;

/// <summary>
/// A trainable model (Keras Model), usable three ways:
/// <list type="bullet">
/// <item>Functional: <c>var inputs = new Input(64, 64, 3); var x = new Conv2D(8, 4).Call(inputs); ...;
/// var model = new Model(inputs, outputs);</c> — the layer calls recorded on symbolic tensors are replayed in
/// topological order (several inputs/outputs, shared layers, residual connections).</item>
/// <item><see cref="Sequential"/>: a stack of single-input layers.</item>
/// <item>Subclassing: derive from Model, keep layers in fields, override <see cref="Layer.Forward(Tensor)"/>
/// and call the layers with <c>layer.Call(x)</c>.</item>
/// </list>
/// A model is a layer, so models nest. Train with <c>Compile</c> then <c>Fit</c>.
/// </summary>
public partial class Model : Layer
{
    private readonly SymbolicTensor[]? graphInputs;
    private readonly SymbolicTensor[]? graphOutputs;
    private readonly LayerCall[]? schedule;

    /// <summary>A subclassed model: override Forward and keep layers in fields (discovered automatically).</summary>
    protected Model(string? name = null) : base(name)
    {
    }

    /// <summary>A functional model from one input to one output.</summary>
    public Model(SymbolicTensor inputs, SymbolicTensor outputs, string? name = null) : this([inputs], [outputs], name)
    {
    }

    /// <summary>A functional model with several inputs and/or outputs.</summary>
    public Model(IReadOnlyList<SymbolicTensor> inputs, IReadOnlyList<SymbolicTensor> outputs, string? name = null) : base(name)
    {
        if (inputs.Count == 0 || outputs.Count == 0) throw new ArgumentException("Model: needs at least one input and one output");
        foreach (var i in inputs)
            if (i.Producer?.Layer is not InputLayer)
                throw new ArgumentException($"Model: inputs must be Input tensors, got {i}");
        graphInputs = [.. inputs];
        graphOutputs = [.. outputs];
        schedule = TopologicalCalls(graphInputs, graphOutputs);
        foreach (var layer in schedule.Select(c => c.Layer).Distinct())
            RegisterModule(layer.Name, layer);
        Build(graphInputs.Select(i => i.Dims).ToArray(), graphInputs[0].DType);
    }

    /// <summary>True for models built from symbolic inputs and outputs (functional or Sequential with a known input).</summary>
    public bool IsGraphNetwork => schedule is not null;

    /// <summary>The symbolic inputs of a functional model.</summary>
    public IReadOnlyList<SymbolicTensor> Inputs => graphInputs ?? [];

    /// <summary>The symbolic outputs of a functional model.</summary>
    public IReadOnlyList<SymbolicTensor> Outputs => graphOutputs ?? [];

    /// <summary>
    /// The layers in order: for a functional model in execution order including its InputLayers (like Keras);
    /// otherwise the direct sub-layers.
    /// </summary>
    public virtual IReadOnlyList<Layer> Layers => schedule is not null
        ? schedule.Select(c => c.Layer).Distinct().ToList()
        : Children().OfType<Layer>().ToList();

    /// <summary>A layer by its name.</summary>
    public Layer GetLayer(string name) => Layers.FirstOrDefault(l => l.Name == name)
        ?? throw new ArgumentException($"Model \"{Name}\": no layer named '{name}' (layers: {string.Join(", ", Layers.Select(l => l.Name))})");

    // Layer calls reachable backwards from the outputs, each after the calls producing its inputs.
    private static LayerCall[] TopologicalCalls(SymbolicTensor[] inputs, SymbolicTensor[] outputs)
    {
        var order = new List<LayerCall>();
        var done = new HashSet<LayerCall>(ReferenceEqualityComparer.Instance);
        var onPath = new HashSet<LayerCall>(ReferenceEqualityComparer.Instance);
        var givenInputs = new HashSet<LayerCall>(inputs.Select(i => i.Producer!), ReferenceEqualityComparer.Instance);
        var stack = new Stack<(LayerCall Call, int Next)>();
        foreach (var output in outputs)
        {
            var root = output.Producer ?? throw new ArgumentException($"Model: output {output} was not produced by a layer");
            if (done.Contains(root)) continue;
            stack.Push((root, 0));
            onPath.Add(root);
            while (stack.Count > 0)
            {
                var (call, next) = stack.Pop();
                if (next < call.Inputs.Count)
                {
                    stack.Push((call, next + 1));
                    var child = call.Inputs[next].Producer!;
                    if (done.Contains(child)) continue;
                    if (!onPath.Add(child)) throw new ArgumentException("Model: the layer graph has a cycle");
                    stack.Push((child, 0));
                    continue;
                }
                onPath.Remove(call);
                if (call.Layer is InputLayer && !givenInputs.Contains(call))
                    throw new ArgumentException($"Model: graph disconnected: input \"{call.Layer.Name}\" {FormatShape(call.Outputs[0].Dims)} is needed but not listed in the model's inputs");
                done.Add(call);
                order.Add(call);
            }
        }
        foreach (var i in inputs)
            if (!done.Contains(i.Producer!)) order.Insert(0, i.Producer!);
        return [.. order];
    }

    /// <summary>Re-initialises the weights of every built sub-layer (a fresh start for the same architecture).</summary>
    public override void ResetParameters()
    {
        base.ResetParameters();
        foreach (var layer in Children().OfType<Layer>())
            if (layer.Built) layer.ResetParameters();
    }

    // ---------------------------------------------------------------- forward

    public override Tensor Forward(Tensor x) => schedule is not null
        ? Single(ForwardMulti([x]))
        : throw new NotImplementedException($"Model \"{Name}\" ({GetType().Name}): override Forward in a subclassed model, or build it from Input tensors");

    public override Tensor Forward(IReadOnlyList<Tensor> inputs) => schedule is not null
        ? Single(ForwardMulti(inputs))
        : base.Forward(inputs);

    public override IReadOnlyList<Tensor> ForwardMulti(IReadOnlyList<Tensor> inputs)
    {
        if (schedule is null) return base.ForwardMulti(inputs);
        if (inputs.Count != graphInputs!.Length)
            throw new ArgumentException($"Model \"{Name}\": expects {graphInputs.Length} input(s), got {inputs.Count}");
        var values = new Dictionary<SymbolicTensor, Tensor>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < inputs.Count; i++) values[graphInputs[i]] = inputs[i];
        foreach (var call in schedule)
        {
            if (call.Layer is InputLayer input)
            {
                var fed = values[call.Outputs[0]];
                input.Call(fed);   // validates the shape against the Input's, naming it
                continue;
            }
            var args = new Tensor[call.Inputs.Count];
            for (int i = 0; i < args.Length; i++) args[i] = values[call.Inputs[i]];
            var outs = call.Layer.CallMulti(args);
            for (int i = 0; i < outs.Count; i++) values[call.Outputs[i]] = outs[i];
        }
        var result = new Tensor[graphOutputs!.Length];
        for (int i = 0; i < result.Length; i++) result[i] = values[graphOutputs[i]];
        return result;
    }

    private Tensor Single(IReadOnlyList<Tensor> outputs) => outputs.Count == 1
        ? outputs[0]
        : throw new InvalidOperationException($"Model \"{Name}\": has {outputs.Count} outputs; use CallMulti or PredictMulti");

    public override IReadOnlyList<int[]> ComputeOutputShapes(IReadOnlyList<int[]> inputShapes) => graphOutputs is not null
        ? graphOutputs.Select(o => o.Shape).ToArray()
        : base.ComputeOutputShapes(inputShapes);

    public override int[] ComputeOutputShape(IReadOnlyList<int[]> inputShapes) => graphOutputs is not null
        ? (int[])Single(graphOutputs).Clone()
        : base.ComputeOutputShape(inputShapes);

    public override int[] ComputeOutputShape(int[] inputShape) => ComputeOutputShape([inputShape]);

    private int[] Single(SymbolicTensor[] outputs) => outputs.Length == 1
        ? outputs[0].Dims
        : throw new InvalidOperationException($"Model \"{Name}\": has {outputs.Length} outputs; use ComputeOutputShapes");

    protected override void ValidateInputShapes(IReadOnlyList<int[]> inputShapes)
    {
        // Functional models check each input against its Input layer while running; subclassed models
        // leave checks to their layers (a subclass may accept several shapes).
    }
}
