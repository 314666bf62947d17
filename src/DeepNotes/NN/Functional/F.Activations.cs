namespace DeepNotes.NN;

public static partial class F
{
    public static Tensor Relu(Tensor x) => x.Relu();
    public static Tensor Sigmoid(Tensor x) => x.Sigmoid();
    public static Tensor Tanh(Tensor x) => x.Tanh();

    /// <summary>The identity (Keras's "linear" activation).</summary>
    public static Tensor Identity(Tensor x) => x;

    /// <summary>max(x, alpha·x) for 0 ≤ alpha ≤ 1 (Keras LeakyReLU's default negative slope is 0.3, PyTorch's 0.01).</summary>
    public static Tensor LeakyRelu(Tensor x, double alpha = 0.01) => x.LeakyRelu(alpha);

    /// <summary>Softmax along an axis (default last), computed stably by subtracting the max.</summary>
    public static Tensor Softmax(Tensor x, int axis = -1) => x.Softmax(axis);

    /// <summary>log(softmax(x)) along an axis, stable for large logits: x − max − log Σ exp(x − max).</summary>
    public static Tensor LogSoftmax(Tensor x, int axis = -1) => x.LogSoftmax(axis);

    /// <summary>An activation by its Keras name: relu, sigmoid, tanh, softmax, leaky_relu, linear (or null → linear).</summary>
    public static Func<Tensor, Tensor> Activation(string? name) => (name ?? "linear").ToLowerInvariant() switch
    {
        "linear" or "none" or "" => Identity,
        "relu" => Relu,
        "sigmoid" => Sigmoid,
        "tanh" => Tanh,
        "softmax" => x => Softmax(x),
        "leaky_relu" or "leakyrelu" => x => LeakyRelu(x, 0.2),
        "elu" => x => x.Elu(),
        "softplus" => x => x.Softplus(),
        _ => throw new ArgumentException($"activation: unknown activation '{name}' (expected relu, sigmoid, tanh, softmax, leaky_relu or linear)"),
    };
}
