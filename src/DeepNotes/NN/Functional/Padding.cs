using System.Numerics;

namespace DeepNotes.NN;

// Zero padding of NHWC images (Keras ZeroPadding2D).
public static partial class F
{
    /// <summary>Pads x (N, H, W, C) with p rows/columns of zeros on every side.</summary>
    public static Tensor ZeroPadding2D(Tensor x, int p) => ZeroPadding2D(x, p, p, p, p);

    /// <summary>Pads x (N, H, W, C) with zeros: top/bottom rows and left/right columns.</summary>
    public static Tensor ZeroPadding2D(Tensor x, int top, int bottom, int left, int right)
    {
        const string op = "zero_padding2d";
        CheckRank4(x, "input", op);
        x.RequireCpu(op);
        if (top < 0 || bottom < 0 || left < 0 || right < 0)
            throw new ArgumentException($"{op}: pads must be non-negative, got ({top}, {bottom}, {left}, {right})");
        int n = x.Dims[0], h = x.Dims[1], w = x.Dims[2], c = x.Dims[3];
        int ph = h + top + bottom, pw = w + left + right;
        var xc = x.Contiguous();
        var y = Tensor.Zeros([n, ph, pw, c], x.DType);
        if (x.DType == DType.Float32) CopyWindow<float>(xc, y, top, left, toPadded: true);
        else CopyWindow<double>(xc, y, top, left, toPadded: true);
        return Autodiff.Record(y, op, [xc], grad =>
        {
            var gc = grad.AsType(x.DType).Contiguous();
            var dx = Tensor.Empty([n, h, w, c], x.DType);
            if (x.DType == DType.Float32) CopyWindow<float>(dx, gc, top, left, toPadded: false);
            else CopyWindow<double>(dx, gc, top, left, toPadded: false);
            return [dx];
        });
    }

    /// <summary>Copies between an image and its window at (top, left) inside a padded image, in either direction.</summary>
    private static void CopyWindow<T>(Tensor small, Tensor padded, int top, int left, bool toPadded) where T : unmanaged
    {
        int n = small.Dims[0], h = small.Dims[1], w = small.Dims[2], c = small.Dims[3];
        int ph = padded.Dims[1], pw = padded.Dims[2];
        var s = small.Data<T>();
        var p = padded.Data<T>();
        for (int i = 0; i < n; i++)
            for (int r = 0; r < h; r++)
            {
                var a = s.AsSpan(small.Offset + ((i * h + r) * w) * c, w * c);
                var b = p.AsSpan(padded.Offset + ((i * ph + r + top) * pw + left) * c, w * c);
                if (toPadded) a.CopyTo(b);
                else b.CopyTo(a);
            }
    }
}
