using System.Numerics;

namespace DeepNotes.NN;

// Recurrent sequences (batch-first (N, T, F) like Keras), each one fused op with a hand-written backward.
public static partial class F
{
    /// <summary>
    /// SimpleRNN over x (N, T, F): h_t = tanh(x_t·kernel + h_{t−1}·recurrentKernel + bias), kernel (F, U),
    /// recurrentKernel (U, U), bias (U), initialState (N, U) (zeros when null). Returns every h_t: (N, T, U).
    /// </summary>
    public static Tensor SimpleRnn(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor? bias = null, Tensor? initialState = null)
        => SingleState("simple_rnn", 1, x, kernel, recurrentKernel, bias, initialState);

    /// <summary>
    /// GRU over x (N, T, F) with the course's equations (reset gate before the recurrent product):
    /// Γu = σ(x Wu + h Ru + bu), Γr = σ(x Wr + h Rr + br), c̃ = tanh(x Wc + (Γr ⊙ h) Rc + bc), h' = Γu ⊙ c̃ + (1 − Γu) ⊙ h.
    /// kernel (F, 3U) and recurrentKernel (U, 3U) hold the gates in the order u, r, c; bias (3U).
    /// Returns every h_t: (N, T, U).
    /// </summary>
    public static Tensor Gru(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor? bias = null, Tensor? initialState = null)
        => SingleState("gru", 3, x, kernel, recurrentKernel, bias, initialState);

    /// <summary>Checks and converts the operands of a one-state recurrence, then runs its fused kernel (CPU) or the GPU's.</summary>
    private static Tensor SingleState(string op, int gates, Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor? bias, Tensor? initialState)
    {
        var (n, steps, f, u, dt) = CheckRecurrent(x, kernel, recurrentKernel, bias, gates, op);
        var xs = x.AsType(dt).Contiguous();
        var k = kernel.AsType(dt).Contiguous();
        var r = recurrentKernel.AsType(dt).Contiguous();
        var b = (bias ?? Tensor.Zeros([gates * u], dt)).AsType(dt).Contiguous();
        var h0 = CheckState(initialState, n, u, dt, "initial state", op);
        if (!Device.Common(op, x, kernel).IsCpu) return Backends.Gpu!.RecurrentStates(op, xs, k, r, b, h0);
        var y = Tensor.Empty([n, steps, u], dt);
        bool recording = Autodiff.IsRecording(xs, k, r, b, h0);
        return dt == DType.Float32
            ? SingleStateTyped(op, SingleStateKernel<float>(gates, n, steps, f, u, recording, xs), xs, k, r, b, h0, y, recording)
            : SingleStateTyped(op, SingleStateKernel<double>(gates, n, steps, f, u, recording, xs), xs, k, r, b, h0, y, recording);
    }

    // Without a backward to feed, the kernel's saved state is pooled scratch handed back at once.
    private static IRecurrentKernel<T> SingleStateKernel<T>(int gates, int n, int steps, int f, int u, bool recording, Tensor x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sparse = RecurrentSparseInput<T>.TryCreate(x.AsSpan<T>(), n * steps, f);
        return gates == 1
            ? new RecurrentSimpleKernel<T>(n, steps, f, u, pooled: !recording, sparse)
            : new RecurrentGruKernel<T>(n, steps, f, u, pooled: !recording, sparse);
    }

