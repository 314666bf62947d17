using ILGPU;

namespace DeepNotes.Gpu.Kernels;

/// <summary>GPU codes for the engine's unary operator structs (see <see cref="OperatorMap"/>).</summary>
internal enum UnaryOp
{
    Identity, Negate, Exp, Log, Sqrt, Abs, Square, Reciprocal, Sin, Cos, Sign, Log1p, Expm1,
    Sigmoid, Tanh, Relu, Softplus,
}

/// <summary>GPU codes for the engine's binary operator structs.</summary>
internal enum BinaryOp
{
    Add, Subtract, Multiply, Divide, Pow, Maximum, Minimum, WinnerShare,
    SigmoidBackward, TanhBackward, ReluBackward, LeakyRelu, LeakySlope, Elu, EluSlope,
    Equal, NotEqual, Greater, GreaterEqual, Less, LessEqual,
}

/// <summary>
/// Elementwise kernels: one thread per output element, inputs read through <see cref="Layout"/>s (views and
/// broadcasting cost no copies), the op picked by a code that is uniform across the launch (no divergence).
/// </summary>
internal static class ElementwiseKernels
{
    public static void Unary<T, TNum>(Index1D i, ArrayView<T> x, Layout lx, ArrayView<T> y, int op)
        where T : unmanaged where TNum : struct, INum<T>
        => y[i] = ApplyUnary<T, TNum>(op, x[lx.At(i)]);

    public static void Binary<T, TNum>(Index1D i, ArrayView<T> a, Layout la, ArrayView<T> b, Layout lb, ArrayView<T> y, int op)
        where T : unmanaged where TNum : struct, INum<T>
        => y[i] = ApplyBinary<T, TNum>(op, a[la.At(i)], b[lb.At(i)]);

    /// <summary>op(a, s) or, with scalarLeft = 1, op(s, a): a host scalar passed by value (no upload).</summary>
    public static void BinaryScalar<T, TNum>(Index1D i, ArrayView<T> a, Layout la, T s, ArrayView<T> y, int op, int scalarLeft)
        where T : unmanaged where TNum : struct, INum<T>
        => y[i] = scalarLeft != 0 ? ApplyBinary<T, TNum>(op, s, a[la.At(i)]) : ApplyBinary<T, TNum>(op, a[la.At(i)], s);

    /// <summary>Converts (and gathers) float64 → float32.</summary>
    public static void ToSingle(Index1D i, ArrayView<double> x, Layout lx, ArrayView<float> y) => y[i] = (float)x[lx.At(i)];

    /// <summary>Converts (and gathers) float32 → float64.</summary>
    public static void ToDouble(Index1D i, ArrayView<float> x, Layout lx, ArrayView<double> y) => y[i] = x[lx.At(i)];

    /// <summary>Writes value through a layout (fills views in place).</summary>
    public static void Fill<T>(Index1D i, ArrayView<T> y, Layout ly, T value) where T : unmanaged => y[ly.At(i)] = value;

    public static T ApplyUnary<T, TNum>(int op, T x) where T : unmanaged where TNum : struct, INum<T>
    {
        var n = default(TNum);
        switch ((UnaryOp)op)
        {
            case UnaryOp.Identity: return x;
            case UnaryOp.Negate: return n.Neg(x);
            case UnaryOp.Exp: return n.Exp(x);
            case UnaryOp.Log: return n.Log(x);
            case UnaryOp.Sqrt: return n.Sqrt(x);
            case UnaryOp.Abs: return n.Abs(x);
            case UnaryOp.Square: return n.Mul(x, x);
            case UnaryOp.Reciprocal: return n.Div(n.One, x);
            case UnaryOp.Sin: return n.Sin(x);
            case UnaryOp.Cos: return n.Cos(x);
            case UnaryOp.Sign: return n.Gt(x, n.Zero) ? n.One : n.Gt(n.Zero, x) ? n.Neg(n.One) : x;
            case UnaryOp.Log1p: return Log1p<T, TNum>(x);
            case UnaryOp.Expm1: return Expm1<T, TNum>(x);
            case UnaryOp.Sigmoid: return n.Div(n.One, n.Add(n.One, n.Exp(n.Neg(x))));
            case UnaryOp.Tanh: return n.Tanh(x);
            case UnaryOp.Relu: return n.Gt(x, n.Zero) ? x : n.Zero;
            case UnaryOp.Softplus:
                if (n.IsNaN(x)) return x;
                return n.Add(n.Gt(x, n.Zero) ? x : n.Zero, Log1p<T, TNum>(n.Exp(n.Neg(n.Abs(x)))));
            default: return x;
        }
    }

