using System.Globalization;
using System.Text;
using DeepNotes.NN;

namespace DeepNotes.Models;

/// <summary>One row of a model summary.</summary>
/// <param name="Name">The layer's unique name.</param>
/// <param name="Type">The layer's class name, e.g. "Conv2D".</param>
/// <param name="OutputShape">Per-sample output shape (batch excluded, −1 unknown); several for multi-output layers.</param>
/// <param name="TrainableParams">Scalars in trainable weights.</param>
/// <param name="NonTrainableParams">Scalars in non-trainable weights (moving statistics, frozen layers).</param>
/// <param name="ConnectedTo">For functional models, the producing layers of this layer's inputs.</param>
public sealed record LayerSummary(string Name, string Type, IReadOnlyList<int[]>? OutputShape, int TrainableParams, int NonTrainableParams, IReadOnlyList<string> ConnectedTo)
{
    public int Params => TrainableParams + NonTrainableParams;

    /// <summary>The output shape as Keras prints it: "(None, 64, 64, 8)" ("?" when unknown).</summary>
    public string OutputShapeText => OutputShape is null ? "?"
        : OutputShape.Count == 1 ? Layer.FormatShape(OutputShape[0])
        : "[" + string.Join(", ", OutputShape.Select(Layer.FormatShape)) + "]";
}

/// <summary>
/// A model summary table (Keras model.summary()): layers with type, output shape and parameter counts, and totals.
/// <see cref="ToString"/> prints the familiar text table; <see cref="LayerList"/> gives the (type, shape, params)
/// triples the course's summary checks compare.
/// </summary>
public sealed class ModelSummary(string modelName, string modelType, IReadOnlyList<LayerSummary> layers, int trainable, int nonTrainable)
{
    public string ModelName { get; } = modelName;
    public string ModelType { get; } = modelType;
    public IReadOnlyList<LayerSummary> Layers { get; } = layers;
    public int TrainableParams { get; } = trainable;
    public int NonTrainableParams { get; } = nonTrainable;
    public int TotalParams => TrainableParams + NonTrainableParams;

    /// <summary>(type, output shape text, params) per layer, in order.</summary>
    public IReadOnlyList<(string Type, string OutputShape, int Params)> LayerList =>
        Layers.Select(l => (l.Type, l.OutputShapeText, l.Params)).ToArray();

    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        bool connected = Layers.Any(l => l.ConnectedTo.Count > 0);
        var first = Layers.Select(l => $"{l.Name} ({l.Type})").Append("Layer (type)").Max(s => s.Length) + 2;
        var second = Layers.Select(l => l.OutputShapeText).Append("Output Shape").Max(s => s.Length) + 2;
        const int third = 12;
        int total = first + second + third + (connected ? 24 : 0);
        var sb = new StringBuilder();
        sb.AppendLine($"Model: \"{ModelName}\"");
        sb.AppendLine(new string('━', total));
        sb.Append("Layer (type)".PadRight(first)).Append("Output Shape".PadRight(second)).Append("Param #".PadLeft(third - 2).PadRight(third));
        if (connected) sb.Append("  Connected to");
        sb.AppendLine();
        sb.AppendLine(new string('━', total));
        for (int i = 0; i < Layers.Count; i++)
        {
            var l = Layers[i];
            sb.Append($"{l.Name} ({l.Type})".PadRight(first)).Append(l.OutputShapeText.PadRight(second))
              .Append(l.Params.ToString("N0", inv).PadLeft(third - 2).PadRight(third));
            if (connected) sb.Append("  ").Append(string.Join(", ", l.ConnectedTo));
            sb.AppendLine();
            sb.AppendLine(i == Layers.Count - 1 ? new string('━', total) : new string('─', total));
        }
        if (Layers.Count == 0) sb.AppendLine(new string('━', total));
        sb.AppendLine($" Total params: {TotalParams.ToString("N0", inv)} ({FormatBytes(TotalParams)})");
        sb.AppendLine($" Trainable params: {TrainableParams.ToString("N0", inv)} ({FormatBytes(TrainableParams)})");
        sb.Append($" Non-trainable params: {NonTrainableParams.ToString("N0", inv)} ({FormatBytes(NonTrainableParams)})");
        return sb.ToString();
    }

    private static string FormatBytes(int count)
    {
        double bytes = count * 4.0;
        return bytes < 1024 ? $"{bytes:0.00} B" : bytes < 1 << 20 ? $"{bytes / 1024:0.00} KB" : $"{bytes / (1 << 20):0.00} MB";
    }
}

public partial class Model
{
    /// <summary>
    /// The summary table. Output shapes come from the symbolic graph, the declared input shape, or the most
    /// recent call; a model that has never seen data or an input shape shows "?" and unbuilt layers count 0 params.
    /// </summary>
    public ModelSummary Summary()
    {
        var rows = new List<LayerSummary>();
        foreach (var layer in Layers)
        {
            int trainable = layer.Parameters().Where(p => p.Trainable).Sum(p => p.Size);
            int frozen = layer.Parameters().Where(p => !p.Trainable).Sum(p => p.Size);
            IReadOnlyList<int[]>? shapes = layer is InputLayer il ? [il.InputShape!] : layer.LastOutputShapes;
            var connected = new List<string>();
            if (IsGraphNetwork)
            {
                foreach (var call in layer.InboundCalls)
                    foreach (var input in call.Inputs)
                    {
                        if (input.Producer is not { } p) continue;
                        int k = Math.Max(0, p.Layer.InboundCalls.ToList().IndexOf(p));
                        connected.Add($"{p.Layer.Name}[{k}][{input.OutputIndex}]");
                    }
            }
            rows.Add(new LayerSummary(layer.Name, layer.GetType().Name, shapes, trainable, frozen, connected));
        }
        int t = Parameters().Where(p => p.Trainable).Sum(p => p.Size);
        int n = Parameters().Where(p => !p.Trainable).Sum(p => p.Size);
        return new ModelSummary(Name, GetType().Name, rows, t, n);
    }
}
