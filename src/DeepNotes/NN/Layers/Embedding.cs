namespace DeepNotes.NN;

/// <summary>
/// Maps integer ids to dense vectors (Keras Embedding): ids of any shape (N, ...) → (N, ..., outputDim).
/// Weight "embeddings" (inputDim, outputDim), uniform in ±0.05 by default. Freeze it with
/// <c>Trainable = false</c>, or load pretrained vectors (GloVe) with <see cref="FromMatrix"/>.
/// </summary>
public sealed class Embedding : Layer
{
    public Embedding(int inputDim, int outputDim, Initializer? embeddingsInitializer = null, bool trainable = true, string? name = null) : base(name)
    {
        ConvShapes.CheckPositive("Embedding", "inputDim and outputDim", inputDim, outputDim);
        InputDim = inputDim;
        OutputDim = outputDim;
        EmbeddingsInitializer = embeddingsInitializer ?? new Init.RandomUniform();
        if (!trainable) Trainable = false;
    }

    /// <summary>An embedding whose table is a copy of matrix (vocabulary, dim); frozen unless trainable is true.</summary>
    public static Embedding FromMatrix(Tensor matrix, bool trainable = false, string? name = null)
    {
        if (matrix.Rank != 2) throw new ArgumentException($"Embedding.FromMatrix: expected a (vocabulary, dim) matrix, got shape {matrix.Shape}");
        var layer = new Embedding(matrix.Dims[0], matrix.Dims[1], null, trainable, name);
        layer.Build([-1], matrix.DType);
        layer.Embeddings!.Assign(matrix);
        return layer;
    }

    public int InputDim { get; }
    public int OutputDim { get; }
    public Initializer EmbeddingsInitializer { get; }

    /// <summary>The (inputDim, outputDim) table (null before build).</summary>
    public Parameter? Embeddings { get; private set; }

    protected override void OnBuild(int[] inputShape) =>
        Embeddings = AddWeight("embeddings", [InputDim, OutputDim], EmbeddingsInitializer);

    public override int[] ComputeOutputShape(int[] inputShape) => [.. inputShape, OutputDim];

    protected override void ValidateInputShapes(IReadOnlyList<int[]> inputShapes)
    {
        // Ids of any shape can be looked up.
        if (inputShapes.Count != 1) throw new ArgumentException($"{Describe()}: takes one input of ids, got {inputShapes.Count}");
    }

    public override Tensor Forward(Tensor x) => F.Embedding(x, Embeddings!);

    public override string ToString() => $"Embedding \"{Name}\" ({InputDim} → {OutputDim}{(Trainable ? "" : ", frozen")})";
}
