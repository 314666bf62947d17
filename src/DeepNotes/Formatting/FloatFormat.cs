using System.Text;

namespace DeepNotes.Formatting;

/// <summary>
/// numpy's FloatingFormat: looks at all (printed) values once to choose positional or scientific notation
/// and a shared number of digits and padding, then formats each value to the same width.
/// </summary>
internal sealed class FloatFormat
{
    private readonly PrintOptions options;
    private readonly bool isFloat32;
    private readonly bool expFormat;
    private readonly int? precision;
    private readonly int minDigits;
    private readonly bool unique;
    private readonly char trim;
    private readonly int padLeft;
    private readonly int padRight;
    private readonly int expSize = -1;

    public FloatFormat(ReadOnlySpan<double> data, bool isFloat32, PrintOptions options)
    {
        this.options = options;
        this.isFloat32 = isFloat32;
        precision = options.FloatMode == FloatMode.Unique ? null : options.Precision;
        unique = options.FloatMode != FloatMode.Fixed;
        trim = '.';

        var finite = new List<double>(data.Length);
        bool anyNonFinite = false, negInf = false;
        foreach (var v in data)
        {
            if (double.IsFinite(v)) finite.Add(v);
            else
            {
                anyNonFinite = true;
                negInf |= double.IsNegativeInfinity(v);
            }
        }

        // Scientific when the non-zero magnitudes are huge, tiny, or span more than 3 decades.
        double max = 0, min = double.PositiveInfinity;
        foreach (var v in finite)
        {
            double a = Math.Abs(v);
            if (a == 0) continue;
            max = Math.Max(max, a);
            min = Math.Min(min, a);
        }
        if (max > 0)
            expFormat = max >= 1e8 || (!options.SuppressSmall && (min < 1e-4 || max / min > 1000));

        if (finite.Count == 0)
        {
            padLeft = padRight = 0;
            minDigits = -1;
        }
        else if (expFormat)
        {
            char firstTrim = unique ? '.' : 'k';
            int maxInt = 0, maxFrac = 0, maxExp = 0;
            foreach (var v in finite)
            {
                var s = Scientific(v, precision, -1, unique, firstTrim, 0, -1, isFloat32);
                int e = s.IndexOf('e');
                int dot = s.IndexOf('.');
                maxInt = Math.Max(maxInt, dot);
                maxFrac = Math.Max(maxFrac, e - dot - 1);
                maxExp = Math.Max(maxExp, s.Length - e - 1);
            }
            expSize = maxExp - 1;
            trim = 'k';
            precision = maxFrac;
            minDigits = maxFrac;
            padLeft = maxInt;
            padRight = expSize + 2 + maxFrac;
        }
        else
        {
            char firstTrim = unique ? '.' : 'k';
            int maxInt = 0, maxFrac = 0;
            foreach (var v in finite)
            {
                var s = Positional(v, precision, -1, unique, firstTrim, 0, -1, isFloat32);
                int dot = s.IndexOf('.');
                maxInt = Math.Max(maxInt, dot);
                maxFrac = Math.Max(maxFrac, s.Length - dot - 1);
            }
            padLeft = maxInt;
            padRight = maxFrac;
            if (options.FloatMode is FloatMode.Fixed or FloatMode.MaxPrecisionEqual)
            {
                precision = minDigits = maxFrac;
                trim = 'k';
            }
            else
            {
                trim = '.';
                minDigits = 0;
            }
        }

        if (anyNonFinite)
        {
            int offset = padRight + 1;
            padLeft = Math.Max(padLeft, Math.Max(options.NanString.Length - offset, options.InfString.Length + (negInf ? 1 : 0) - offset));
        }
    }

    /// <summary>One value, padded to the shared width.</summary>
    public string Format(double v)
    {
        if (!double.IsFinite(v))
        {
            var text = double.IsNaN(v) ? options.NanString : (v < 0 ? "-" : "") + options.InfString;
            return text.PadLeft(padLeft + padRight + 1);
        }
        return expFormat
            ? Scientific(v, precision, minDigits, unique, trim, padLeft, expSize, isFloat32)
            : Positional(v, precision, minDigits, unique, trim, padLeft, padRight, isFloat32);
    }

