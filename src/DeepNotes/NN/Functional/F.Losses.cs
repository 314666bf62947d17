namespace DeepNotes.NN;

public static partial class F
{
    /// <summary>Keras's epsilon: probabilities are clipped to [ε, 1 − ε] before taking logs.</summary>
    public const double Epsilon = 1e-7;

    /// <summary>
    /// Binary cross-entropy averaged over all elements: −mean(y·log p + (1 − y)·log(1 − p)).
    /// With <paramref name="fromLogits"/> the predictions are logits z and the stable form
    /// max(z, 0) − z·y + log(1 + exp(−|z|)) is used; otherwise p is clipped to [ε, 1 − ε] like Keras.
    /// </summary>
    public static Tensor BinaryCrossEntropy(Tensor yTrue, Tensor yPred, bool fromLogits = false)
    {
        var y = MatchLabels(yTrue, yPred, "binary_crossentropy");
        if (!y.RequiresGrad && yPred.Device.IsCpu) return FusedLoss(y, yPred, fromLogits ? LossKind.BinaryLogits : LossKind.BinaryProbs, "binary_crossentropy");
        if (fromLogits)
        {
            return (yPred.Relu() - yPred * y + (-yPred.Abs()).Exp().Log1p()).Mean();
        }
        var p = Clip(yPred, Epsilon, 1 - Epsilon);
        return -(y * p.Log() + (1.0 - y) * (1.0 - p).Log()).Mean();
    }

    /// <summary>
    /// Categorical cross-entropy with one-hot (or soft) labels along the last axis, averaged over the other axes:
    /// −mean(Σ y·log p). Probabilities are renormalised and clipped like Keras; logits go through log_softmax.
    /// </summary>
    public static Tensor CategoricalCrossEntropy(Tensor yTrue, Tensor yPred, bool fromLogits = false, int axis = -1)
    {
        var y = MatchLabels(yTrue, yPred, "categorical_crossentropy");
        if (!y.RequiresGrad && yPred.Device.IsCpu && yPred.Rank > 0 && Shape.NormalizeAxis(axis, yPred.Rank, "categorical_crossentropy") == yPred.Rank - 1)
            return FusedLoss(y, yPred, fromLogits ? LossKind.CategoricalLogits : LossKind.CategoricalProbs, "categorical_crossentropy");
        Tensor logp;
        if (fromLogits) logp = LogSoftmax(yPred, axis);
        else
        {
            var p = yPred / yPred.Sum(axis, keepDims: true);
            logp = Clip(p, Epsilon, 1 - Epsilon).Log();
        }
        return -(y * logp).Sum(axis).Mean();
    }

    /// <summary>
    /// Sparse categorical cross-entropy: integer class labels of shape (N, ...) or (N, ..., 1) against
    /// predictions (N, ..., C). Labels out of [0, C) or not integers are rejected with a clear error.
    /// </summary>
    public static Tensor SparseCategoricalCrossEntropy(Tensor yTrue, Tensor yPred, bool fromLogits = false)
        => CategoricalCrossEntropy(OneHotLabels(yTrue, yPred, "sparse_categorical_crossentropy"), yPred, fromLogits);

    /// <summary>Mean squared error over all elements.</summary>
    public static Tensor MeanSquaredError(Tensor yTrue, Tensor yPred)
    {
        var y = MatchLabels(yTrue, yPred, "mean_squared_error");
        if (!y.RequiresGrad && yPred.Device.IsCpu) return FusedLoss(y, yPred, LossKind.Squared, "mean_squared_error");
        var d = yPred - y;
        return (d * d).Mean();
    }

    /// <summary>Mean absolute error over all elements.</summary>
    public static Tensor MeanAbsoluteError(Tensor yTrue, Tensor yPred)
    {
        var d = yPred - MatchLabels(yTrue, yPred, "mean_absolute_error");
        return d.Abs().Mean();
    }

    /// <summary>
    /// The course's triplet loss (FaceNet): Σ max(‖a − p‖² − ‖a − n‖² + α, 0) over the batch, with squared
    /// distances summed over the last axis. The course sums over the batch; pass <paramref name="mean"/> to average.
    /// </summary>
    public static Tensor TripletLoss(Tensor anchor, Tensor positive, Tensor negative, double alpha = 0.2, bool mean = false)
    {
        if (anchor.Shape != positive.Shape || anchor.Shape != negative.Shape)
            throw new ArgumentException($"triplet_loss: anchor {anchor.Shape}, positive {positive.Shape} and negative {negative.Shape} must have the same shape");
        var dp = anchor - positive;
        var dn = anchor - negative;
        var basic = (dp * dp).Sum(-1) - (dn * dn).Sum(-1) + alpha;
        var loss = basic.Relu();
        return mean ? loss.Mean() : loss.Sum();
    }

    /// <summary>Clips to [min, max]; the gradient passes where x is inside the range and is zero outside (like Keras).</summary>
    public static Tensor Clip(Tensor x, double min, double max) => x.Clip(min, max);

    // Labels must have the prediction's shape; (N,) against (N, 1) is accepted (Keras squeezes/expands).
    internal static Tensor MatchLabels(Tensor yTrue, Tensor yPred, string op)
    {
        if (yTrue.Shape == yPred.Shape) return yTrue.DType == yPred.DType ? yTrue : yTrue.AsType(yPred.DType);
        bool trailingOne = yTrue.Size == yPred.Size && Math.Abs(yTrue.Rank - yPred.Rank) == 1
            && (yPred.Rank > yTrue.Rank ? yPred.Dims[^1] == 1 : yTrue.Dims[^1] == 1);
        if (!trailingOne)
            throw new ArgumentException($"{op}: labels of shape {yTrue.Shape} do not match predictions of shape {yPred.Shape}");
        return yTrue.Reshape(yPred.ShapeCopy()).AsType(yPred.DType);
    }

    // Integer labels (N, ...) or (N, ..., 1) → one-hot (N, ..., C) constants in the prediction's dtype.
    internal static Tensor OneHotLabels(Tensor yTrue, Tensor yPred, string op)
    {
        if (yPred.Rank == 0) throw new ArgumentException($"{op}: predictions need a class axis, got a scalar");
        int classes = yPred.Dims[^1];
        var lead = yPred.Dims[..^1];
        bool ok = yTrue.Size == DeepNotes.Shape.SizeOf(lead)
            && (yTrue.Dims.AsSpan().SequenceEqual(lead) || (yTrue.Rank == yPred.Rank && yTrue.Dims[^1] == 1 && yTrue.Dims[..^1].AsSpan().SequenceEqual(lead)));
        if (!ok)
            throw new ArgumentException($"{op}: integer labels of shape {yTrue.Shape} do not match predictions of shape {yPred.Shape} (expected {DeepNotes.Shape.Format(lead)})");
        var labels = yTrue.ToArray();
        var onehot = Tensor.Zeros([.. lead, classes], yPred.DType);
        for (int i = 0; i < labels.Length; i++)
        {
            double l = labels[i];
            if (l != Math.Floor(l) || l < 0 || l >= classes)
                throw new ArgumentException($"{op}: label {l} at position {i} is not a class index in [0, {classes})");
            onehot.SetFlat(i * classes + (int)l, 1);
        }
        return onehot;
    }
}
