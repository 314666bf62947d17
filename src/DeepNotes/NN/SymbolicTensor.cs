namespace DeepNotes.NN;

/// <summary>
/// A placeholder for a batch flowing through a functional model (Keras's KerasTensor): it has a per-sample
/// shape (batch axis excluded, -1 for unknown dims) and a dtype but no data, and remembers the layer call
/// that produced it, so <c>new Model(inputs, outputs)</c> can replay the graph.
/// </summary>
public class SymbolicTensor
{
    private readonly int[] shape;

    internal SymbolicTensor(int[] shape, DType dtype, LayerCall? producer, int outputIndex)
    {
        this.shape = (int[])shape.Clone();
        DType = dtype;
        Producer = producer;
        OutputIndex = outputIndex;
    }

    /// <summary>The per-sample shape (no batch axis; -1 where unknown).</summary>
    public int[] Shape => (int[])shape.Clone();

    internal int[] Dims => shape;

    public DType DType { get; }

    /// <summary>The layer call that produced this tensor (for an <see cref="Input"/>, its InputLayer's call).</summary>
    public LayerCall? Producer { get; internal set; }

    /// <summary>Which output of the producing call this is.</summary>
    public int OutputIndex { get; }

    /// <summary>The producing layer's name with the output index, e.g. "dense_1:0".</summary>
    public string Name => Producer is null ? "?" : $"{Producer.Layer.Name}:{OutputIndex}";

    public override string ToString() =>
        $"<SymbolicTensor shape={Layer.FormatShape(shape)}, dtype={DType.Name()}, name={Name}>";

    // Elementwise arithmetic records merge layers, as Keras 3 allows on KerasTensors: x + shortcut is Add()([x, shortcut]).
    public static SymbolicTensor operator +(SymbolicTensor a, SymbolicTensor b) => new Add().Call(a, b);
    public static SymbolicTensor operator -(SymbolicTensor a, SymbolicTensor b) => new Subtract().Call(a, b);
    public static SymbolicTensor operator *(SymbolicTensor a, SymbolicTensor b) => new Multiply().Call(a, b);
}

/// <summary>One call of a layer in a functional graph: its symbolic inputs and outputs (a Keras Node).</summary>
public sealed class LayerCall
{
    internal LayerCall(Layer layer, SymbolicTensor[] inputs, IReadOnlyList<int[]> outputShapes, DType dtype)
    {
        Layer = layer;
        Inputs = inputs;
        var outputs = new SymbolicTensor[outputShapes.Count];
        for (int i = 0; i < outputs.Length; i++) outputs[i] = new SymbolicTensor(outputShapes[i], dtype, this, i);
        Outputs = outputs;
    }

    internal LayerCall(Layer layer, SymbolicTensor output)
    {
        Layer = layer;
        Inputs = [];
        Outputs = [output];
        output.Producer = this;
    }

    public Layer Layer { get; }
    public IReadOnlyList<SymbolicTensor> Inputs { get; }
    public IReadOnlyList<SymbolicTensor> Outputs { get; }
}

/// <summary>
/// The entry point of a functional model: <c>var inputs = new Input(64, 64, 3);</c> (per-sample shape, batch
/// excluded; -1 for an unknown dim). Keras-style data is float32 by default.
/// </summary>
public sealed class Input : SymbolicTensor
{
    /// <summary>A float32 input with the given per-sample shape.</summary>
    public Input(params int[] shape) : this(shape, DType.Float32)
    {
    }

    /// <summary>An input with a per-sample shape, dtype and optional layer name.</summary>
    public Input(int[] shape, DType dtype, string? name = null)
        : base(CheckShape(shape), dtype, null, 0)
    {
        var layer = new InputLayer(Dims, dtype, name);
        _ = new LayerCall(layer, this);
    }

    private static int[] CheckShape(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        foreach (var d in shape)
            if (d < -1 || d == 0) throw new ArgumentException($"Input: dims must be positive or -1 (unknown), got shape {DeepNotes.Shape.Format(shape)}");
        return shape;
    }

    /// <summary>The InputLayer standing for this input in summaries.</summary>
    public InputLayer Layer => (InputLayer)Producer!.Layer;
}

/// <summary>The identity layer that an <see cref="Input"/> creates; it checks the shape of the data fed to it.</summary>
public sealed class InputLayer : Layer
{
    internal InputLayer(int[] shape, DType dtype, string? name) : base(name ?? LayerNames.Unique("input_layer"))
    {
        Build(shape, dtype);
    }

    public override int[] ComputeOutputShape(int[] inputShape) => (int[])inputShape.Clone();

    public override Tensor Forward(Tensor x) => x;
}