    public static T ApplyBinary<T, TNum>(int op, T x, T y) where T : unmanaged where TNum : struct, INum<T>
    {
        var n = default(TNum);
        switch ((BinaryOp)op)
        {
            case BinaryOp.Add: return n.Add(x, y);
            case BinaryOp.Subtract: return n.Sub(x, y);
            case BinaryOp.Multiply: return n.Mul(x, y);
            case BinaryOp.Divide: return n.Div(x, y);
            case BinaryOp.Pow: return n.Pow(x, y);
            case BinaryOp.Maximum: return n.IsNaN(x) ? x : n.IsNaN(y) ? y : n.Gt(y, x) ? y : x;
            case BinaryOp.Minimum: return n.IsNaN(x) ? x : n.IsNaN(y) ? y : n.Gt(x, y) ? y : x;
            case BinaryOp.WinnerShare: return n.Gt(x, y) ? n.One : n.Eq(x, y) ? n.From(0.5) : n.Zero;
            case BinaryOp.SigmoidBackward: return n.Mul(n.Mul(x, y), n.Sub(n.One, y));
            case BinaryOp.TanhBackward: return n.Mul(x, n.Sub(n.One, n.Mul(y, y)));
            case BinaryOp.ReluBackward: return n.Gt(y, n.Zero) ? x : n.Zero;
            case BinaryOp.LeakyRelu: return n.Gt(x, n.Zero) ? x : n.Mul(y, x);
            case BinaryOp.LeakySlope: return n.Gt(x, n.Zero) ? n.One : y;
            case BinaryOp.Elu: return n.Gt(x, n.Zero) ? x : n.Mul(y, Expm1<T, TNum>(x));
            case BinaryOp.EluSlope: return n.Gt(x, n.Zero) ? n.One : n.Add(x, y);
            case BinaryOp.Equal: return n.Eq(x, y) ? n.One : n.Zero;
            case BinaryOp.NotEqual: return n.Eq(x, y) ? n.Zero : n.One;
            case BinaryOp.Greater: return n.Gt(x, y) ? n.One : n.Zero;
            case BinaryOp.GreaterEqual: return n.Gt(x, y) || n.Eq(x, y) ? n.One : n.Zero;
            case BinaryOp.Less: return n.Gt(y, x) ? n.One : n.Zero;
            case BinaryOp.LessEqual: return n.Gt(y, x) || n.Eq(x, y) ? n.One : n.Zero;
            default: return x;
        }
    }

    /// <summary>log(1 + x) accurate near 0: log(u)·x/(u − 1) with u = 1 + x (Goldberg's trick).</summary>
    private static T Log1p<T, TNum>(T x) where T : unmanaged where TNum : struct, INum<T>
    {
        var n = default(TNum);
        var u = n.Add(n.One, x);
        if (n.Eq(u, n.One)) return x;
        var d = n.Sub(u, n.One);
        if (n.IsNaN(u) || n.Eq(u, n.MaxValue) || n.Eq(d, n.Zero)) return n.Log(u);
        return n.Div(n.Mul(n.Log(u), x), d);
    }

    /// <summary>eˣ − 1 accurate near 0: (u − 1)·x/log(u) with u = eˣ (Kahan's trick).</summary>
    private static T Expm1<T, TNum>(T x) where T : unmanaged where TNum : struct, INum<T>
    {
        var n = default(TNum);
        var u = n.Exp(x);
        if (n.Eq(u, n.One)) return x;
        var um1 = n.Sub(u, n.One);
        if (n.Eq(um1, n.Neg(n.One))) return um1;
        if (n.IsNaN(u) || n.Eq(u, n.MaxValue)) return um1;
        return n.Div(n.Mul(um1, x), n.Log(u));
    }
}

/// <summary>Strided copies in both directions (writes into views).</summary>
internal static class CopyKernels
{
    public static void Copy<T>(Index1D i, ArrayView<T> x, Layout lx, ArrayView<T> y, Layout ly) where T : unmanaged => y[ly.At(i)] = x[lx.At(i)];
}
