using System.Numerics;
using DeepNotes.NN;

namespace DeepNotes.Optimizers;

/// <summary>A set of parameters with optional learning-rate and weight-decay overrides (PyTorch's param groups).</summary>
public sealed class ParamGroup
{
    public ParamGroup(IEnumerable<Parameter> parameters, double? learningRate = null, double? weightDecay = null)
    {
        Parameters = parameters.ToList();
        LearningRate = learningRate;
        WeightDecay = weightDecay;
    }

    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>This group's learning rate (null: the optimizer's, schedule included).</summary>
    public double? LearningRate { get; set; }

    /// <summary>This group's L2 weight decay (null: the optimizer's).</summary>
    public double? WeightDecay { get; set; }
}

/// <summary>
/// Base of gradient-descent optimizers. <see cref="Step"/> updates every trainable parameter that has a gradient,
/// in place and without recording, from per-parameter state created on its first step. Parameters come from
/// param groups: given at construction (PyTorch style) or bound by <c>model.Compile</c> (Keras style).
/// Frozen parameters (<c>layer.Trainable = false</c>) and non-trainable state are skipped.
/// </summary>
/// <remarks>
/// L2 weight decay adds <c>weightDecay·W</c> to the gradient (the course's λ/m·W term, PyTorch's weight_decay).
/// The learning rate is <see cref="LearningRate"/>, or the <see cref="Schedule"/>'s value at the current
/// step and epoch when one is set.
/// </remarks>
public abstract class Optimizer
{
    private readonly List<ParamGroup> groups = [];
    private readonly Dictionary<Parameter, Array[]> state = new(ReferenceEqualityComparer.Instance);
    private double learningRate;
    private double weightDecay;

    protected Optimizer(double learningRate, double weightDecay, IEnumerable<Parameter>? parameters)
    {
        LearningRate = learningRate;
        WeightDecay = weightDecay;
        if (parameters is not null) AddParamGroup(new ParamGroup(parameters));
    }

    /// <summary>The base learning rate (must be positive and finite).</summary>
    public double LearningRate
    {
        get => learningRate;
        set
        {
            if (!(value > 0) || double.IsInfinity(value)) throw new ArgumentException($"{GetType().Name}: learning rate must be positive, got {value}");
            learningRate = value;
        }
    }

    /// <summary>The L2 weight decay coefficient (≥ 0).</summary>
    public double WeightDecay
    {
        get => weightDecay;
        set
        {
            if (!(value >= 0)) throw new ArgumentException($"{GetType().Name}: weight decay must be ≥ 0, got {value}");
            weightDecay = value;
        }
    }

    /// <summary>A learning-rate schedule; overrides <see cref="LearningRate"/> when set.</summary>
    public LearningRateSchedule? Schedule { get; set; }

    /// <summary>Number of steps taken (Adam's t is Iterations after the step's increment).</summary>
    public int Iterations { get; private set; }

    /// <summary>The current epoch (0-based), set by <c>Fit</c> for epoch-based schedules.</summary>
    public int Epoch { get; set; }

    /// <summary>The learning rate the next step will use.</summary>
    public double CurrentLearningRate => Schedule?.Rate(Iterations, Epoch) ?? LearningRate;

    public IReadOnlyList<ParamGroup> ParamGroups => groups;

    /// <summary>Adds a group of parameters, optionally with its own learning rate and weight decay.</summary>
    public void AddParamGroup(ParamGroup group)
    {
        foreach (var p in group.Parameters)
            if (groups.Any(g => g.Parameters.Contains(p)))
                throw new ArgumentException($"{GetType().Name}: parameter '{p.Name}' {p.Shape} is already in a parameter group");
        groups.Add(group);
    }

    /// <summary>Adds parameters as one group.</summary>
    public void AddParamGroup(IEnumerable<Parameter> parameters, double? learningRate = null, double? weightDecay = null) =>
        AddParamGroup(new ParamGroup(parameters, learningRate, weightDecay));

