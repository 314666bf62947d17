using DeepNotes.Kernels;

namespace DeepNotes;

// Reductions over axes with numpy's axis/keepdims semantics. axis null means every axis; an int[] names
// several; negative axes count from the end. Each differentiable reduction records its backward rule.
public sealed partial class Tensor
{
    public Tensor Sum(int? axis = null, bool keepDims = false) => Sum(AxisList(axis), keepDims);

    public Tensor Sum(int[]? axes, bool keepDims = false)
    {
        var mask = Reduction.AxesMask(Rank, axes, "sum");
        var r = Reduction.Reduce<SumReduction>(this, mask, "sum");
        var keep = KeptShape(mask);
        if (keepDims) r = r.ReshapeNoGrad(keep);
        var original = ShapeCopy();
        return Autodiff.Record(r, "sum", [this], g => [g.Reshape(keep).BroadcastTo(original)]);
    }

    public Tensor Mean(int? axis = null, bool keepDims = false) => Mean(AxisList(axis), keepDims);

    /// <summary>The arithmetic mean; NaN over zero elements, like numpy (which also warns).</summary>
    public Tensor Mean(int[]? axes, bool keepDims = false)
    {
        var mask = Reduction.AxesMask(Rank, axes, "mean");
        return Sum(axes, keepDims) / CountOf(mask);
    }

    public Tensor Max(int? axis = null, bool keepDims = false) => Extremum<MaxReduction>(AxisList(axis), keepDims, "max");
    public Tensor Max(int[]? axes, bool keepDims = false) => Extremum<MaxReduction>(axes, keepDims, "max");
    public Tensor Min(int? axis = null, bool keepDims = false) => Extremum<MinReduction>(AxisList(axis), keepDims, "min");
    public Tensor Min(int[]? axes, bool keepDims = false) => Extremum<MinReduction>(axes, keepDims, "min");

    private Tensor Extremum<TOp>(int[]? axes, bool keepDims, string op) where TOp : IReductionOperator
    {
        var mask = Reduction.AxesMask(Rank, axes, op);
        var r = Reduction.Reduce<TOp>(this, mask, op);
        var keep = KeptShape(mask);
        var rKeep = r.ReshapeNoGrad(keep);
        if (keepDims) r = rKeep;
        var x = this;
        // The gradient goes to the elements equal to the extremum, split evenly among ties (like PyTorch's amax).
        return Autodiff.Record(r, op, [this], g =>
        {
            var hit = Equal(x, rKeep);
            var count = hit.Sum(axes, keepDims: true);
            return [hit * g.Reshape(keep) / count];
        });
    }

    /// <summary>Variance (numpy.var): mean of squared deviations, divided by N − ddof (ddof = 1 for the sample variance).</summary>
    public Tensor Var(int? axis = null, int ddof = 0, bool keepDims = false) => Var(AxisList(axis), ddof, keepDims);

    public Tensor Var(int[]? axes, int ddof = 0, bool keepDims = false)
    {
        var mask = Reduction.AxesMask(Rank, axes, "var");
        if (ddof < 0) throw new ArgumentOutOfRangeException(nameof(ddof), $"var: ddof must be non-negative, got {ddof}");
        var keep = KeptShape(mask);
        double divisor = CountOf(mask) - ddof;
        Tensor r, centered;
        using (NoGrad())
        {
            var mean = Reduction.Reduce<SumReduction>(this, mask, "var").ReshapeNoGrad(keep) / (double)CountOf(mask);
            centered = this - mean;   // two passes, like numpy, for accuracy
            r = Reduction.Reduce<SumOfSquaresReduction>(centered, mask, "var") / divisor;
            if (keepDims) r = r.ReshapeNoGrad(keep);
        }
        return Autodiff.Record(r, "var", [this], g => [g.Reshape(keep) * centered * (2.0 / divisor)]);
    }

    /// <summary>Standard deviation (numpy.std): sqrt of Var with the same ddof.</summary>
    public Tensor Std(int? axis = null, int ddof = 0, bool keepDims = false) => Var(axis, ddof, keepDims).Sqrt();
    public Tensor Std(int[]? axes, int ddof = 0, bool keepDims = false) => Var(axes, ddof, keepDims).Sqrt();

