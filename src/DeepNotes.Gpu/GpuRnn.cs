namespace DeepNotes.Gpu;

/// <summary>
/// Fused recurrent-cell math on the GPU, differentiable: the RNN layers call these per time step instead of a
/// dozen elementwise ops. Inputs are (batch, …) GPU tensors; gate layouts follow Keras.
/// </summary>
public static class GpuRnn
{
    /// <summary>
    /// LSTM cell: gates z (m, 4h) = x·W + h₋₁·U + b in Keras order [i, f, c, o], and c₋₁ (m, h).
    /// Returns h = σ(o)·tanh(c) and c = σ(f)·c₋₁ + σ(i)·tanh(g).
    /// </summary>
    public static (Tensor H, Tensor C) LstmCell(Tensor gates, Tensor cPrev)
    {
        var gpu = Backend(gates, cPrev, "lstm_cell");
        if (gates.Rank != 2 || cPrev.Rank != 2 || gates.Dims[0] != cPrev.Dims[0] || gates.Dims[1] != 4 * cPrev.Dims[1])
            throw new ArgumentException($"lstm_cell: gates {gates.Shape} must be (m, 4h) for c_prev {cPrev.Shape} (m, h)");
        var dtype = DTypeExtensions.Promote(gates.DType, cPrev.DType);
        Tensor z, c0;
        using (Tensor.NoGrad())
        {
            z = gates.AsType(dtype).Contiguous();
            c0 = cPrev.AsType(dtype).Contiguous();
        }
        var (h, c) = gpu.LstmForward(z, c0);
        Tensor?[] Backward(Tensor? dh, Tensor? dc)
        {
            var zero = Tensor.ZerosLike(c);
            var (dz, dcPrev) = gpu.LstmBackward(z, c0, Dense(dh ?? zero, dtype), Dense(dc ?? zero, dtype));
            return [dz, dcPrev];
        }
        h = Autodiff.Record(h, "lstm_cell_h", [gates, cPrev], g => Backward(g, null));
        c = Autodiff.Record(c, "lstm_cell_c", [gates, cPrev], g => Backward(null, g));
        return (h, c);
    }

    /// <summary>
    /// GRU cell (Keras reset_after=True): input projections x (m, 3h) = x·W + b_x and recurrent projections
    /// hp (m, 3h) = h₋₁·U + b_h, in order [z, r, n]; returns h = z·h₋₁ + (1 − z)·tanh(x_n + r·hp_n).
    /// </summary>
    public static Tensor GruCell(Tensor inputProjection, Tensor recurrentProjection, Tensor hPrev)
    {
        var gpu = Backend(inputProjection, hPrev, "gru_cell");
        Backend(recurrentProjection, hPrev, "gru_cell");
        int m = hPrev.Dims[0], units = hPrev.Rank == 2 ? hPrev.Dims[1] : -1;
        foreach (var t in new[] { inputProjection, recurrentProjection })
            if (t.Rank != 2 || hPrev.Rank != 2 || t.Dims[0] != m || t.Dims[1] != 3 * units)
                throw new ArgumentException($"gru_cell: projections {inputProjection.Shape} and {recurrentProjection.Shape} must be (m, 3h) for h_prev {hPrev.Shape} (m, h)");
        var dtype = DTypeExtensions.Promote(inputProjection.DType, hPrev.DType);
        Tensor x, hp, h0;
        using (Tensor.NoGrad())
        {
            x = inputProjection.AsType(dtype).Contiguous();
            hp = recurrentProjection.AsType(dtype).Contiguous();
            h0 = hPrev.AsType(dtype).Contiguous();
        }
        var h = gpu.GruForward(x, hp, h0);
        return Autodiff.Record(h, "gru_cell", [inputProjection, recurrentProjection, hPrev], g =>
        {
            var (dx, dhp, dhPrev) = gpu.GruBackward(x, hp, h0, Dense(g, dtype));
            return [dx, dhp, dhPrev];
        });
    }

    private static Tensor Dense(Tensor t, DType dtype) => t.AsType(dtype).Contiguous();

    private static GpuBackend Backend(Tensor a, Tensor b, string op)
    {
        var device = Device.Common(op, a, b);
        if (device.IsCpu || GpuBackend.Current is not { } gpu || !gpu.Device.Equals(device))
            throw new InvalidOperationException($"{op}: the fused cell runs on the GPU; got tensors on {a.Device} and {b.Device} (move them with .To(Device.Gpu))");
        return gpu;
    }
}
