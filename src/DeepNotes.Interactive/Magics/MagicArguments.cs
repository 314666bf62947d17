using System.Globalization;
using System.Text.RegularExpressions;

namespace DeepNotes.Interactive.Magics;

/// <summary>Parsing of magic arguments into values, with errors that name the magic and show a correct use.</summary>
public static partial class MagicArguments
{
    public static uint ParseSeed(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw Error("#!seed", "needs a seed", "#!seed 42");
        if (!uint.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
            throw Error("#!seed", $"\"{text}\" is not a seed: expected an integer from 0 to {uint.MaxValue}", "#!seed 42");
        return seed;
    }

    public static string ParseDevice(string? text)
    {
        var name = text?.Trim().ToLowerInvariant();
        return name is "cpu" or "gpu" ? name
            : throw Error("#!device", string.IsNullOrEmpty(name) ? "needs a device" : $"unknown device \"{text}\": expected cpu or gpu", "#!device cpu");
    }

    public static int? ParsePositive(string? text, string magic, string what, string example)
    {
        if (text is null) return null;
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
            throw Error(magic, $"{what} must be a positive integer, got \"{text}\"", example);
        return n;
    }

    /// <summary>"3,4" or "(3, 4)" → [3, 4].</summary>
    public static int[] ParseShape(string text, string magic, string example)
    {
        var parts = text.Trim().Trim('(', ')', '[', ']').Split([',', 'x', '×'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var dims = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out dims[i]) || dims[i] <= 0)
                throw Error(magic, $"\"{text}\" is not a shape: expected positive sizes separated by commas", example);
        if (dims.Length == 0) throw Error(magic, "an empty shape", example);
        return dims;
    }

    public static double ParsePositiveDouble(string text, string magic, string what, string example)
    {
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !(v > 0) || double.IsInfinity(v))
            throw Error(magic, $"{what} must be a positive number, got \"{text}\"", example);
        return v;
    }

    /// <summary>A C# identifier (the name of a function or variable in the notebook); with allowMembers also model.Forward.</summary>
    public static string ParseIdentifier(string? text, string magic, string what, string example, bool allowMembers = false)
    {
        var name = text?.Trim() ?? "";
        if (!(allowMembers ? MemberAccess() : Identifier()).IsMatch(name))
            throw Error(magic, name.Length == 0 ? $"needs {what}" : $"\"{name}\" is not a C# name ({what})", example);
        return name;
    }

    public static ArgumentException Error(string magic, string problem, string example) =>
        new($"{magic}: {problem}. Try: {example}");

    [GeneratedRegex(@"^@?[\p{L}_][\p{L}\p{Nd}_]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^@?[\p{L}_][\p{L}\p{Nd}_]*(\.[\p{L}_][\p{L}\p{Nd}_]*)*$")]
    private static partial Regex MemberAccess();
}