    private static Tensor SingleStateTyped<T>(string op, IRecurrentKernel<T> kernel, Tensor x, Tensor k, Tensor r, Tensor b, Tensor h0, Tensor y, bool recording)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        kernel.Forward(Mem<T>(x), Mem<T>(k), Mem<T>(r), Mem<T>(b), Mem<T>(h0), Mem<T>(y));
        if (!recording)
        {
            kernel.Release();
            return y;
        }
        return Autodiff.Record(y, op, [x, k, r, b, h0], grad =>
        {
            var g = grad.AsType(y.DType).Contiguous();
            var (dx, dk, dr, db, dh) = Like(x, k, r, b, h0);
            kernel.Backward(Mem<T>(g), Mem<T>(x), Mem<T>(k), Mem<T>(r),
                Mem<T>(dx), Mem<T>(dk), Mem<T>(dr), Mem<T>(db), Mem<T>(dh),
                x.RequiresGrad, k.RequiresGrad, r.RequiresGrad, b.RequiresGrad);
            return [x.RequiresGrad ? dx : null, dk, dr, db, dh];
        });
    }

    /// <summary>
    /// LSTM over x (N, T, F) with Keras's equations and layout (gates i, f, c, o in kernel (F, 4U), recurrentKernel
    /// (U, 4U), bias (4U)); h = o ⊙ tanh(c). Returns every hidden and cell state packed as (N, T, 2U): h_t in the
    /// first U features, c_t in the last U. <see cref="Lstm"/> splits it.
    /// </summary>
    public static Tensor LstmStates(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor? bias = null, Tensor? initialH = null, Tensor? initialC = null)
    {
        var o = LstmOperands(x, kernel, recurrentKernel, bias, initialH, initialC);
        if (!o.Cpu) return Backends.Gpu!.LstmStates(o.X, o.K, o.R, o.B, o.H0, o.C0);
        return o.X.DType == DType.Float32 ? LstmPacked<float>(o) : LstmPacked<double>(o);
    }

    /// <summary>
    /// LSTM over x (N, T, F) (see <see cref="LstmStates"/>): every hidden state (N, T, U), and the last hidden and cell
    /// states (N, U) (Keras's return_sequences / return_state outputs).
    /// </summary>
    public static (Tensor Sequence, Tensor H, Tensor C) Lstm(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor? bias = null,
        Tensor? initialH = null, Tensor? initialC = null)
    {
        var o = LstmOperands(x, kernel, recurrentKernel, bias, initialH, initialC);
        if (o.Cpu) return o.X.DType == DType.Float32 ? LstmSplit<float>(o) : LstmSplit<double>(o);
        var states = Backends.Gpu!.LstmStates(o.X, o.K, o.R, o.B, o.H0, o.C0);
        int steps = states.Dims[1], u = states.Dims[2] / 2;
        var sequence = Narrow(states, 2, 0, u);
        var last = Narrow(states, 1, steps - 1, 1).Reshape(states.Dims[0], 2 * u);
        return (sequence, Narrow(last, 1, 0, u), Narrow(last, 1, u, u));
    }

    /// <summary>The checked LSTM operands, converted to one dtype and contiguous.</summary>
    private sealed record LstmArgs(Tensor X, Tensor K, Tensor R, Tensor B, Tensor H0, Tensor C0, int N, int Steps, int F, int U, bool Cpu)
    {
        public Tensor[] Inputs => [X, K, R, B, H0, C0];
    }

    private static LstmArgs LstmOperands(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor? bias, Tensor? initialH, Tensor? initialC)
    {
        const string op = "lstm";
        var (n, steps, f, u, dt) = CheckRecurrent(x, kernel, recurrentKernel, bias, 4, op);
        var h0 = CheckState(initialH, n, u, dt, "initial hidden state", op);
        var c0 = CheckState(initialC, n, u, dt, "initial cell state", op);
        return new LstmArgs(x.AsType(dt).Contiguous(), kernel.AsType(dt).Contiguous(), recurrentKernel.AsType(dt).Contiguous(),
            (bias ?? Tensor.Zeros([4 * u], dt)).AsType(dt).Contiguous(), h0, c0, n, steps, f, u, Device.Common(op, x, kernel).IsCpu);
    }

    /// <summary>
    /// Runs the kernel forward. Without a backward to feed (no grad, or no input wanting one) its saved gates and
    /// states are pooled scratch, handed back at once; the kernel is null then.
    /// </summary>
    private static RecurrentLstmKernel<T>? RunLstm<T>(LstmArgs o, Tensor output, bool packed, Tensor? lastC)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool recording = Autodiff.IsRecording(o.Inputs);
        var kernel = new RecurrentLstmKernel<T>(o.N, o.Steps, o.F, o.U, pooled: !recording,
            RecurrentSparseInput<T>.TryCreate(o.X.AsSpan<T>(), o.N * o.Steps, o.F));
        kernel.Forward(Mem<T>(o.X), Mem<T>(o.K), Mem<T>(o.R), Mem<T>(o.B), Mem<T>(o.H0), Mem<T>(o.C0), Mem<T>(output), packed,
            lastC is null ? default : Mem<T>(lastC));
        if (recording) return kernel;
        kernel.Release();
        return null;
    }

    // Every h_t and c_t packed (N, T, 2U).
    private static Tensor LstmPacked<T>(LstmArgs o) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = Tensor.Empty([o.N, o.Steps, 2 * o.U], o.X.DType);
        var kernel = RunLstm<T>(o, y, packed: true, null);
        if (kernel is null) return y;
        return Autodiff.Record(y, "lstm", o.Inputs, g => LstmBackward(kernel, o, g, packed: true, null));
    }

    // The h sequence (N, T, U) and c_T (N, U) as two results of one kernel run: no packed states to split (and no
    // full-size zero gradient for the half that is not used). Each result back-propagates through the whole kernel.
    private static (Tensor Sequence, Tensor H, Tensor C) LstmSplit<T>(LstmArgs o) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sequence = Tensor.Empty([o.N, o.Steps, o.U], o.X.DType);
        var c = Tensor.Empty([o.N, o.U], o.X.DType);
        var kernel = RunLstm<T>(o, sequence, packed: false, c);
        if (kernel is not null)
        {
            sequence = Autodiff.Record(sequence, "lstm", o.Inputs, g => LstmBackward(kernel, o, g, packed: false, null));
            c = Autodiff.Record(c, "lstm_cell_state", o.Inputs, g => LstmBackward(kernel, o, null, packed: false, g));
        }
        return (sequence, LastStep(sequence), c);
    }

    private static Tensor?[] LstmBackward<T>(RecurrentLstmKernel<T> kernel, LstmArgs o, Tensor? dOutput, bool packed, Tensor? dLastC)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (x, k, r, b, h0) = (o.X, o.K, o.R, o.B, o.H0);
        var (dx, dk, dr, db, dh) = Like(x, k, r, b, h0);
        var dc = Tensor.Empty(o.C0.ShapeCopy(), o.C0.DType);
        var g = dOutput?.AsType(x.DType).Contiguous();
        var gc = dLastC?.AsType(x.DType).Contiguous();
        kernel.Backward(g is null ? default : Mem<T>(g), packed, gc is null ? default : Mem<T>(gc), Mem<T>(x), Mem<T>(k), Mem<T>(r),
            Mem<T>(dx), Mem<T>(dk), Mem<T>(dr), Mem<T>(db), Mem<T>(dh), Mem<T>(dc),
            x.RequiresGrad, k.RequiresGrad, r.RequiresGrad, b.RequiresGrad, h0.RequiresGrad);
        return [x.RequiresGrad ? dx : null, dk, dr, db, h0.RequiresGrad ? dh : null, dc];
    }

    /// <summary>The elements of a contiguous CPU tensor as memory (spans cannot cross into the kernels' thread bodies).</summary>
    private static Memory<T> Mem<T>(Tensor t) where T : unmanaged => t.Data<T>().AsMemory(t.Offset, t.Size);

    /// <summary>The last time step of a sequence (N, T, U) → (N, U).</summary>
    public static Tensor LastStep(Tensor sequence)
    {
        if (sequence.Rank != 3) throw new ArgumentException($"last_step: expected a sequence (N, T, U), got shape {sequence.Shape}");
        return Narrow(sequence, 1, sequence.Dims[1] - 1, 1).Reshape(sequence.Dims[0], sequence.Dims[2]);
    }

    /// <summary>A sequence (N, T, ...) with its time axis reversed (for go_backwards and Bidirectional).</summary>
    public static Tensor ReverseTime(Tensor sequence)
    {
        if (sequence.Rank < 2) throw new ArgumentException($"reverse_time: expected (N, T, ...), got shape {sequence.Shape}");
        var xc = sequence.Contiguous();
        var y = ReverseAxis1(xc);
        return Autodiff.Record(y, "reverse_time", [xc], g => [ReverseAxis1(g.Contiguous())]);
    }

    private static Tensor ReverseAxis1(Tensor x)
    {
        int n = x.Dims[0], steps = x.Dims[1], inner = x.Size / Math.Max(n * steps, 1);
        var y = Tensor.Empty(x.ShapeCopy(), x.DType);
        for (int b = 0; b < n; b++)
            for (int t = 0; t < steps; t++)
            {
                int from = x.Offset + (b * steps + t) * inner, to = (b * steps + steps - 1 - t) * inner;
                if (x.DType == DType.Float32) x.Data<float>().AsSpan(from, inner).CopyTo(y.Data<float>().AsSpan(to, inner));
                else x.Data<double>().AsSpan(from, inner).CopyTo(y.Data<double>().AsSpan(to, inner));
            }
        return y;
    }

    /// <summary>
    /// x restricted to [start, start + length) along one axis: a view whose gradient is scattered back into zeros.
    /// </summary>
    internal static Tensor Narrow(Tensor x, int axis, int start, int length)
    {
        if (start < 0 || length < 0 || start + length > x.Dims[axis])
            throw new ArgumentException($"narrow: [{start}, {start + length}) is out of bounds for axis {axis} of shape {x.Shape}");
        if (!x.Device.IsCpu)   // basic indexing records a device-side gradient
            return x.GetItem(Enumerable.Range(0, x.Rank).Select(i => i == axis ? (TensorIndex)(start..(start + length)) : TensorIndex.All).ToArray());
        var shape = x.ShapeCopy();
        shape[axis] = length;
        var view = new Tensor(x.Storage, shape, x.Strides, x.Offset + start * x.StridesInternal[axis]);
        var full = x.ShapeCopy();
        return Autodiff.Record(view, "narrow", [x], g =>
        {
            var dx = Tensor.Zeros(full, x.DType);
            var gc = g.AsType(x.DType).Contiguous();
            int outer = 1, inner = 1;
            for (int i = 0; i < axis; i++) outer *= full[i];
            for (int i = axis + 1; i < full.Length; i++) inner *= full[i];
            for (int o = 0; o < outer; o++)
            {
                int src = gc.Offset + o * length * inner, dst = (o * full[axis] + start) * inner;
                if (x.DType == DType.Float32) gc.Data<float>().AsSpan(src, length * inner).CopyTo(dx.Data<float>().AsSpan(dst));
                else gc.Data<double>().AsSpan(src, length * inner).CopyTo(dx.Data<double>().AsSpan(dst));
            }
            return [dx];
        });
    }

    // dx is (N, T, F) only when x wants a gradient (an empty placeholder otherwise: the kernels skip it).
    private static (Tensor, Tensor, Tensor, Tensor, Tensor) Like(Tensor x, Tensor k, Tensor r, Tensor b, Tensor h0) =>
    (
        Tensor.Empty(x.RequiresGrad ? x.ShapeCopy() : [0], x.DType), Tensor.Empty(k.ShapeCopy(), k.DType), Tensor.Empty(r.ShapeCopy(), r.DType),
        Tensor.Empty(b.ShapeCopy(), b.DType), Tensor.Empty(h0.ShapeCopy(), h0.DType)
    );

    private static (int N, int Steps, int F, int U, DType DType) CheckRecurrent(Tensor x, Tensor kernel, Tensor recurrent, Tensor? bias, int gates, string op)
    {
        if (x.Rank != 3) throw new ArgumentException($"{op}: input must be 3-D (N, T, features), got shape {x.Shape}");
        int n = x.Dims[0], steps = x.Dims[1], f = x.Dims[2];
        if (recurrent.Rank != 2 || recurrent.Dims[1] != gates * recurrent.Dims[0])
            throw new ArgumentException($"{op}: recurrent kernel must be (units, {gates}·units), got shape {recurrent.Shape}");
        int u = recurrent.Dims[0];
        if (kernel.Rank != 2 || kernel.Dims[0] != f || kernel.Dims[1] != gates * u)
            throw new ArgumentException($"{op}: kernel must be ({f}, {gates * u}) for input {x.Shape} and {u} units, got shape {kernel.Shape}");
        if (bias is not null && (bias.Rank != 1 || bias.Dims[0] != gates * u))
            throw new ArgumentException($"{op}: bias must be ({gates * u},), got shape {bias.Shape}");
        if (steps == 0) throw new ArgumentException($"{op}: input {x.Shape} has no time steps");
        var dt = Promote(x, kernel, recurrent);
        if (bias is not null) dt = DTypeExtensions.Promote(dt, bias.DType);
        return (n, steps, f, u, dt);
    }

    private static Tensor CheckState(Tensor? state, int n, int u, DType dt, string what, string op)
    {
        if (state is null) return Tensor.Zeros([n, u], dt);
        if (state.Rank != 2 || state.Dims[0] != n || state.Dims[1] != u)
            throw new ArgumentException($"{op}: {what} must be ({n}, {u}), got shape {state.Shape}");
        return state.AsType(dt).Contiguous();
    }
}
