namespace DeepNotes;

public sealed partial class NumpyRandom
{
    /// <summary>
    /// Fills a span with uniform draws in [0, 1), in order: the same numbers <c>rand(len)</c> gives. For code that
    /// owns its buffers (initializers, dropout masks) and wants numpy's stream without a temporary tensor.
    /// </summary>
    public void FillUniform(Span<double> destination)
    {
        lock (gate)
            for (int i = 0; i < destination.Length; i++) destination[i] = mt.NextDouble();
    }

    /// <summary>Like <see cref="FillUniform(Span{double})"/>, each float64 draw rounded to float32.</summary>
    public void FillUniform(Span<float> destination)
    {
        lock (gate)
            for (int i = 0; i < destination.Length; i++) destination[i] = (float)mt.NextDouble();
    }

    /// <summary>Fills a span with standard normal draws, in order: the same numbers <c>randn(len)</c> gives.</summary>
    public void FillStandardNormal(Span<double> destination)
    {
        lock (gate)
            for (int i = 0; i < destination.Length; i++) destination[i] = Gauss();
    }

    /// <summary>Like <see cref="FillStandardNormal(Span{double})"/>, each float64 draw rounded to float32.</summary>
    public void FillStandardNormal(Span<float> destination)
    {
        lock (gate)
            for (int i = 0; i < destination.Length; i++) destination[i] = (float)Gauss();
    }
}
