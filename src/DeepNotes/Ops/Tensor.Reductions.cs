using DeepNotes.Kernels;

namespace DeepNotes;

// Reductions over axes with numpy's axis/keepdims semantics.
public sealed partial class Tensor
{
    public Tensor Sum(int? axis = null, bool keepDims = false) => Sum(axis is null ? null : [axis.Value], keepDims);

    public Tensor Sum(int[]? axes, bool keepDims = false)
    {
        var mask = Reduction.AxesMask(Rank, axes, "sum");
        var r = Reduction.Reduce<SumReduction>(this, mask, "sum");
        var keep = KeptShape(mask);
        if (keepDims) r = r.ReshapeNoGrad(keep);
        var original = ShapeCopy();
        return Autodiff.Record(r, "sum", [this], g => [g.Reshape(keep).BroadcastTo(original)]);
    }

    public Tensor Mean(int? axis = null, bool keepDims = false) => Mean(axis is null ? null : [axis.Value], keepDims);

    public Tensor Mean(int[]? axes, bool keepDims = false)
    {
        var mask = Reduction.AxesMask(Rank, axes, "mean");
        int count = 1;
        for (int i = 0; i < Rank; i++) if (mask[i]) count *= shape[i];
        return Sum(axes, keepDims) / count;
    }

    public Tensor Max(int? axis = null, bool keepDims = false) => Extremum<MaxReduction>(axis is null ? null : [axis.Value], keepDims, "max");
    public Tensor Max(int[]? axes, bool keepDims = false) => Extremum<MaxReduction>(axes, keepDims, "max");
    public Tensor Min(int? axis = null, bool keepDims = false) => Extremum<MinReduction>(axis is null ? null : [axis.Value], keepDims, "min");
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
