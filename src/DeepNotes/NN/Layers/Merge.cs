namespace DeepNotes.NN;

/// <summary>
/// Base of merge layers that combine several inputs of the same shape elementwise (Add, Multiply, Average...).
/// Inputs may broadcast over dims of size 1 as in Keras.
/// </summary>
public abstract class ElementwiseMerge(string? name) : Layer(name)
{
    protected override void OnBuild(IReadOnlyList<int[]> inputShapes)
    {
        if (inputShapes.Count < 2)
            throw new ArgumentException($"{Describe()}: needs at least 2 inputs, got {inputShapes.Count}");
        ComputeOutputShape(inputShapes);
    }

    public override int[] ComputeOutputShape(IReadOnlyList<int[]> inputShapes)
    {
        var shape = inputShapes[0];
        foreach (var s in inputShapes.Skip(1))
        {
            if (s.Length != shape.Length)
                throw new ArgumentException($"{Describe()}: inputs must have the same shape, got {string.Join(" and ", inputShapes.Select(FormatShape))}");
            var next = new int[s.Length];
            for (int i = 0; i < s.Length; i++)
            {
                if (shape[i] == s[i] || s[i] == 1) next[i] = shape[i];
                else if (shape[i] == 1) next[i] = s[i];
                else if (shape[i] < 0 || s[i] < 0) next[i] = Math.Max(shape[i], s[i]);
                else throw new ArgumentException($"{Describe()}: inputs must have the same shape, got {string.Join(" and ", inputShapes.Select(FormatShape))}");
            }
            shape = next;
        }
        return shape;
    }

    public override int[] ComputeOutputShape(int[] inputShape) =>
        throw new ArgumentException($"{Describe()}: needs a list of at least 2 inputs");

    public override Tensor Forward(IReadOnlyList<Tensor> inputs)
    {
        if (inputs.Count < 2) throw new ArgumentException($"{Describe()}: needs at least 2 inputs, got {inputs.Count}");
        var r = inputs[0];
        for (int i = 1; i < inputs.Count; i++) r = Combine(r, inputs[i]);
        return Finish(r, inputs.Count);
    }

    protected abstract Tensor Combine(Tensor a, Tensor b);

    protected virtual Tensor Finish(Tensor result, int count) => result;
}

/// <summary>Sums its inputs (Keras Add; the residual connection of a ResNet block).</summary>
public sealed class Add(string? name = null) : ElementwiseMerge(name)
{
    protected override Tensor Combine(Tensor a, Tensor b) => a + b;
}

/// <summary>Subtracts the second input from the first (Keras Subtract).</summary>
public sealed class Subtract(string? name = null) : ElementwiseMerge(name)
{
    protected override void OnBuild(IReadOnlyList<int[]> inputShapes)
    {
        if (inputShapes.Count != 2) throw new ArgumentException($"{Describe()}: needs exactly 2 inputs, got {inputShapes.Count}");
        base.OnBuild(inputShapes);
    }

    protected override Tensor Combine(Tensor a, Tensor b) => a - b;
}

/// <summary>Multiplies its inputs elementwise (Keras Multiply).</summary>
public sealed class Multiply(string? name = null) : ElementwiseMerge(name)
{
    protected override Tensor Combine(Tensor a, Tensor b) => a * b;
}

/// <summary>Averages its inputs (Keras Average).</summary>
public sealed class Average(string? name = null) : ElementwiseMerge(name)
{
    protected override Tensor Combine(Tensor a, Tensor b) => a + b;
    protected override Tensor Finish(Tensor result, int count) => result * (1.0 / count);
}

/// <summary>Joins its inputs along an axis (Keras Concatenate; default the last). The axis counts the batch axis.</summary>
public sealed class Concatenate(int axis = -1, string? name = null) : Layer(name)
{
    public int Axis { get; } = axis;

    protected override void OnBuild(IReadOnlyList<int[]> inputShapes)
    {
        if (inputShapes.Count < 2) throw new ArgumentException($"{Describe()}: needs at least 2 inputs, got {inputShapes.Count}");
        ComputeOutputShape(inputShapes);
    }

