namespace DeepNotes.NN;

// Scaled dot-product and multi-head attention with the course's mask convention (1 = attend, 0 = masked).
public static partial class F
{
    /// <summary>The value added to masked logits before the softmax (the course's −1e9).</summary>
    public const double MaskedLogit = -1e9;

    /// <summary>
    /// softmax(q·kᵀ / √d + (1 − mask)·(−1e9))·v over the last two axes: q (..., Tq, d), k (..., Tk, d), v (..., Tk, dv).
    /// The mask broadcasts to (..., Tq, Tk); 1 keeps a position and 0 hides it (the course's transformer convention:
    /// <see cref="PaddingMask"/>, <see cref="LookAheadMask"/>). Returns the output (..., Tq, dv) and the attention
    /// weights (..., Tq, Tk). <paramref name="scale"/> replaces 1/√d when given (1 gives Keras Attention's plain dot product).
    /// </summary>
    public static (Tensor Output, Tensor Weights) ScaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor? mask = null, double? scale = null)
    {
        const string op = "scaled_dot_product_attention";
        if (q.Rank < 2 || k.Rank < 2 || v.Rank < 2)
            throw new ArgumentException($"{op}: q, k, v need at least 2 axes (T, d), got {q.Shape}, {k.Shape}, {v.Shape}");
        if (q.Dims[^1] != k.Dims[^1])
            throw new ArgumentException($"{op}: q {q.Shape} and k {k.Shape} must have the same depth (last axis)");
        if (k.Dims[^2] != v.Dims[^2])
            throw new ArgumentException($"{op}: k {k.Shape} and v {v.Shape} must have the same number of positions (axis -2)");
        var scores = q.MatMul(k.SwapAxes(-1, -2));
        double factor = scale ?? 1.0 / Math.Sqrt(q.Dims[^1]);
        if (factor != 1.0) scores = scores * factor;
        if (mask is not null)
        {
            var m = mask.Detach().AsType(scores.DType);
            try
            {
                Shape.Broadcast(m.Dims, scores.Dims, op);
            }
            catch (ArgumentException)
            {
                throw new ArgumentException($"{op}: mask {mask.Shape} does not broadcast to the attention logits {scores.Shape}");
            }
            scores = scores + (1.0 - m) * MaskedLogit;
        }
        var weights = scores.Softmax(-1);
        return (weights.MatMul(v), weights);
    }

    /// <summary>
    /// The course's create_padding_mask: tokens (N, T) → (N, 1, T) with 1 for real tokens and 0 where the id is 0 (padding).
    /// Reshape to (N, 1, 1, T) to broadcast over heads.
    /// </summary>
    public static Tensor PaddingMask(Tensor tokens)
    {
        if (tokens.Rank != 2) throw new ArgumentException($"padding_mask: expected token ids (N, T), got shape {tokens.Shape}");
        var src = tokens.ToArray();
        var mask = new double[src.Length];
        for (int i = 0; i < src.Length; i++) mask[i] = src[i] == 0 ? 0 : 1;
        return Tensor.FromArray(mask, tokens.Dims[0], 1, tokens.Dims[1]).AsType(Tensor.DefaultDType);
    }

    /// <summary>The course's create_look_ahead_mask: (1, T, T), lower triangle of ones (position i sees positions ≤ i).</summary>
    public static Tensor LookAheadMask(int size)
    {
        if (size <= 0) throw new ArgumentException($"look_ahead_mask: size must be positive, got {size}");
        var mask = new double[size * size];
        for (int i = 0; i < size; i++)
            for (int j = 0; j <= i; j++) mask[i * size + j] = 1;
        return Tensor.FromArray(mask, 1, size, size).AsType(Tensor.DefaultDType);
    }

    /// <summary>
    /// Multi-head attention (Keras MultiHeadAttention with 2-D weights): Q = query·wq + bq (N, Tq, H·dk), K, V likewise,
    /// split into H heads, scaled dot-product attention per head, heads concatenated and projected by wo (H·dv, dOut) + bo.
    /// query (N, Tq, dq), key (N, Tk, dk_in), value (N, Tk, dv_in). A mask of rank 3 (N, Tq, Tk) or (N, 1, Tk) is shared by
    /// all heads; rank 4 masks are used as given. Biases may be null. Returns the output (N, Tq, dOut) and the weights
    /// (N, H, Tq, Tk).
    /// </summary>
    public static (Tensor Output, Tensor Weights) MultiHeadAttention(Tensor query, Tensor key, Tensor value, int numHeads,
        Tensor wq, Tensor? bq, Tensor wk, Tensor? bk, Tensor wv, Tensor? bv, Tensor wo, Tensor? bo, Tensor? mask = null)
    {
        const string op = "multi_head_attention";
        if (numHeads <= 0) throw new ArgumentException($"{op}: numHeads must be positive, got {numHeads}");
        if (query.Rank != 3 || key.Rank != 3 || value.Rank != 3)
            throw new ArgumentException($"{op}: query, key and value must be (N, T, features), got {query.Shape}, {key.Shape}, {value.Shape}");
        if (wq.Dims[^1] % numHeads != 0 || wk.Dims[^1] != wq.Dims[^1] || wv.Dims[^1] % numHeads != 0)
            throw new ArgumentException($"{op}: projection widths {wq.Shape}, {wk.Shape}, {wv.Shape} must split into {numHeads} heads (query and key alike)");
        var q = SplitHeads(Linear(query, wq, bq), numHeads);
        var k = SplitHeads(Linear(key, wk, bk), numHeads);
        var v = SplitHeads(Linear(value, wv, bv), numHeads);
        var m = mask is { Rank: 3 } ? mask.Reshape(mask.Dims[0], 1, mask.Dims[1], mask.Dims[2]) : mask;
        var (heads, weights) = ScaledDotProductAttention(q, k, v, m);
        int n = query.Dims[0], tq = query.Dims[1];
        var merged = heads.Permute(0, 2, 1, 3).Reshape(n, tq, -1);
        return (Linear(merged, wo, bo), weights);
    }

    /// <summary>(N, T, H·d) → (N, H, T, d), a view.</summary>
    private static Tensor SplitHeads(Tensor x, int heads) =>
        x.Reshape(x.Dims[0], x.Dims[1], heads, x.Dims[2] / heads).Permute(0, 2, 1, 3);
}
