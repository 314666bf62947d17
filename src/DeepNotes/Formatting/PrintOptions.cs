namespace DeepNotes.Formatting;

/// <summary>How digits are chosen (numpy's floatmode).</summary>
public enum FloatMode
{
    /// <summary>At most Precision fractional digits, fewer if the values are exact with fewer (numpy's default 'maxprec').</summary>
    MaxPrecision,
    /// <summary>Like MaxPrecision, but every element gets the same number of digits ('maxprec_equal').</summary>
    MaxPrecisionEqual,
    /// <summary>Always exactly Precision fractional digits ('fixed').</summary>
    Fixed,
    /// <summary>As many digits as each value needs to round-trip; Precision is ignored ('unique').</summary>
    Unique,
}

/// <summary>
/// Print options like numpy's np.set_printoptions: precision 8, threshold 1000 elements before
/// summarizing with "...", 3 edge items per axis, line width 75, no small-value suppression.
/// Set <see cref="Current"/> to change the defaults, scope a change with <see cref="Use"/>, or pass options to ToString.
/// </summary>
public sealed record PrintOptions
{
    private static PrintOptions global = new();
    private static readonly AsyncLocal<PrintOptions?> scoped = new();

    /// <summary>Digits after the decimal point (at most, in MaxPrecision mode).</summary>
    public int Precision { get; init; } = 8;

    /// <summary>Tensors with more elements than this are summarized.</summary>
    public int Threshold { get; init; } = 1000;

    /// <summary>Items shown at each end of a summarized axis.</summary>
    public int EdgeItems { get; init; } = 3;

    /// <summary>Characters per line before wrapping.</summary>
    public int LineWidth { get; init; } = 75;

    /// <summary>Never use scientific notation for small values; print them as 0 (numpy's suppress=True).</summary>
    public bool SuppressSmall { get; init; }

    public FloatMode FloatMode { get; init; } = FloatMode.MaxPrecision;

    public string NanString { get; init; } = "nan";
    public string InfString { get; init; } = "inf";

    /// <summary>numpy's defaults.</summary>
    public static PrintOptions Default { get; } = new();

    /// <summary>
    /// The options ToString() uses: the innermost <see cref="Use"/> scope's, else the process-wide setting
    /// (np.set_printoptions / np.get_printoptions). Setting it changes the process-wide setting.
    /// </summary>
    public static PrintOptions Current
    {
        get => scoped.Value ?? Volatile.Read(ref global);
        set => Volatile.Write(ref global, Validate(value ?? throw new ArgumentNullException(nameof(value))));
    }

    /// <summary>
    /// Uses options until the returned scope is disposed, for this async flow only (numpy's
    /// <c>with np.printoptions(...)</c>): <c>using (PrintOptions.Use(o with { Precision = 3 })) { ... }</c>.
    /// </summary>
    public static IDisposable Use(PrintOptions options)
    {
        var previous = scoped.Value;
        scoped.Value = Validate(options ?? throw new ArgumentNullException(nameof(options)));
        return new Scope(previous);
    }

    private sealed class Scope(PrintOptions? previous) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            scoped.Value = previous;
        }
    }

    /// <summary>
    /// Parses a compact format: "F4" (fixed, 4 digits), "P4" (max precision 4), "U" (unique), or
    /// comma-separated settings "precision=4, threshold=10, edgeitems=2, linewidth=120, suppress=true,
    /// floatmode=fixed|maxprec|maxprec_equal|unique", applied on top of <paramref name="baseOptions"/>.
    /// </summary>
    public static PrintOptions Parse(string? format, PrintOptions? baseOptions = null)
    {
        var o = baseOptions ?? Current;
        if (string.IsNullOrWhiteSpace(format)) return o;
        var f = format.Trim();
        if (f.Length >= 1 && char.IsLetter(f[0]) && !f.Contains('=') && (f.Length == 1 || f[1..].All(char.IsDigit)))
        {
            int? digits = f.Length > 1 ? int.Parse(f[1..], System.Globalization.CultureInfo.InvariantCulture) : null;
            return Validate(char.ToUpperInvariant(f[0]) switch
            {
                'F' => o with { FloatMode = FloatMode.Fixed, Precision = digits ?? o.Precision },
                'P' or 'G' => o with { FloatMode = FloatMode.MaxPrecision, Precision = digits ?? o.Precision },
                'U' => o with { FloatMode = FloatMode.Unique },
                _ => throw new FormatException($"tensor format '{format}': use F<digits>, P<digits>, U or key=value settings"),
            });
        }
        foreach (var part in f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2) throw new FormatException($"tensor format '{format}': expected key=value, got '{part}'");
            string key = kv[0].ToLowerInvariant(), value = kv[1];
            o = key switch
            {
                "precision" => o with { Precision = ParseInt(value, format) },
                "threshold" => o with { Threshold = ParseInt(value, format) },
                "edgeitems" => o with { EdgeItems = ParseInt(value, format) },
                "linewidth" => o with { LineWidth = ParseInt(value, format) },
                "suppress" or "suppress_small" => o with { SuppressSmall = bool.Parse(value) },
                "floatmode" => o with
                {
                    FloatMode = value.ToLowerInvariant() switch
                    {
                        "fixed" => FloatMode.Fixed,
                        "maxprec" => FloatMode.MaxPrecision,
                        "maxprec_equal" => FloatMode.MaxPrecisionEqual,
                        "unique" => FloatMode.Unique,
                        _ => throw new FormatException($"tensor format '{format}': unknown floatmode '{value}'"),
                    },
                },
                "nanstr" => o with { NanString = value },
                "infstr" => o with { InfString = value },
                _ => throw new FormatException($"tensor format '{format}': unknown setting '{kv[0]}'"),
            };
        }
        return Validate(o);
    }

    private static int ParseInt(string value, string format) =>
        int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int v)
            ? v : throw new FormatException($"tensor format '{format}': '{value}' is not an integer");

    private static PrintOptions Validate(PrintOptions o)
    {
        if (o.Precision < 0) throw new ArgumentOutOfRangeException(nameof(Precision), $"print options: precision must be non-negative, got {o.Precision}");
        if (o.Threshold < 0) throw new ArgumentOutOfRangeException(nameof(Threshold), $"print options: threshold must be non-negative, got {o.Threshold}");
        if (o.EdgeItems < 0) throw new ArgumentOutOfRangeException(nameof(EdgeItems), $"print options: edgeitems must be non-negative, got {o.EdgeItems}");
        if (o.LineWidth < 1) throw new ArgumentOutOfRangeException(nameof(LineWidth), $"print options: linewidth must be positive, got {o.LineWidth}");
        return o;
    }
}