    /// <summary>Product of elements (numpy.prod); the gradient is exact with zeros too (prefix/suffix products).</summary>
    public Tensor Prod(int? axis = null, bool keepDims = false) => Prod(AxisList(axis), keepDims);

    public Tensor Prod(int[]? axes, bool keepDims = false)
    {
        var mask = Reduction.AxesMask(Rank, axes, "prod");
        var r = Reduction.Reduce<ProductReduction>(this, mask, "prod");
        var keep = KeptShape(mask);
        if (keepDims) r = r.ReshapeNoGrad(keep);
        var x = this;
        return Autodiff.Record(r, "prod", [this], g => [ProductGradient.Compute(x, mask) * g.Reshape(keep)]);
    }

    /// <summary>
    /// numpy.linalg.norm. With ord null: the 2-norm of the flattened values over the axes (Frobenius for
    /// matrices). Over one axis (or a 1-D tensor), ord is a vector norm: 1, 2, ∞, −∞, 0 (count of nonzeros) or any p.
    /// Over two axes (or a 2-D tensor with ord given), ord is a matrix norm: 1 (max column sum), −1, ∞ (max row
    /// sum), −∞; the spectral norms (±2) need an SVD and are refused.
    /// </summary>
    public Tensor Norm(double? ord = null, int[]? axes = null, bool keepDims = false)
    {
        if (ord is null)
        {
            var all = Reduction.AxesMask(Rank, axes, "norm");
            return L2Norm(all, keepDims);
        }
        axes ??= Rank switch
        {
            1 => [0],
            2 => [0, 1],
            _ => throw new ArgumentException($"norm: ord={ord} needs axis for a tensor of rank {Rank} (shape {Shape}): improper number of dimensions to norm"),
        };
        var mask = Reduction.AxesMask(Rank, axes, "norm");
        if (axes.Length == 1) return VectorNorm(ord.Value, axes[0], keepDims);
        if (axes.Length == 2) return MatrixNorm(ord.Value, Shape.NormalizeAxis(axes[0], Rank, "norm"), Shape.NormalizeAxis(axes[1], Rank, "norm"), keepDims);
        throw new ArgumentException($"norm: ord={ord} over {axes.Length} axes {DeepNotes.Shape.Format(axes)}: improper number of dimensions to norm");
    }

    /// <summary>numpy.linalg.norm over one axis.</summary>
    public Tensor Norm(double? ord, int axis, bool keepDims = false) => Norm(ord, [axis], keepDims);

    private Tensor L2Norm(bool[] mask, bool keepDims)
    {
        var keep = KeptShape(mask);
        var r = Reduction.Reduce<SumOfSquaresReduction>(this, mask, "norm").Sqrt();
        var rKeep = r.ReshapeNoGrad(keep);
        if (keepDims) r = rKeep;
        var x = this;
        // d‖x‖/dx = x/‖x‖, taken as 0 at ‖x‖ = 0 (a subgradient) rather than 0/0.
        return Autodiff.Record(r, "norm", [this], g =>
            [Where(Equal(rKeep, 0.0), 0.0, x * (g.Reshape(keep) / rKeep))]);
    }

    private Tensor VectorNorm(double ord, int axis, bool keepDims)
    {
        if (ord == 2) return L2Norm(Reduction.AxesMask(Rank, [axis], "norm"), keepDims);
        if (double.IsPositiveInfinity(ord)) return Abs().Max(axis, keepDims);
        if (double.IsNegativeInfinity(ord)) return Abs().Min(axis, keepDims);
        if (ord == 0) return NotEqual(this, 0.0).Sum(axis, keepDims);
        if (ord == 1) return Abs().Sum(axis, keepDims);
        if (double.IsNaN(ord)) throw new ArgumentException("norm: ord must not be NaN");
        return Abs().Pow(ord).Sum(axis, keepDims).Pow(1.0 / ord);
    }

