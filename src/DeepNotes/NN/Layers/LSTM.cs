namespace DeepNotes.NN;

/// <summary>
/// Long short-term memory (Keras LSTM: gates i, f, c, o stacked in the kernels; h = o ⊙ tanh(c); forget-gate bias
/// initialised to 1). With returnState the outputs are [output, h_T, c_T]; initial states are extra inputs
/// (<c>lstm.CallMulti([x, a0, c0])</c>), like the course's <c>LSTM_cell(x, initial_state=[a, c])</c>.
/// See <see cref="RecurrentLayer"/> for shapes and options.
/// </summary>
public sealed class LSTM(int units, bool returnSequences = false, bool returnState = false, bool goBackwards = false,
    bool useBias = true, Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null,
    Initializer? biasInitializer = null, string? name = null)
    : RecurrentLayer(units, returnSequences, returnState, goBackwards, useBias, kernelInitializer, recurrentInitializer, biasInitializer, name)
{
    protected override int Gates => 4;

    public override int StateCount => 2;

    protected override Initializer DefaultBiasInitializer => new ForgetBiasInitializer();

    public override RecurrentLayer CloneReversed(string? name = null) => new LSTM(Units, ReturnSequences, ReturnState, !GoBackwards,
        UseBias, KernelInitializer, RecurrentInitializer, BiasInitializer, name);

    protected override (Tensor Sequence, Tensor[] FinalStates) Run(Tensor x, Tensor[] initialStates)
    {
        if (initialStates.Length == 1)
            throw new ArgumentException($"{Describe()}: an LSTM needs both initial states [h0, c0], got one");
        var (seq, h, c) = F.Lstm(x, Kernel!, RecurrentKernel!, Bias?.Value,
            initialStates.Length > 0 ? initialStates[0] : null, initialStates.Length > 1 ? initialStates[1] : null);
        return (seq, [h, c]);
    }
}
