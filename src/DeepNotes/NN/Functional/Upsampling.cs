using System.Numerics;
using System.Numerics.Tensors;

namespace DeepNotes.NN;

// Nearest-neighbour upsampling of NHWC images (Keras UpSampling2D, interpolation="nearest").
public static partial class F
{
    /// <summary>Repeats every pixel of x (N, H, W, C) size×size times: (N, H·size, W·size, C).</summary>
    public static Tensor UpSampling2D(Tensor x, int size = 2) => UpSampling2D(x, (size, size));

    /// <summary>Repeats every row size.H times and every column size.W times.</summary>
    public static Tensor UpSampling2D(Tensor x, (int H, int W) size)
    {
        const string op = "upsampling2d";
        CheckRank4(x, "input", op);
        x.RequireCpu(op);
        if (size.H <= 0 || size.W <= 0) throw new ArgumentException($"{op}: size must be positive, got ({size.H}, {size.W})");
        int n = x.Dims[0], h = x.Dims[1], w = x.Dims[2], c = x.Dims[3];
        var xc = x.Contiguous();
        var y = Tensor.Empty([n, h * size.H, w * size.W, c], x.DType);
        if (x.DType == DType.Float32) Upsample<float>(xc, y, size.H, size.W);
        else Upsample<double>(xc, y, size.H, size.W);
        return Autodiff.Record(y, op, [xc], grad =>
        {
            var gc = grad.AsType(x.DType).Contiguous();
            var dx = Tensor.Zeros([n, h, w, c], x.DType);
            if (x.DType == DType.Float32) UpsampleBackward<float>(gc, dx, size.H, size.W);
            else UpsampleBackward<double>(gc, dx, size.H, size.W);
            return [dx];
        });
    }

    private static void Upsample<T>(Tensor x, Tensor y, int sh, int sw) where T : unmanaged
    {
        int n = x.Dims[0], h = x.Dims[1], w = x.Dims[2], c = x.Dims[3], yw = w * sw;
        var s = x.Data<T>();
        var d = y.Data<T>();
        for (int i = 0; i < n; i++)
            for (int r = 0; r < h; r++)
            {
                int firstRow = y.Offset + ((i * h + r) * sh) * yw * c;
                var dst = d.AsSpan(firstRow, yw * c);
                for (int col = 0; col < w; col++)
                {
                    var px = s.AsSpan(x.Offset + ((i * h + r) * w + col) * c, c);
                    for (int k = 0; k < sw; k++) px.CopyTo(dst.Slice((col * sw + k) * c));
                }
                for (int k = 1; k < sh; k++) dst.CopyTo(d.AsSpan(firstRow + k * yw * c, yw * c));
            }
    }

    private static void UpsampleBackward<T>(Tensor dy, Tensor dx, int sh, int sw) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = dx.Dims[0], h = dx.Dims[1], w = dx.Dims[2], c = dx.Dims[3], yw = w * sw;
        var s = dy.Data<T>();
        var d = dx.Data<T>();
        for (int i = 0; i < n; i++)
            for (int r = 0; r < h; r++)
                for (int k = 0; k < sh; k++)
                {
                    var src = s.AsSpan(dy.Offset + ((i * h + r) * sh + k) * yw * c, yw * c);
                    for (int col = 0; col < w; col++)
                    {
                        var px = d.AsSpan(dx.Offset + ((i * h + r) * w + col) * c, c);
                        for (int q = 0; q < sw; q++) TensorPrimitives.Add<T>(px, src.Slice((col * sw + q) * c, c), px);
                    }
                }
    }
}
