namespace DeepNotes.NN;

/// <summary>
/// Stateless neural-network functions (PyTorch's torch.nn.functional): layers are thin shells over these.
/// Every function is differentiable through the tape and works for float32 and float64.
/// Batch axis first; images are NHWC. Split by topic across partial files (F.Activations.cs, F.Linear.cs, ...).
/// </summary>
public static partial class F
{
}
