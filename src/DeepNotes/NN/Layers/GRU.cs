namespace DeepNotes.NN;

/// <summary>
/// Gated recurrent unit with the course's equations (reset gate applied before the recurrent product, Keras's
/// reset_after=False; Γu here is Keras's 1 − z): Γu, Γr = σ(·), c̃ = tanh(x Wc + (Γr ⊙ h) Rc + bc),
/// h = Γu ⊙ c̃ + (1 − Γu) ⊙ h. Gates stacked u, r, c. See <see cref="RecurrentLayer"/> for shapes and options.
/// </summary>
public sealed class GRU(int units, bool returnSequences = false, bool returnState = false, bool goBackwards = false,
    bool useBias = true, Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null,
    Initializer? biasInitializer = null, string? name = null)
    : RecurrentLayer(units, returnSequences, returnState, goBackwards, useBias, kernelInitializer, recurrentInitializer, biasInitializer, name)
{
    protected override int Gates => 3;

    public override RecurrentLayer CloneReversed(string? name = null) => new GRU(Units, ReturnSequences, ReturnState, !GoBackwards,
        UseBias, KernelInitializer, RecurrentInitializer, BiasInitializer, name);

    protected override (Tensor Sequence, Tensor[] FinalStates) Run(Tensor x, Tensor[] initialStates)
    {
        var seq = F.Gru(x, Kernel!, RecurrentKernel!, Bias?.Value, initialStates.Length > 0 ? initialStates[0] : null);
        return (seq, [F.LastStep(seq)]);
    }
}
