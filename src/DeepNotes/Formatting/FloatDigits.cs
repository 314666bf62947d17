using System.Globalization;
using System.Numerics;

namespace DeepNotes.Formatting;

/// <summary>
/// Decimal digits of a finite, non-negative binary float, the way numpy's Dragon4 produces them: the
/// shortest digits that round-trip, or the exact value rounded (half to even) at a digit position.
/// Digits are returned with the decimal exponent of the first one: value ≈ d₀.d₁d₂… × 10^Exponent.
/// </summary>
internal readonly record struct DecimalDigits(string Digits, int Exponent)
{
    /// <summary>
    /// The shortest digits that round-trip (float32 values use float32's shortest form). Like numpy's Dragon4,
    /// a decimal exactly halfway to a neighbour counts when round-half-even parsing maps it back to the value.
    /// </summary>
    public static DecimalDigits Shortest(double value, bool isFloat32)
    {
        if (value == 0) return new("0", 0);
        // "R" is the shortest round-trip form (in either notation) since .NET Core 3.0.
        return Parse(isFloat32 ? ((float)value).ToString("R", CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>The decimal exponent of the last digit (e.g. −2 for 1.25, 1 for 4.2e2 written "42").</summary>
    public int LastDigitExponent => Exponent - (Digits.Length - 1);

    /// <summary>The exact value rounded half-to-even to fractionDigits digits after the decimal point.</summary>
    public static DecimalDigits RoundFixed(double value, int fractionDigits)
    {
        var (num, den) = Exact(value);
        var scaled = RoundDivide(num * BigInteger.Pow(10, fractionDigits), den);
        if (scaled.IsZero) return new("0", 0);
        var digits = scaled.ToString(CultureInfo.InvariantCulture);
        return new(digits, digits.Length - 1 - fractionDigits);
    }

    /// <summary>The exact value rounded half-to-even to significantDigits digits.</summary>
    public static DecimalDigits RoundSignificant(double value, int significantDigits)
    {
        if (value == 0) return new(new string('0', significantDigits), 0);
        var (num, den) = Exact(value);
        int e = (int)Math.Floor(Math.Log10(value));
        // Make e = floor(log10(value)) exactly: Log10 may be off by one near powers of ten.
        while (Compare(num, den, e) < 0) e--;
        while (Compare(num, den, e + 1) >= 0) e++;
        int shift = significantDigits - 1 - e;   // value × 10^shift has significantDigits integer digits
        var scaled = shift >= 0
            ? RoundDivide(num * BigInteger.Pow(10, shift), den)
            : RoundDivide(num, den * BigInteger.Pow(10, -shift));
        var digits = scaled.ToString(CultureInfo.InvariantCulture);
        if (digits.Length > significantDigits)   // rounded up to the next power of ten
        {
            digits = digits[..significantDigits];
            e++;
        }
        return new(digits, e);
    }

    /// <summary>Digits without trailing zeros (keeping at least one digit).</summary>
    public DecimalDigits TrimZeros()
    {
        var d = Digits.TrimEnd('0');
        return new(d.Length == 0 ? "0" : d, d.Length == 0 ? 0 : Exponent);
    }

    /// <summary>Splits into the integer and fraction digit strings of positional notation.</summary>
    public (string Int, string Frac) Positional()
    {
        if (Digits == "0") return ("0", "");
        if (Exponent >= 0)
        {
            var all = Digits.Length > Exponent + 1 ? Digits : Digits.PadRight(Exponent + 1, '0');
            return (all[..(Exponent + 1)], all[(Exponent + 1)..]);
        }
        return ("0", new string('0', -Exponent - 1) + Digits);
    }

    private static DecimalDigits Parse(string s)
    {
        int exp = 0;
        int e = s.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }
        int dot = s.IndexOf('.');
        string intPart = dot >= 0 ? s[..dot] : s, frac = dot >= 0 ? s[(dot + 1)..] : "";
        var digits = (intPart + frac).TrimStart('0');
        int leadingZeros = (intPart + frac).Length - digits.Length;
        int exponent = intPart.Length - 1 - leadingZeros + exp;
        digits = digits.TrimEnd('0');
        return digits.Length == 0 ? new("0", 0) : new(digits, exponent);
    }

    /// <summary>|value| as num/den with den a power of two.</summary>
    private static (BigInteger Num, BigInteger Den) Exact(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent = 1;   // subnormal
        else mantissa |= 1L << 52;
        exponent -= 1075;
        return exponent >= 0
            ? (new BigInteger(mantissa) << exponent, BigInteger.One)
            : (new BigInteger(mantissa), BigInteger.One << -exponent);
    }

    /// <summary>num/den rounded to the nearest integer, ties to even.</summary>
    private static BigInteger RoundDivide(BigInteger num, BigInteger den)
    {
        var q = BigInteger.DivRem(num, den, out var r);
        int c = (r * 2).CompareTo(den);
        if (c > 0 || (c == 0 && !q.IsEven)) q += 1;
        return q;
    }

    /// <summary>Compares num/den with 10^e.</summary>
    private static int Compare(BigInteger num, BigInteger den, int e) => e >= 0
        ? num.CompareTo(den * BigInteger.Pow(10, e))
        : (num * BigInteger.Pow(10, -e)).CompareTo(den);
}
