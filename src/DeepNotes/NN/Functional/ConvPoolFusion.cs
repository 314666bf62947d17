using System.Runtime.CompilerServices;
using DeepNotes.Kernels.Conv;

namespace DeepNotes.NN;

// Max pooling right after a convolution (Conv2D → MaxPool2D, with a fused relu, a separate relu or none) differentiates through
// both at once: the pool is recorded as a function of the conv's own inputs, and its backward adds each winner's
// gradient to dx, dw and db directly (see PooledConvBackward), so the conv output's gradient — dense, but almost all
// zeros — is never built. The conv output keeps its own recorded node, so any other use of it still differentiates
// through the conv as usual and the two contributions add up in Backward.
public static partial class F
{
    /// <summary>How a recorded CPU convolution produced its output: what the pool needs to differentiate through it.</summary>
    private sealed record ConvSource(ConvGeometry Geometry, Tensor X, Tensor W, Tensor? B, bool Relu, Tensor[] Inputs);

    /// <summary>Recorded conv outputs (weakly held: an entry lives as long as its output tensor).</summary>
    private static readonly ConditionalWeakTable<Tensor, ConvSource> ConvOutputs = new();

    /// <summary>Remembers how y was computed when it was recorded, so a max pool over it can fuse its backward.</summary>
    private static void RememberConv(Tensor y, ConvGeometry g, Tensor x, Tensor w, Tensor? b, bool relu, Tensor[] inputs)
    {
        if (y.GradFn is not null) ConvOutputs.AddOrUpdate(y, new ConvSource(g, x, w, b, relu, inputs));
    }

    /// <summary>
    /// Records the max pool y of xc (winners in argmax, pool geometry pg) as a function of the conv inputs when xc is
    /// a recorded conv output; false when it is not (the caller records the plain pool).
    /// </summary>
    private static bool TryRecordPooledConv(Tensor xc, Tensor y, int[] argmax, ConvGeometry pg)
    {
        if (!Autodiff.IsRecording(xc)) return false;
        bool relu;
        if (ConvOutputs.TryGetValue(xc, out var src)) relu = src.Relu;
        // A separate relu between them (Keras' Conv2D → ReLU() → MaxPool2D): max(relu(z)) = relu(max z), and the
        // relu's gradient at the winner (z > 0) is the pooled value > 0, so it folds in the same way.
        else if (xc.GradFn is { Name: "relu", Inputs.Count: 1 } node && ConvOutputs.TryGetValue(node.Inputs[0], out src)) relu = true;
        else return false;
        var g = src.Geometry;
        var dt = xc.DType;
        int poolPixels = pg.Pixels;
        Autodiff.Record(y, relu ? "conv2d_relu_max_pool2d" : "conv2d_max_pool2d", src.Inputs, grad =>
        {
            var gc = grad.AsType(dt).Contiguous();
            var dx = src.X.RequiresGrad ? Tensor.Zeros(src.X.ShapeCopy(), dt) : null;
            var dw = src.W.RequiresGrad ? Tensor.Empty(src.W.ShapeCopy(), dt) : null;
            var db = src.B is { RequiresGrad: true } ? Tensor.Empty([g.O], dt) : null;
            if (dt == DType.Float32) PooledConv<float>(g, poolPixels, gc, y, argmax, relu, src, dx, dw, db);
            else PooledConv<double>(g, poolPixels, gc, y, argmax, relu, src, dx, dw, db);
            return src.B is null ? [dx, dw] : [dx, dw, db];
        });
        return true;
    }

    private static void PooledConv<T>(ConvGeometry g, int poolPixels, Tensor gp, Tensor pooled, int[] argmax, bool relu, ConvSource src,
        Tensor? dx, Tensor? dw, Tensor? db) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        => PooledConvBackward.Run<T>(g, poolPixels, gp.Data<T>(), gp.Offset, pooled.Data<T>(), argmax, relu,
            src.X.Data<T>(), src.X.Offset, src.W.Data<T>(), src.W.Offset, dx?.Data<T>(), dw?.Data<T>(), db?.Data<T>());
}
