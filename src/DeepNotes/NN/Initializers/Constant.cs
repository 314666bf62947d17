namespace DeepNotes.NN.Init;

/// <summary>All zeros (the default bias initializer).</summary>
public sealed class Zeros : Initializer
{
    public override void Fill(Tensor weight) => weight.FillNoGrad(0);
}

/// <summary>All ones (BatchNormalization's gamma and moving variance).</summary>
public sealed class Ones : Initializer
{
    public override void Fill(Tensor weight) => weight.FillNoGrad(1);
}

/// <summary>Every element equal to a value.</summary>
public sealed class Constant(double value) : Initializer
{
    public double Value { get; } = value;
    public override void Fill(Tensor weight) => weight.FillNoGrad(Value);
}
