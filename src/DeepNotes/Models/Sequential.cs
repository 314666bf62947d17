using DeepNotes.NN;

namespace DeepNotes.Models;

/// <summary>
/// A linear stack of single-input, single-output layers (Keras Sequential):
/// <c>var model = new Sequential([new Dense(16, "relu"), new Dense(1, "sigmoid")], inputShape: [2]);</c>.
/// With an input shape the layers are built immediately (so <c>Summary()</c> works before training);
/// otherwise on the first batch.
/// </summary>
public sealed class Sequential : Model
{
    private readonly List<Layer> layers = [];
    private int[]? inputShape;
    private DType inputDType = DType.Float32;

    /// <summary>A stack of layers, optionally with the per-sample input shape (batch excluded) and dtype.</summary>
    public Sequential(IEnumerable<Layer>? layers = null, int[]? inputShape = null, DType dtype = DType.Float32, string? name = null) : base(name)
    {
        inputDType = dtype;
        foreach (var layer in layers ?? []) Add(layer);
        if (inputShape is not null) SetInputShape(inputShape, dtype);
    }

    /// <summary>A stack that starts from an <see cref="Input"/> (Keras: <c>Sequential([Input(shape), ...])</c>).</summary>
    public Sequential(Input input, IEnumerable<Layer> layers, string? name = null) : this(layers, input.Shape, input.DType, name)
    {
    }

    public override IReadOnlyList<Layer> Layers => layers;

    /// <summary>The per-sample input shape, when known.</summary>
    public int[]? DeclaredInputShape => inputShape is null ? null : (int[])inputShape.Clone();

    /// <summary>Appends a layer (Keras model.add); builds it at once when the input shape is known.</summary>
    public Sequential Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer is InputLayer) throw new ArgumentException("Sequential: pass an Input to the constructor instead of adding an InputLayer");
        if (layers.Contains(layer)) throw new ArgumentException($"Sequential: layer \"{layer.Name}\" is already in the model");
        layers.Add(layer);
        RegisterModule(layer.Name, layer);
        if (inputShape is not null) BuildLayers();
        return this;
    }

    /// <summary>Declares the per-sample input shape and builds the layers (lets Summary run without data).</summary>
    public void SetInputShape(int[] shape, DType dtype = DType.Float32)
    {
        inputShape = (int[])shape.Clone();
        inputDType = dtype;
        BuildLayers();
    }

    private void BuildLayers()
    {
        var shape = inputShape!;
        var dtype = inputDType;
        foreach (var layer in layers)
        {
            if (!layer.Built) layer.Build(shape, dtype);
            shape = layer.ComputeOutputShape(shape);
            layer.RecordOutputShapes([shape]);
        }
    }

    // First data without a declared shape: adopt its per-sample shape and dtype (Keras builds on first call).
    protected override void OnBuild(int[] shape)
    {
        if (inputShape is not null) return;
        inputShape = (int[])shape.Clone();
        inputDType = DType;
        if (layers.Count > 0) BuildLayers();
    }

    public override Tensor Forward(Tensor x)
    {
        if (layers.Count == 0) throw new InvalidOperationException($"Sequential \"{Name}\": has no layers");
        foreach (var layer in layers) x = layer.Call(x);
        return x;
    }

    public override IReadOnlyList<Tensor> ForwardMulti(IReadOnlyList<Tensor> inputs)
    {
        if (inputs.Count != 1) throw new ArgumentException($"Sequential \"{Name}\": takes one input, got {inputs.Count}");
        return [Forward(inputs[0])];
    }

    public override int[] ComputeOutputShape(int[] inputShape)
    {
        var shape = inputShape;
        foreach (var layer in layers) shape = layer.ComputeOutputShape(shape);
        return shape;
    }

    public override int[] ComputeOutputShape(IReadOnlyList<int[]> inputShapes) => ComputeOutputShape(inputShapes[0]);

    public override IReadOnlyList<int[]> ComputeOutputShapes(IReadOnlyList<int[]> inputShapes) => [ComputeOutputShape(inputShapes[0])];

    protected override void ValidateInputShapes(IReadOnlyList<int[]> inputShapes)
    {
        if (inputShapes.Count != 1) throw new ArgumentException($"Sequential \"{Name}\": takes one input, got {inputShapes.Count}");
        if (inputShape is null) return;
        var got = inputShapes[0];
        bool ok = got.Length == inputShape.Length;
        for (int i = 0; ok && i < got.Length; i++) ok = inputShape[i] < 0 || inputShape[i] == got[i];
        if (!ok) throw InputShapeError(0, inputShape, got);
    }
}
