using TorchSharp;
using static TorchSharp.torch;

namespace DeepNotes.Bench.Models;

/// <summary>Keras's default initialisation on a libtorch module: Glorot-uniform weight matrices/kernels, zero biases.</summary>
internal static class TorchInit
{
    public static void GlorotZero(nn.Module module)
    {
        using var _ = no_grad();
        foreach (var (name, p) in module.named_parameters())
        {
            if (p.dim() >= 2) nn.init.xavier_uniform_(p);
            else nn.init.zeros_(p);
        }
    }
}
