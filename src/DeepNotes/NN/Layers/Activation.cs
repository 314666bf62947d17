namespace DeepNotes.NN;

/// <summary>Applies an activation function elementwise (Keras Activation): relu, sigmoid, tanh, softmax, leaky_relu, linear.</summary>
/// <remarks>Shape: any, output has the input's shape.</remarks>
public sealed class Activation : Layer
{
    private readonly Func<Tensor, Tensor> function;

    public Activation(string activation, string? name = null) : base(name)
    {
        function = F.Activation(activation);
        ActivationName = activation;
    }

    public Activation(Func<Tensor, Tensor> function, string activationName, string? name = null) : base(name)
    {
        this.function = function;
        ActivationName = activationName;
    }

    public string ActivationName { get; }

    public override int[] ComputeOutputShape(int[] inputShape) => (int[])inputShape.Clone();

    public override Tensor Forward(Tensor x) => function(x);
}

/// <summary>ReLU as a layer (Keras ReLU).</summary>
public sealed class ReLU(string? name = null) : Layer(name)
{
    public override int[] ComputeOutputShape(int[] inputShape) => (int[])inputShape.Clone();
    public override Tensor Forward(Tensor x) => x.Relu();
}

/// <summary>Leaky ReLU: max(x, alpha·x) (Keras LeakyReLU, default negative slope 0.3).</summary>
public sealed class LeakyReLU : Layer
{
    public LeakyReLU(double negativeSlope = 0.3, string? name = null) : base(name)
    {
        if (negativeSlope < 0) throw new ArgumentException($"LeakyReLU: negativeSlope must be ≥ 0, got {negativeSlope}");
        NegativeSlope = negativeSlope;
    }

    public double NegativeSlope { get; }
    public override int[] ComputeOutputShape(int[] inputShape) => (int[])inputShape.Clone();
    public override Tensor Forward(Tensor x) => F.LeakyRelu(x, NegativeSlope);
}

/// <summary>Softmax along an axis as a layer (Keras Softmax).</summary>
public sealed class Softmax(int axis = -1, string? name = null) : Layer(name)
{
    public int Axis { get; } = axis;
    public override int[] ComputeOutputShape(int[] inputShape) => (int[])inputShape.Clone();
    public override Tensor Forward(Tensor x) => F.Softmax(x, Axis);
}
