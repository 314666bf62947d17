using System.Globalization;

namespace DeepNotes.Interactive.Formatters;

/// <summary>
/// numpy-like number printing: a shared style per tensor, chosen from the values shown, so columns line up.
/// Integral values print as "3." (like numpy floats), others with up to 4 decimals, and very large or very
/// small magnitudes switch the whole tensor to scientific notation.
/// </summary>
internal sealed class NumberFormat
{
    private readonly bool scientific;
    private readonly bool integral;

    private NumberFormat(bool scientific, bool integral)
    {
        this.scientific = scientific;
        this.integral = integral;
    }

    public static NumberFormat For(IEnumerable<double> shown)
    {
        double maxAbs = 0, minAbs = double.PositiveInfinity;
        bool integral = true;
        foreach (var v in shown)
        {
            if (!double.IsFinite(v)) continue;
            double a = Math.Abs(v);
            maxAbs = Math.Max(maxAbs, a);
            if (a > 0) minAbs = Math.Min(minAbs, a);
            if (v != Math.Floor(v)) integral = false;
        }
        bool scientific = maxAbs >= 1e8 || (!integral && minAbs < 1e-4) || (maxAbs > 0 && maxAbs / Math.Min(minAbs, maxAbs) >= 1e6 && !integral);
        return new NumberFormat(scientific, integral);
    }

    public string Format(double v)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsPositiveInfinity(v)) return "inf";
        if (double.IsNegativeInfinity(v)) return "-inf";
        if (scientific) return v.ToString("0.####e+00", CultureInfo.InvariantCulture);
        if (integral) return v.ToString("0", CultureInfo.InvariantCulture) + ".";
        return v.ToString("0.0###", CultureInfo.InvariantCulture);
    }
}