    public override int[] ComputeOutputShape(int[] inputShape) => throw new ArgumentException($"{Describe()}: needs a list of at least 2 inputs");

    public override int[] ComputeOutputShape(IReadOnlyList<int[]> inputShapes)
    {
        int rank = inputShapes[0].Length + 1;
        int ax = Axis < 0 ? Axis + rank : Axis;
        if (ax <= 0 || ax >= rank) throw new ArgumentException($"{Describe()}: axis {Axis} is out of range for inputs of rank {rank} (batch axis included)");
        var result = (int[])inputShapes[0].Clone();
        result[ax - 1] = 0;
        foreach (var s in inputShapes)
        {
            bool ok = s.Length == rank - 1;
            for (int i = 0; ok && i < s.Length; i++) ok = i == ax - 1 || s[i] == result[i] || s[i] < 0 || result[i] < 0;
            if (!ok) throw new ArgumentException($"{Describe()}: inputs must match except on the concatenation axis {Axis}, got {string.Join(" and ", inputShapes.Select(FormatShape))}");
            result[ax - 1] = result[ax - 1] < 0 || s[ax - 1] < 0 ? -1 : result[ax - 1] + s[ax - 1];
        }
        return result;
    }

    public override Tensor Forward(IReadOnlyList<Tensor> inputs) => F.Concatenate(inputs, Axis);
}

/// <summary>
/// Per-sample dot product along given axes (Keras Dot): contracts axes[0] of the first input with axes[1] of the
/// second (counted with the batch axis). With <c>normalize</c> the inputs are L2-normalised first (cosine similarity).
/// </summary>
public sealed class Dot : Layer
{
    public Dot(int axes, bool normalize = false, string? name = null) : this([axes, axes], normalize, name)
    {
    }

    public Dot(int[] axes, bool normalize = false, string? name = null) : base(name)
    {
        if (axes.Length != 2) throw new ArgumentException($"Dot: axes must be one int or a pair, got {axes.Length} values");
        Axes = (int[])axes.Clone();
        Normalize = normalize;
    }

    public int[] Axes { get; }
    public bool Normalize { get; }

    protected override void OnBuild(IReadOnlyList<int[]> inputShapes)
    {
        if (inputShapes.Count != 2) throw new ArgumentException($"{Describe()}: needs exactly 2 inputs, got {inputShapes.Count}");
        ComputeOutputShape(inputShapes);
    }

    public override int[] ComputeOutputShape(int[] inputShape) => throw new ArgumentException($"{Describe()}: needs a list of 2 inputs");

    public override int[] ComputeOutputShape(IReadOnlyList<int[]> inputShapes)
    {
        var (a, b) = (inputShapes[0], inputShapes[1]);
        int ax = Axes[0] < 0 ? Axes[0] + a.Length + 1 : Axes[0];
        int ay = Axes[1] < 0 ? Axes[1] + b.Length + 1 : Axes[1];
        if (ax <= 0 || ax > a.Length || ay <= 0 || ay > b.Length)
            throw new ArgumentException($"{Describe()}: axes ({Axes[0]}, {Axes[1]}) are out of range for inputs {FormatShape(a)} and {FormatShape(b)}");
        if (a[ax - 1] != b[ay - 1] && a[ax - 1] >= 0 && b[ay - 1] >= 0)
            throw new ArgumentException($"{Describe()}: dimension mismatch on axes ({Axes[0]}, {Axes[1]}): inputs {FormatShape(a)} and {FormatShape(b)}");
        int[] result = [.. a.Where((_, i) => i != ax - 1), .. b.Where((_, i) => i != ay - 1)];
        return result.Length == 0 ? [1] : result;
    }

    public override Tensor Forward(IReadOnlyList<Tensor> inputs)
    {
        var (x, y) = (inputs[0], inputs[1]);
        if (Normalize)
        {
            x = L2Normalize(x, Axes[0]);
            y = L2Normalize(y, Axes[1]);
        }
        return F.BatchDot(x, y, Axes[0], Axes[1]);
    }

    private static Tensor L2Normalize(Tensor x, int axis) => x * ((x * x).Sum(axis, keepDims: true) + 1e-12).Pow(-0.5);
}
