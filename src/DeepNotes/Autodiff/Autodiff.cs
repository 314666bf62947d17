namespace DeepNotes;

/// <summary>Recording of operations for reverse-mode differentiation (a dynamic tape, like PyTorch's).</summary>
public static class Autodiff
{
    [ThreadStatic] private static bool disabled;

    /// <summary>Whether new operations are being recorded on this thread.</summary>
    public static bool Enabled
    {
        get => !disabled;
        internal set => disabled = !value;
    }

    /// <summary>
    /// Attaches a backward rule to a freshly computed result when grad mode is on and any input
    /// requires a gradient. Ops call this right after computing their output.
    /// </summary>
    public static Tensor Record(Tensor result, string name, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
    {
        if (disabled) return result;
        foreach (var input in inputs)
        {
            if (input.RequiresGrad)
            {
                result.GradFn = new Node(name, inputs, backward);
                result.RequiresGradInternal = true;
                // Backward rules may read these buffers any time later: disposing them must not recycle them.
                result.Storage.Pin();
                foreach (var t in inputs) t.Storage.Pin();
                return result;
            }
        }
        return result;
    }

    /// <summary>True when an op on these inputs will be recorded (lets ops skip saving tensors otherwise).</summary>
    public static bool IsRecording(params Tensor[] inputs)
    {
        if (disabled) return false;
        foreach (var t in inputs) if (t.RequiresGrad) return true;
        return false;
    }
}
