namespace DeepNotes.Gpu;

// Whole recurrent sequences on the GPU: one GEMM projects every time step's input, then per step one recurrent
// GEMM and one fused cell kernel; autodiff records the steps (backpropagation through time comes for free).
public sealed partial class GpuBackend
{
    public Tensor LstmStates(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor bias, Tensor h0, Tensor c0)
    {
        int n = x.Dims[0], steps = x.Dims[1], f = x.Dims[2], u = recurrentKernel.Dims[0];
        var device = x.Device;
        var projected = (x.Reshape(n * steps, f).MatMul(kernel.To(device)) + bias.To(device)).Reshape(n, steps, 4 * u);
        var r = recurrentKernel.To(device);
        var h = h0.To(device);
        var c = c0.To(device);
        var states = new Tensor[steps];
        for (int t = 0; t < steps; t++)
        {
            var z = projected[TensorIndex.All, t] + h.MatMul(r);
            (h, c) = GpuRnn.LstmCell(z, c);
            states[t] = Tensor.Concatenate([h, c], axis: 1);
        }
        return steps == 0 ? Full([n, 0, 2 * u], 0, x.DType) : Tensor.Stack(states, axis: 1);
    }

    public Tensor RecurrentStates(string op, Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor bias, Tensor h0)
    {
        int n = x.Dims[0], steps = x.Dims[1], f = x.Dims[2], u = recurrentKernel.Dims[0];
        var device = x.Device;
        int gates = op == "gru" ? 3 : 1;
        var projected = (x.Reshape(n * steps, f).MatMul(kernel.To(device)) + bias.To(device)).Reshape(n, steps, gates * u);
        var r = recurrentKernel.To(device);
        var h = h0.To(device);
        var states = new Tensor[steps];
        var all = TensorIndex.All;
        for (int t = 0; t < steps; t++)
        {
            var p = projected[all, t];
            if (op == "gru")
            {
                // The course's GRU: the reset gate scales h before the candidate's recurrent product.
                var ur = p[all, ..(2 * u)] + h.MatMul(r[all, ..(2 * u)]);
                var update = ur[all, ..u].Sigmoid();
                var reset = ur[all, u..].Sigmoid();
                var candidate = (p[all, (2 * u)..] + (reset * h).MatMul(r[all, (2 * u)..])).Tanh();
                h = update * candidate + (1.0 - update) * h;
            }
            else h = (p + h.MatMul(r)).Tanh();
            states[t] = h;
        }
        return Tensor.Stack(states, axis: 1);
    }
}
