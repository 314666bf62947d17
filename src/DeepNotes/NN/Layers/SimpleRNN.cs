namespace DeepNotes.NN;

/// <summary>
/// Fully connected recurrence (Keras SimpleRNN with tanh): h_t = tanh(x_t·kernel + h_{t−1}·recurrent_kernel + bias),
/// the course's basic RNN cell. See <see cref="RecurrentLayer"/> for shapes and options.
/// </summary>
public sealed class SimpleRNN(int units, bool returnSequences = false, bool returnState = false, bool goBackwards = false,
    bool useBias = true, Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null,
    Initializer? biasInitializer = null, string? name = null)
    : RecurrentLayer(units, returnSequences, returnState, goBackwards, useBias, kernelInitializer, recurrentInitializer, biasInitializer, name)
{
    protected override int Gates => 1;

    public override RecurrentLayer CloneReversed(string? name = null) => new SimpleRNN(Units, ReturnSequences, ReturnState, !GoBackwards,
        UseBias, KernelInitializer, RecurrentInitializer, BiasInitializer, name);

    protected override (Tensor Sequence, Tensor[] FinalStates) Run(Tensor x, Tensor[] initialStates)
    {
        var seq = F.SimpleRnn(x, Kernel!, RecurrentKernel!, Bias?.Value, initialStates.Length > 0 ? initialStates[0] : null);
        return (seq, [F.LastStep(seq)]);
    }
}
