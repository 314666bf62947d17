using DeepNotes.NN;

namespace DeepNotes.Losses;

/// <summary>
/// A loss object for <c>Compile</c> (Keras losses): <c>Call(yTrue, yPred)</c> returns a scalar, the mean over the
/// batch. Thin shells over the <see cref="F"/> loss functions. Keras names convert implicitly:
/// <c>model.Compile(optimizer, loss: "binary_crossentropy")</c>.
/// </summary>
public abstract class Loss
{
    /// <summary>The Keras-style name, e.g. "binary_crossentropy" (shown in histories).</summary>
    public abstract string Name { get; }

    /// <summary>The scalar loss for a batch of labels and predictions.</summary>
    public abstract Tensor Call(Tensor yTrue, Tensor yPred);

    /// <summary>A loss by Keras name.</summary>
    public static Loss Get(string name) => name.ToLowerInvariant() switch
    {
        "binary_crossentropy" or "bce" => new BinaryCrossentropy(),
        "categorical_crossentropy" => new CategoricalCrossentropy(),
        "sparse_categorical_crossentropy" => new SparseCategoricalCrossentropy(),
        "mean_squared_error" or "mse" => new MeanSquaredError(),
        "mean_absolute_error" or "mae" => new MeanAbsoluteError(),
        _ => throw new ArgumentException($"loss: unknown loss '{name}' (expected binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy, mse or mae)"),
    };

    public static implicit operator Loss(string name) => Get(name);

    /// <summary>A loss from a function (yTrue, yPred) → scalar, e.g. the course's triplet_loss written in a notebook.</summary>
    public static Loss FromFunction(Func<Tensor, Tensor, Tensor> function, string name = "custom_loss") => new FunctionLoss(function, name);

    public static implicit operator Loss(Func<Tensor, Tensor, Tensor> function) => new FunctionLoss(function, "custom_loss");

    public override string ToString() => Name;
}

/// <summary>Binary cross-entropy on probabilities (clipped) or, with fromLogits, on logits (stable).</summary>
public sealed class BinaryCrossentropy(bool fromLogits = false) : Loss
{
    public bool FromLogits { get; } = fromLogits;
    public override string Name => "binary_crossentropy";
    public override Tensor Call(Tensor yTrue, Tensor yPred) => F.BinaryCrossEntropy(yTrue, yPred, FromLogits);
}

/// <summary>Categorical cross-entropy with one-hot labels (probabilities or, with fromLogits, logits).</summary>
public sealed class CategoricalCrossentropy(bool fromLogits = false) : Loss
{
    public bool FromLogits { get; } = fromLogits;
    public override string Name => "categorical_crossentropy";
    public override Tensor Call(Tensor yTrue, Tensor yPred) => F.CategoricalCrossEntropy(yTrue, yPred, FromLogits);
}

/// <summary>Categorical cross-entropy with integer class labels.</summary>
public sealed class SparseCategoricalCrossentropy(bool fromLogits = false) : Loss
{
    public bool FromLogits { get; } = fromLogits;
    public override string Name => "sparse_categorical_crossentropy";
    public override Tensor Call(Tensor yTrue, Tensor yPred) => F.SparseCategoricalCrossEntropy(yTrue, yPred, FromLogits);
}

/// <summary>Mean squared error.</summary>
public sealed class MeanSquaredError : Loss
{
    public override string Name => "mean_squared_error";
    public override Tensor Call(Tensor yTrue, Tensor yPred) => F.MeanSquaredError(yTrue, yPred);
}

/// <summary>Mean absolute error.</summary>
public sealed class MeanAbsoluteError : Loss
{
    public override string Name => "mean_absolute_error";
    public override Tensor Call(Tensor yTrue, Tensor yPred) => F.MeanAbsoluteError(yTrue, yPred);
}

/// <summary>
/// The course's triplet loss as a loss object: yPred holds the anchor, positive and negative encodings
/// concatenated on the last axis (3·d); yTrue is ignored. Reduced by sum like the course, or mean.
/// </summary>
public sealed class TripletLoss(double alpha = 0.2, bool mean = false) : Loss
{
    public double Alpha { get; } = alpha;
    public override string Name => "triplet_loss";

    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        int d3 = yPred.Dims[^1];
        if (d3 % 3 != 0) throw new ArgumentException($"triplet_loss: the last axis of predictions {yPred.Shape} must hold anchor, positive and negative (a multiple of 3)");
        int d = d3 / 3;
        var flat = yPred.Reshape(-1, d3);
        // Select each third with a constant (3d, d) block-identity matrix (a differentiable slice).
        Tensor Part(int k)
        {
            var select = Tensor.Zeros([d3, d], yPred.DType);
            for (int i = 0; i < d; i++) select.SetValue(1, k * d + i, i);
            return flat.MatMul(select);
        }
        return F.TripletLoss(Part(0), Part(1), Part(2), Alpha, mean);
    }
}

/// <summary>A loss wrapping a user function; the function must return a scalar tensor.</summary>
public sealed class FunctionLoss(Func<Tensor, Tensor, Tensor> function, string name) : Loss
{
    public override string Name { get; } = name;

    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        var loss = function(yTrue, yPred);
        if (loss.Size != 1) throw new InvalidOperationException($"loss '{Name}': the function returned shape {loss.Shape}; a loss must be a scalar (reduce it with Mean() or Sum())");
        return loss.Rank == 0 ? loss : loss.Reshape();
    }
}