    /// <summary>
    /// numpy's dragon4_positional. trim: 'k' keep zeros, '.' trim zeros keep the point, '0' keep one zero,
    /// '-' trim both. minDigits ≥ 0 makes the digits exact at least down to 10^−minDigits (so 0 prints every
    /// integer digit: float32 42817248 is "42817248." there, though its shortest form is 42817250); −1 is none.
    /// </summary>
    public static string Positional(double v, int? precision, int minDigits, bool unique, char trim, int padLeft, int padRight, bool isFloat32 = false)
    {
        bool negative = double.IsNegative(v);
        double a = Math.Abs(v);
        string ip, fp;
        if (unique)
        {
            var shortest = DecimalDigits.Shortest(a, isFloat32);
            (ip, fp) = shortest.Positional();
            if (precision is int p && fp.Length > p) (ip, fp) = DecimalDigits.RoundFixed(a, p).TrimZeros().Positional();
            else if (minDigits >= 0 && shortest.LastDigitExponent > -minDigits) (ip, fp) = DecimalDigits.RoundFixed(a, minDigits).Positional();
        }
        else
        {
            (ip, fp) = DecimalDigits.RoundFixed(a, precision ?? 0).Positional();
        }
        if (fp.Length < minDigits) fp = fp.PadRight(minDigits, '0');
        return Assemble(negative, ip, fp, precision, trim, padLeft, padRight, exponent: null);
    }

    /// <summary>
    /// numpy's dragon4_scientific; minDigits ≥ 0 makes at least that many fraction digits exact (−1: none);
    /// expDigits is the minimum number of exponent digits (2 when negative).
    /// </summary>
    public static string Scientific(double v, int? precision, int minDigits, bool unique, char trim, int padLeft, int expDigits, bool isFloat32 = false)
    {
        bool negative = double.IsNegative(v);
        double a = Math.Abs(v);
        DecimalDigits d;
        if (unique)
        {
            d = DecimalDigits.Shortest(a, isFloat32);
            int fracLen = d.Digits.Length - 1;
            if (precision is int p && fracLen > p) d = DecimalDigits.RoundSignificant(a, p + 1).TrimZeros();
            else if (fracLen < minDigits) d = DecimalDigits.RoundSignificant(a, minDigits + 1);
        }
        else
        {
            d = DecimalDigits.RoundSignificant(a, (precision ?? 0) + 1);
        }
        string ip = d.Digits[..1], fp = d.Digits[1..];
        if (a == 0) fp = "";
        if (fp.Length < minDigits) fp = fp.PadRight(minDigits, '0');
        int e = a == 0 ? 0 : d.Exponent;
        var exp = new StringBuilder("e").Append(e < 0 ? '-' : '+')
            .Append(Math.Abs(e).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(expDigits < 0 ? 2 : expDigits, '0'));
        return Assemble(negative, ip, fp, precision, trim, padLeft, -1, exp.ToString());
    }

    private static string Assemble(bool negative, string ip, string fp, int? precision, char trim, int padLeft, int padRight, string? exponent)
    {
        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        sb.Append(ip);
        int wholeLength = sb.Length;
        string frac = fp;
        // numpy always prints the point, except when trimming it too ('-')
        if (trim == '0' && frac.Length == 0) frac = "0";
        else if (trim == 'k' && precision is int p && p > frac.Length) frac = frac.PadRight(p, '0');
        bool point = true;
        if (precision is not null && trim != 'k' && frac.Length > 0)
        {
            frac = frac.TrimEnd('0');
            if (frac.Length == 0)
            {
                if (trim == '0') frac = "0";
                else if (trim == '-') point = false;
            }
        }
        if (trim == '-' && frac.Length == 0) point = false;
        if (point) sb.Append('.');
        sb.Append(frac);
        if (padRight >= frac.Length && exponent is null)
        {
            if (trim == '-' && frac.Length == 0) sb.Append(' ');
            sb.Append(' ', padRight - frac.Length);
        }
        if (exponent is not null) sb.Append(exponent);
        if (padLeft > wholeLength) sb.Insert(0, " ", padLeft - wholeLength);
        return sb.ToString();
    }
}
