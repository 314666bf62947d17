using System.Numerics;

namespace DeepNotes.NN;

/// <summary>
/// A fused recurrence with one state (SimpleRNN, GRU): forward over all steps, then backward through time. Operands
/// are contiguous batch-first buffers (memory, not spans: the batch parts run on worker threads).
/// </summary>
internal interface IRecurrentKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Runs the sequence and writes every h_t into output (N, T, U).</summary>
    void Forward(ReadOnlyMemory<T> x, ReadOnlyMemory<T> kernel, ReadOnlyMemory<T> recurrent, ReadOnlyMemory<T> bias, ReadOnlyMemory<T> h0, Memory<T> output);

    /// <summary>Back-propagates dOutput (N, T, U) through time; writes the gradients whose want flag is set.</summary>
    void Backward(ReadOnlyMemory<T> dOutput, ReadOnlyMemory<T> x, ReadOnlyMemory<T> kernel, ReadOnlyMemory<T> recurrent,
        Memory<T> dx, Memory<T> dKernel, Memory<T> dRecurrent, Memory<T> dBias, Memory<T> dh0,
        bool wantX, bool wantKernel, bool wantRecurrent, bool wantBias);

    /// <summary>Returns pooled saved state (a kernel built for no backward); no backward can run afterwards.</summary>
    void Release();
}
