namespace DeepNotes;

public sealed partial class Tensor
{
    /// <summary>Whether gradients flow to this tensor. Setting it marks a leaf (a parameter).</summary>
    public bool RequiresGrad
    {
        get => RequiresGradInternal;
        set
        {
            if (!value && GradFn is not null)
                throw new InvalidOperationException($"RequiresGrad: cannot turn off gradients of a non-leaf tensor (made by {GradFn.Name}); use Detach()");
            RequiresGradInternal = value;
            if (value) Storage.Pin();   // a parameter's memory is read by every later step: never recycle it
        }
    }

    internal bool RequiresGradInternal { get; set; }

    /// <summary>The accumulated gradient of a leaf after Backward(); null before.</summary>
    public Tensor? Grad
    {
        get => grad;
        set
        {
            value?.Storage.Pin();   // optimizers read it after the step that made it
            grad = value;
        }
    }

    private Tensor? grad;

    /// <summary>The operation that produced this tensor, when it was recorded.</summary>
    public Node? GradFn { get; internal set; }

    public bool IsLeaf => GradFn is null;

    /// <summary>Marks this tensor as a parameter and returns it (fluent).</summary>
    public Tensor RequireGrad()
    {
        RequiresGrad = true;
        return this;
    }

    /// <summary>The same data, cut from the graph.</summary>
    public Tensor Detach() => new(Storage, shape, strides, Offset);

    public void ZeroGrad() => Grad = null;

    /// <summary>A scope with recording off: <c>using (Tensor.NoGrad()) { ... }</c>.</summary>
    public static NoGradScope NoGrad() => new(false);

    /// <summary>A scope with recording on (inside a NoGrad scope).</summary>
    public static NoGradScope EnableGrad() => new(true);

    /// <summary>
    /// Back-propagates from this tensor. With no argument the tensor must hold one element and is seeded with 1.
    /// Gradients accumulate into the .Grad of leaves that require them (call ZeroGrad between steps).
    /// </summary>
    public void Backward(Tensor? gradient = null)
    {
        if (!RequiresGrad)
            throw new InvalidOperationException("Backward: tensor does not require grad and has no grad_fn");
        if (gradient is null)
        {
            if (Size != 1)
                throw new InvalidOperationException($"Backward: grad can be implicitly created only for a single-element output, got shape {Shape}");
            gradient = OnesLike(this);
        }
        else if (gradient.Shape != Shape)
        {
            throw new ArgumentException($"Backward: gradient shape {gradient.Shape} does not match tensor shape {Shape}");
        }

        var order = TopologicalOrder(this);
        var grads = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance) { [this] = gradient };
        using var _ = NoGrad();
        for (int i = order.Count - 1; i >= 0; i--)
        {
            var t = order[i];
            if (!grads.Remove(t, out var g)) continue;
            if (t.GradFn is null)
            {
                if (t.RequiresGrad) t.Grad = t.Grad is null ? g.Contiguous() : t.Grad + g;
                continue;
            }
            var inputGrads = t.GradFn.BackwardRule(g);
            var inputs = t.GradFn.Inputs;
            for (int k = 0; k < inputs.Count; k++)
            {
                var ig = inputGrads[k];
                var input = inputs[k];
                if (ig is null || !input.RequiresGrad) continue;
                if (ig.Shape != input.Shape)
                    throw new InvalidOperationException($"Backward of {t.GradFn.Name}: gradient shape {ig.Shape} does not match input {k} shape {input.Shape}");
                if (ig.DType != input.DType) ig = ig.AsType(input.DType);
                grads[input] = grads.TryGetValue(input, out var acc) ? acc + ig : ig;
            }
        }
    }

    /// <summary>Tensors reachable from root in an order where every input precedes its consumers (iterative DFS).</summary>
    private static List<Tensor> TopologicalOrder(Tensor root)
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor Tensor, int Next)>();
        stack.Push((root, 0));
        visited.Add(root);
        while (stack.Count > 0)
        {
            var (t, next) = stack.Pop();
            var inputs = t.GradFn?.Inputs;
            if (inputs is not null && next < inputs.Count)
            {
                stack.Push((t, next + 1));
                var child = inputs[next];
                if (child.RequiresGrad && visited.Add(child)) stack.Push((child, 0));
            }
            else
            {
                order.Add(t);
            }
        }
        return order;
    }
}