    private Tensor MatrixNorm(double ord, int rowAxis, int colAxis, bool keepDims)
    {
        if (rowAxis == colAxis) throw new ArgumentException($"norm: duplicate axes given ({rowAxis}, {colAxis})");
        // Reduce with keepdims so axis numbers stay valid, then drop the two axes if asked.
        Tensor r = ord switch
        {
            1 => Abs().Sum(rowAxis, keepDims: true).Max(colAxis, keepDims: true),
            -1 => Abs().Sum(rowAxis, keepDims: true).Min(colAxis, keepDims: true),
            double.PositiveInfinity => Abs().Sum(colAxis, keepDims: true).Max(rowAxis, keepDims: true),
            double.NegativeInfinity => Abs().Sum(colAxis, keepDims: true).Min(rowAxis, keepDims: true),
            2 or -2 => throw new NotSupportedException($"norm: ord={ord} for matrices (the spectral norm) needs an SVD, which DeepNotes does not provide"),
            _ => throw new ArgumentException($"norm: invalid norm order {ord} for matrices (use null for Frobenius, 1, -1, inf or -inf)"),
        };
        if (keepDims) return r;
        var dims = ShapeCopy().Where((_, i) => i != rowAxis && i != colAxis).ToArray();
        return r.Reshape(dims);
    }

    /// <summary>log Σ eˣ over axes, stable (the max is subtracted first); handy for losses from logits.</summary>
    public Tensor LogSumExp(int? axis = null, bool keepDims = false) => LogSumExp(AxisList(axis), keepDims);

    public Tensor LogSumExp(int[]? axes, bool keepDims = false)
    {
        Tensor m;
        using (NoGrad()) m = Max(axes, keepDims: true);
        var finite = Where(Equal(m.Abs(), double.PositiveInfinity), 0.0, m);   // keeps all −∞ rows at −∞, not NaN
        var r = (this - finite).Exp().Sum(axes, keepDims: true).Log() + finite;
        if (keepDims) return r;
        var mask = Reduction.AxesMask(Rank, axes, "logsumexp");
        var dims = ShapeCopy().Where((_, i) => !mask[i]).ToArray();
        return r.Reshape(dims);
    }

    /// <summary>
    /// Index of the maximum (numpy.argmax) along an axis, or into the flattened tensor when axis is null.
    /// Indices are returned as a float64 tensor (numpy returns int64); the first occurrence wins.
    /// </summary>
    public Tensor ArgMax(int? axis = null, bool keepDims = false) => ArgExtremum(axis, keepDims, max: true, "argmax");

    /// <summary>Index of the minimum (numpy.argmin); see ArgMax.</summary>
    public Tensor ArgMin(int? axis = null, bool keepDims = false) => ArgExtremum(axis, keepDims, max: false, "argmin");

    private Tensor ArgExtremum(int? axis, bool keepDims, bool max, string op)
    {
        var r = Reduction.ArgExtremum(this, axis, max, op);
        if (!keepDims) return r;
        var keep = axis is null ? Enumerable.Repeat(1, Rank).ToArray() : KeptShape(Reduction.AxesMask(Rank, [axis.Value], op));
        return r.ReshapeNoGrad(keep);
    }

    private static int[]? AxisList(int? axis) => axis is null ? null : [axis.Value];

    private int CountOf(bool[] mask)
    {
        int count = 1;
        for (int i = 0; i < Rank; i++) if (mask[i]) count *= shape[i];
        return count;
    }

    /// <summary>The input shape with reduced axes set to 1 (what keepdims=True gives).</summary>
    private int[] KeptShape(bool[] mask)
    {
        var keep = ShapeCopy();
        for (int i = 0; i < keep.Length; i++) if (mask[i]) keep[i] = 1;
        return keep;
    }

    /// <summary>Sums a broadcast result back to a shape it was broadcast from (the backward of broadcasting).</summary>
    public Tensor SumTo(int[] target)
    {
        if (shape.AsSpan().SequenceEqual(target)) return this;
        int lead = Rank - target.Length;
        if (lead < 0) throw new ArgumentException($"sum_to: cannot reduce shape {Shape} to the larger rank of {DeepNotes.Shape.Format(target)}");
        var axes = new List<int>();
        for (int i = 0; i < Rank; i++)
        {
            if (i < lead) axes.Add(i);
            else if (target[i - lead] == 1 && shape[i] != 1) axes.Add(i);
            else if (target[i - lead] != shape[i])
                throw new ArgumentException($"sum_to: shape {Shape} was not broadcast from {DeepNotes.Shape.Format(target)}");
        }
        return Sum(axes.ToArray(), keepDims: true).Reshape(target);
    }
}
