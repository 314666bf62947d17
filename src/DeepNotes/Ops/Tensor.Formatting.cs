using DeepNotes.Formatting;

namespace DeepNotes;

// Printing: ToString() is numpy's print(a); Describe() is a one-line summary of the metadata.
public sealed partial class Tensor
{
    /// <summary>The values as numpy prints them (<c>[[1. 2.]\n [3. 4.]]</c>), under <see cref="PrintOptions.Current"/>.</summary>
    public override string ToString() => TensorFormatter.Format(this);

    /// <summary>Formats with options: "F4" (fixed 4 digits), "P4" (at most 4), "U" (unique) or "precision=4, threshold=10, ...".</summary>
    public string ToString(string? format) => TensorFormatter.Format(this, PrintOptions.Parse(format));

    public string ToString(PrintOptions options) => TensorFormatter.Format(this, options);

    /// <summary>"Tensor(shape=(3, 4), dtype=float64, device=cpu)".</summary>
    public string Describe() => TensorFormatter.Describe(this);
}