    /// <summary>Binds the optimizer to a module's parameters when it has none yet (what Compile does).</summary>
    public void Bind(Module module)
    {
        if (groups.Count == 0) AddParamGroup(module.Parameters());
    }

    /// <summary>Clears the gradients of all parameters in the groups.</summary>
    public void ZeroGrad()
    {
        foreach (var g in groups)
            foreach (var p in g.Parameters) p.Value.Grad = null;
    }

    /// <summary>Applies one update to every trainable parameter with a gradient.</summary>
    public void Step()
    {
        if (groups.Count == 0) throw new InvalidOperationException($"{GetType().Name}: no parameters; pass them to the constructor or call Bind/AddParamGroup (Compile does this)");
        using var _ = Tensor.NoGrad();
        Iterations++;
        double baseLr = Schedule?.Rate(Iterations - 1, Epoch) ?? LearningRate;
        foreach (var group in groups)
        {
            double lr = group.LearningRate ?? baseLr;
            double wd = group.WeightDecay ?? WeightDecay;
            foreach (var p in group.Parameters)
            {
                if (!p.Trainable || p.Grad is null) continue;
                var grad = p.Grad;
                if (grad.DType != p.DType) grad = grad.AsType(p.DType);
                grad = grad.Contiguous();
                if (!state.TryGetValue(p, out var slots))
                {
                    slots = new Array[SlotCount];
                    for (int i = 0; i < slots.Length; i++)
                        slots[i] = p.DType == DType.Float32 ? new float[p.Size] : new double[p.Size];
                    state[p] = slots;
                }
                // GPU parameters: the update runs on host copies (the slots live on the host) and is written back.
                var (w, gh) = p.Value.Device.IsCpu ? (p.Value, grad) : (p.Value.ToCpu(), grad.ToCpu());
                if (p.DType == DType.Float32) Update(w.AsSpan<float>(), gh.AsSpan<float>(), slots, lr, wd, Iterations);
                else Update(w.AsSpan<double>(), gh.AsSpan<double>(), slots, lr, wd, Iterations);
                if (!p.Value.Device.IsCpu) Backends.Gpu!.CopyInto(p.Value, w);
            }
        }
    }

    /// <summary>Number of per-parameter state buffers (e.g. 2 for Adam's m and v).</summary>
    protected abstract int SlotCount { get; }

    /// <summary>
    /// Updates weights w from gradient g in place. slots are this parameter's state buffers (T[] each, zero at
    /// first); t is the 1-based step number.
    /// </summary>
    protected abstract void Update<T>(Span<T> w, ReadOnlySpan<T> g, Array[] slots, double lr, double weightDecay, int t)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The state buffers of a parameter (null before its first step), e.g. to inspect Adam's moments.</summary>
    public IReadOnlyList<Tensor>? GetState(Parameter p) => state.TryGetValue(p, out var slots)
        ? slots.Select(s => s is float[] f ? Tensor.Wrap(f, p.Shape.ToArray()) : Tensor.Wrap((double[])s, p.Shape.ToArray())).ToArray()
        : null;

    /// <summary>An optimizer with default settings by Keras name: sgd, momentum, rmsprop, adam, adamw.</summary>
    public static Optimizer Get(string name) => name.ToLowerInvariant() switch
    {
        "sgd" => new SGD(),
        "momentum" => new Momentum(),
        "rmsprop" => new RMSprop(),
        "adam" => new Adam(),
        "adamw" => new AdamW(),
        _ => throw new ArgumentException($"optimizer: unknown optimizer '{name}' (expected sgd, momentum, rmsprop, adam or adamw)"),
    };

    public static implicit operator Optimizer(string name) => Get(name);

    /// <summary>Forgets all per-parameter state and the step count.</summary>
    public void Reset()
    {
        state.Clear();
        Iterations = 0;
    }
}
