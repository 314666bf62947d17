using DeepNotes.Kernels;

namespace DeepNotes;

// Activation functions. Backward rules are fused kernels over g and the saved output or input.
public sealed partial class Tensor
{
    /// <summary>1 / (1 + e^−x).</summary>
    public Tensor Sigmoid()
    {
        var r = Elementwise.Unary<SigmoidOperator>(this);
        return Autodiff.Record(r, "sigmoid", [this], g => [Elementwise.Binary<SigmoidBackwardOperator>(g, r, "sigmoid_backward")]);
    }

    public Tensor Tanh()
    {
        var r = Elementwise.Unary<TanhOperator>(this);
        return Autodiff.Record(r, "tanh", [this], g => [Elementwise.Binary<TanhBackwardOperator>(g, r, "tanh_backward")]);
    }

    /// <summary>max(x, 0); the gradient at 0 is 0 (the course's dZ[Z &lt;= 0] = 0).</summary>
    public Tensor Relu()
    {
        var r = Elementwise.Unary<ReluOperator>(this);
        var x = this;
        return Autodiff.Record(r, "relu", [this], g => [Elementwise.Binary<ReluBackwardOperator>(g, x, "relu_backward")]);
    }

    /// <summary>x where x &gt; 0, else alpha·x (Keras' default alpha is 0.3, PyTorch's 0.01).</summary>
    public Tensor LeakyRelu(double alpha = 0.01)
    {
        var r = Elementwise.Binary<LeakyReluOperator>(this, ScalarLike(alpha), "leaky_relu");
        var x = this;
        return Autodiff.Record(r, "leaky_relu", [this], g => [g * Elementwise.Binary<LeakySlopeOperator>(x, x.ScalarLike(alpha), "leaky_relu")]);
    }

    /// <summary>x where x &gt; 0, else alpha·(eˣ − 1).</summary>
    public Tensor Elu(double alpha = 1.0)
    {
        if (!(alpha >= 0)) throw new ArgumentOutOfRangeException(nameof(alpha), $"elu: alpha must be non-negative, got {alpha}");
        var r = Elementwise.Binary<EluOperator>(this, ScalarLike(alpha), "elu");
        var x = this;
        return Autodiff.Record(r, "elu", [this], g =>
            [alpha > 0 ? g * Elementwise.Binary<EluSlopeOperator>(r, r.ScalarLike(alpha), "elu") : Elementwise.Binary<ReluBackwardOperator>(g, x, "elu")]);
    }

    /// <summary>log(1 + eˣ), overflow-free; its derivative is sigmoid(x).</summary>
    public Tensor Softplus()
    {
        var r = Elementwise.Unary<SoftplusOperator>(this);
        var x = this;
        return Autodiff.Record(r, "softplus", [this], g => [g * Elementwise.Unary<SigmoidOperator>(x)]);
    }

    /// <summary>
    /// Softmax along an axis (last by default), numerically stable (the row max is subtracted first).
    /// The course's column-per-example layout (classes, m) wants <c>Softmax(axis: 0)</c>.
    /// </summary>
    public Tensor Softmax(int axis = -1)
    {
        var r = Rows.Apply<SoftmaxRow>(this, axis, "softmax");
        return Autodiff.Record(r, "softmax", [this], g => [Rows.Apply<SoftmaxBackwardRow>(g, r, axis, "softmax_backward")]);
    }

    /// <summary>log(softmax(x)) along an axis, computed as x − max − log Σ e^(x − max).</summary>
    public Tensor LogSoftmax(int axis = -1)
    {
        var r = Rows.Apply<LogSoftmaxRow>(this, axis, "log_softmax");
        return Autodiff.Record(r, "log_softmax", [this], g => [Rows.Apply<LogSoftmaxBackwardRow>(g, r, axis, "log_softmax_backward")]);
    }
}
