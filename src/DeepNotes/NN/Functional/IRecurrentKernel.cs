using System.Numerics;

namespace DeepNotes.NN;

/// <summary>A fused recurrence with one state (SimpleRNN, GRU): forward over all steps, then backward through time.</summary>
internal interface IRecurrentKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    void Forward(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> recurrent, ReadOnlySpan<T> bias, ReadOnlySpan<T> h0, Span<T> output);

    void Backward(ReadOnlySpan<T> dOutput, ReadOnlySpan<T> kernel, ReadOnlySpan<T> recurrent,
        Span<T> dx, Span<T> dKernel, Span<T> dRecurrent, Span<T> dBias, Span<T> dh0,
        bool wantX, bool wantKernel, bool wantRecurrent, bool wantBias);
}
