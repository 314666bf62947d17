using ILGPU.Algorithms;

namespace DeepNotes.Gpu.Kernels;

/// <summary>
/// Arithmetic on one element type inside kernels. ILGPU compiles a generic kernel once per (T, TNum) pair, and
/// calls on <c>default(TNum)</c> inline, so one kernel source serves float32 and float64.
/// </summary>
internal interface INum<T> where T : unmanaged
{
    T Zero { get; }
    T One { get; }
    T From(double x);
    double ToDouble(T x);
    T Add(T a, T b);
    T Sub(T a, T b);
    T Mul(T a, T b);
    T Div(T a, T b);
    T Neg(T a);
    bool Gt(T a, T b);
    bool Eq(T a, T b);
    bool IsNaN(T a);
    T Exp(T a);
    T Log(T a);
    T Sqrt(T a);
    T Abs(T a);
    T Tanh(T a);
    T Sin(T a);
    T Cos(T a);
    T Pow(T a, T b);
    T MinValue { get; }
    T MaxValue { get; }
}

internal readonly struct F32 : INum<float>
{
    public float Zero => 0f;
    public float One => 1f;
    public float From(double x) => (float)x;
    public double ToDouble(float x) => x;
    public float Add(float a, float b) => a + b;
    public float Sub(float a, float b) => a - b;
    public float Mul(float a, float b) => a * b;
    public float Div(float a, float b) => a / b;
    public float Neg(float a) => -a;
    public bool Gt(float a, float b) => a > b;
    public bool Eq(float a, float b) => a == b;
    public bool IsNaN(float a) => a != a;
    public float Exp(float a) => XMath.Exp(a);
    public float Log(float a) => XMath.Log(a);
    public float Sqrt(float a) => XMath.Sqrt(a);
    public float Abs(float a) => XMath.Abs(a);
    public float Tanh(float a) => XMath.Tanh(a);
    public float Sin(float a) => XMath.Sin(a);
    public float Cos(float a) => XMath.Cos(a);
    public float Pow(float a, float b) => XMath.Pow(a, b);
    public float MinValue => float.NegativeInfinity;
    public float MaxValue => float.PositiveInfinity;
}

internal readonly struct F64 : INum<double>
{
    public double Zero => 0d;
    public double One => 1d;
    public double From(double x) => x;
    public double ToDouble(double x) => x;
    public double Add(double a, double b) => a + b;
    public double Sub(double a, double b) => a - b;
    public double Mul(double a, double b) => a * b;
    public double Div(double a, double b) => a / b;
    public double Neg(double a) => -a;
    public bool Gt(double a, double b) => a > b;
    public bool Eq(double a, double b) => a == b;
    public bool IsNaN(double a) => a != a;
    public double Exp(double a) => XMath.Exp(a);
    public double Log(double a) => XMath.Log(a);
    public double Sqrt(double a) => XMath.Sqrt(a);
    public double Abs(double a) => XMath.Abs(a);
    public double Tanh(double a) => XMath.Tanh(a);
    public double Sin(double a) => XMath.Sin(a);
    public double Cos(double a) => XMath.Cos(a);
    public double Pow(double a, double b) => XMath.Pow(a, b);
    public double MinValue => double.NegativeInfinity;
    public double MaxValue => double.PositiveInfinity;
}
