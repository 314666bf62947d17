using DeepNotes.Kernels;

namespace DeepNotes.Gpu.Kernels;

internal enum ReduceOp { Sum, SumOfSquares, Product, Max, Min }

internal enum RowOp { Softmax, LogSoftmax, SoftmaxBackward, LogSoftmaxBackward }

/// <summary>
/// Maps the engine's CPU operator structs (by type) to the GPU kernels' op codes. An operator missing here
/// falls back to the CPU engine with a round trip (see <see cref="GpuBackend"/>), so new engine ops keep working.
/// </summary>
internal static class OperatorMap
{
    public static readonly IReadOnlyDictionary<Type, UnaryOp> Unary = new Dictionary<Type, UnaryOp>
    {
        [typeof(NegateOperator)] = UnaryOp.Negate,
        [typeof(ExpOperator)] = UnaryOp.Exp,
        [typeof(LogOperator)] = UnaryOp.Log,
        [typeof(SqrtOperator)] = UnaryOp.Sqrt,
        [typeof(AbsOperator)] = UnaryOp.Abs,
        [typeof(SquareOperator)] = UnaryOp.Square,
        [typeof(ReciprocalOperator)] = UnaryOp.Reciprocal,
        [typeof(SinOperator)] = UnaryOp.Sin,
        [typeof(CosOperator)] = UnaryOp.Cos,
        [typeof(SignOperator)] = UnaryOp.Sign,
        [typeof(Log1pOperator)] = UnaryOp.Log1p,
        [typeof(Expm1Operator)] = UnaryOp.Expm1,
        [typeof(SigmoidOperator)] = UnaryOp.Sigmoid,
        [typeof(TanhOperator)] = UnaryOp.Tanh,
        [typeof(ReluOperator)] = UnaryOp.Relu,
        [typeof(SoftplusOperator)] = UnaryOp.Softplus,
    };

    public static readonly IReadOnlyDictionary<Type, BinaryOp> Binary = new Dictionary<Type, BinaryOp>
    {
        [typeof(AddOperator)] = BinaryOp.Add,
        [typeof(SubtractOperator)] = BinaryOp.Subtract,
        [typeof(MultiplyOperator)] = BinaryOp.Multiply,
        [typeof(DivideOperator)] = BinaryOp.Divide,
        [typeof(PowOperator)] = BinaryOp.Pow,
        [typeof(MaximumOperator)] = BinaryOp.Maximum,
        [typeof(MinimumOperator)] = BinaryOp.Minimum,
        [typeof(WinnerShareOperator)] = BinaryOp.WinnerShare,
        [typeof(SigmoidBackwardOperator)] = BinaryOp.SigmoidBackward,
        [typeof(TanhBackwardOperator)] = BinaryOp.TanhBackward,
        [typeof(ReluBackwardOperator)] = BinaryOp.ReluBackward,
        [typeof(LeakyReluOperator)] = BinaryOp.LeakyRelu,
        [typeof(LeakySlopeOperator)] = BinaryOp.LeakySlope,
        [typeof(EluOperator)] = BinaryOp.Elu,
        [typeof(EluSlopeOperator)] = BinaryOp.EluSlope,
        [typeof(EqualOperator)] = BinaryOp.Equal,
        [typeof(NotEqualOperator)] = BinaryOp.NotEqual,
        [typeof(GreaterOperator)] = BinaryOp.Greater,
        [typeof(GreaterEqualOperator)] = BinaryOp.GreaterEqual,
        [typeof(LessOperator)] = BinaryOp.Less,
        [typeof(LessEqualOperator)] = BinaryOp.LessEqual,
    };

    public static readonly IReadOnlyDictionary<Type, ReduceOp> Reduce = new Dictionary<Type, ReduceOp>
    {
        [typeof(SumReduction)] = ReduceOp.Sum,
        [typeof(SumOfSquaresReduction)] = ReduceOp.SumOfSquares,
        [typeof(ProductReduction)] = ReduceOp.Product,
        [typeof(MaxReduction)] = ReduceOp.Max,
        [typeof(MinReduction)] = ReduceOp.Min,
    };

    public static readonly IReadOnlyDictionary<Type, RowOp> Rows = new Dictionary<Type, RowOp>
    {
        [typeof(SoftmaxRow)] = RowOp.Softmax,
        [typeof(LogSoftmaxRow)] = RowOp.LogSoftmax,
        [typeof(SoftmaxBackwardRow)] = RowOp.SoftmaxBackward,
        [typeof(LogSoftmaxBackwardRow)] = RowOp.LogSoftmaxBackward,
    };
}
