namespace DeepNotes.NN;

public static partial class F
{
    public static Tensor Relu(Tensor x) => x.Relu();
    public static Tensor Sigmoid(Tensor x) => x.Sigmoid();
    public static Tensor Tanh(Tensor x) => x.Tanh();

    /// <summary>The identity (Keras's "linear" activation).</summary>
    public static Tensor Identity(Tensor x) => x;

    /// <summary>max(x, alpha·x) for 0 ≤ alpha ≤ 1 (Keras LeakyReLU's default negative slope is 0.3, PyTorch's 0.01).</summary>
    public static Tensor LeakyRelu(Tensor x, double alpha = 0.01)
    {
        // relu(x) - alpha·relu(-x) = x for x > 0, alpha·x otherwise.
        return x.Relu() - (-x).Relu() * alpha;
    }

    /// <summary>Softmax along an axis (default last), computed stably by subtracting the max.</summary>
    public static Tensor Softmax(Tensor x, int axis = -1)
    {
        int ax = Shape.NormalizeAxis(axis, x.Rank, "softmax");
        Tensor m;
        using (Tensor.NoGrad()) m = x.Max(ax, keepDims: true);
        var e = (x - m).Exp();
        return e / e.Sum(ax, keepDims: true);
    }

    /// <summary>log(softmax(x)) along an axis, stable for large logits: x − max − log Σ exp(x − max).</summary>
    public static Tensor LogSoftmax(Tensor x, int axis = -1)
    {
        int ax = Shape.NormalizeAxis(axis, x.Rank, "log_softmax");
        Tensor m;
        using (Tensor.NoGrad()) m = x.Max(ax, keepDims: true);
        var shifted = x - m;
        return shifted - shifted.Exp().Sum(ax, keepDims: true).Log();
    }

    /// <summary>An activation by its Keras name: relu, sigmoid, tanh, softmax, leaky_relu, linear (or null → linear).</summary>
    public static Func<Tensor, Tensor> Activation(string? name) => (name ?? "linear").ToLowerInvariant() switch
    {
        "linear" or "none" or "" => Identity,
        "relu" => Relu,
        "sigmoid" => Sigmoid,
        "tanh" => Tanh,
        "softmax" => x => Softmax(x),
        "leaky_relu" or "leakyrelu" => x => LeakyRelu(x, 0.2),
        _ => throw new ArgumentException($"activation: unknown activation '{name}' (expected relu, sigmoid, tanh, softmax, leaky_relu or linear)"),
    };
}
