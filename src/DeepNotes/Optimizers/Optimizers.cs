using System.Numerics;
using DeepNotes.NN;

namespace DeepNotes.Optimizers;

/// <summary>
/// Stochastic gradient descent (PyTorch/Keras SGD): w -= lr·g, or with momentum μ: v = μ·v + g, w -= lr·v
/// (Nesterov: w -= lr·(g + μ·v)).
/// </summary>
public sealed class SGD : Optimizer
{
    public SGD(double learningRate = 0.01, double momentum = 0, bool nesterov = false, double weightDecay = 0, IEnumerable<Parameter>? parameters = null)
        : base(learningRate, weightDecay, parameters)
    {
        if (!(momentum >= 0 && momentum < 1)) throw new ArgumentException($"SGD: momentum must be in [0, 1), got {momentum}");
        if (nesterov && momentum == 0) throw new ArgumentException("SGD: Nesterov momentum needs momentum > 0");
        MomentumFactor = momentum;
        Nesterov = nesterov;
    }

    public double MomentumFactor { get; }
    public bool Nesterov { get; }

    protected override int SlotCount => MomentumFactor > 0 ? 1 : 0;

    protected override void Update<T>(Span<T> w, ReadOnlySpan<T> g, Array[] slots, double lr, double weightDecay, int t)
    {
        if (MomentumFactor == 0) UpdateKernels.Sgd(w, g, T.CreateChecked(lr), T.CreateChecked(weightDecay));
        else UpdateKernels.Momentum(w, g, (T[])slots[0], T.CreateChecked(MomentumFactor), T.One, T.CreateChecked(lr), T.CreateChecked(weightDecay), Nesterov);
    }
}

/// <summary>
/// Gradient descent with momentum in the course's form: v = β·v + (1 − β)·dW, W -= lr·v (an exponentially
/// weighted average of gradients; β = 0.9 by default). For PyTorch's form use <see cref="SGD"/> with momentum.
/// </summary>
public sealed class Momentum : Optimizer
{
    public Momentum(double learningRate = 0.01, double beta = 0.9, double weightDecay = 0, IEnumerable<Parameter>? parameters = null)
        : base(learningRate, weightDecay, parameters)
    {
        if (!(beta >= 0 && beta < 1)) throw new ArgumentException($"Momentum: beta must be in [0, 1), got {beta}");
        Beta = beta;
    }

    public double Beta { get; }

    protected override int SlotCount => 1;

    protected override void Update<T>(Span<T> w, ReadOnlySpan<T> g, Array[] slots, double lr, double weightDecay, int t) =>
        UpdateKernels.Momentum(w, g, (T[])slots[0], T.CreateChecked(Beta), T.CreateChecked(1 - Beta), T.CreateChecked(lr), T.CreateChecked(weightDecay), false);
}

/// <summary>RMSprop (Keras defaults: lr 0.001, rho 0.9, epsilon 1e-7): s = ρ·s + (1 − ρ)·g², w -= lr·g/(√s + ε).</summary>
public sealed class RMSprop : Optimizer
{
    public RMSprop(double learningRate = 0.001, double rho = 0.9, double epsilon = 1e-7, double weightDecay = 0, IEnumerable<Parameter>? parameters = null)
        : base(learningRate, weightDecay, parameters)
    {
        if (!(rho >= 0 && rho < 1)) throw new ArgumentException($"RMSprop: rho must be in [0, 1), got {rho}");
        if (!(epsilon > 0)) throw new ArgumentException($"RMSprop: epsilon must be positive, got {epsilon}");
        Rho = rho;
        Epsilon = epsilon;
    }

    public double Rho { get; }
    public double Epsilon { get; }

    protected override int SlotCount => 1;

    protected override void Update<T>(Span<T> w, ReadOnlySpan<T> g, Array[] slots, double lr, double weightDecay, int t) =>
        UpdateKernels.RmsProp(w, g, (T[])slots[0], T.CreateChecked(Rho), T.CreateChecked(lr), T.CreateChecked(Epsilon), T.CreateChecked(weightDecay));
}

/// <summary>
/// Adam with bias correction, the course's formulas: v = β1·v + (1 − β1)·dW, s = β2·s + (1 − β2)·dW²,
/// v̂ = v/(1 − β1ᵗ), ŝ = s/(1 − β2ᵗ), W -= lr·v̂/(√ŝ + ε). Defaults: lr 0.001, β1 0.9, β2 0.999, ε 1e-7 (Keras).
/// </summary>
public class Adam : Optimizer
{
    public Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, double weightDecay = 0, IEnumerable<Parameter>? parameters = null)
        : base(learningRate, weightDecay, parameters)
    {
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentException($"Adam: beta1 must be in [0, 1), got {beta1}");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentException($"Adam: beta2 must be in [0, 1), got {beta2}");
        if (!(epsilon > 0)) throw new ArgumentException($"Adam: epsilon must be positive, got {epsilon}");
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }

    /// <summary>True for AdamW: weight decay shrinks the weights directly instead of joining the gradient.</summary>
    protected virtual bool DecoupledWeightDecay => false;

    protected override int SlotCount => 2;

    protected override void Update<T>(Span<T> w, ReadOnlySpan<T> g, Array[] slots, double lr, double weightDecay, int t) =>
        UpdateKernels.Adam(w, g, (T[])slots[0], (T[])slots[1], T.CreateChecked(Beta1), T.CreateChecked(Beta2),
            T.CreateChecked(lr), T.CreateChecked(Epsilon), T.CreateChecked(weightDecay), t, DecoupledWeightDecay);
}

/// <summary>Adam with decoupled weight decay (W -= lr·wd·W each step; default wd 0.004 like Keras).</summary>
public sealed class AdamW(double learningRate = 0.001, double weightDecay = 0.004, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, IEnumerable<Parameter>? parameters = null)
    : Adam(learningRate, beta1, beta2, epsilon, weightDecay, parameters)
{
    protected override bool DecoupledWeightDecay => true;
}
