using System.Globalization;
using System.Text.RegularExpressions;

namespace DeepNotes.Runner.Notebooks;

/// <summary>
/// papermill-style parameters: values given with <c>-p name value</c> replace the initializers of the
/// declarations in the parameters cell (tagged "parameters", or else the first code cell with a
/// <c>// parameters</c> line). The cell keeps its declarations, so the notebook still reads naturally.
/// </summary>
public static partial class Parameters
{
    public const string Tag = "parameters";

    public static NotebookCell? FindCell(NotebookFile notebook) =>
        notebook.CodeCells.FirstOrDefault(c => c.Tags.Contains(Tag))
        ?? notebook.CodeCells.FirstOrDefault(c => c.Source.Split('\n').Any(l => MarkerLine().IsMatch(l)));

    /// <summary>Applies the values to the notebook's parameters cell; throws naming the declared parameters when one is unknown.</summary>
    public static void Apply(NotebookFile notebook, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        if (values.Count == 0) return;
        var cell = FindCell(notebook)
            ?? throw new ArgumentException("-p: the notebook has no parameters cell (tag a cell \"parameters\" or add a line \"// parameters\" to it)");
        cell.Source = Replace(cell.Source, values);
        cell.WriteSource();
    }

    /// <summary>Replaces the initializer of each named declaration (<c>var epochs = 10;</c>, <c>double lr = 0.1;</c>).</summary>
    public static string Replace(string source, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        foreach (var (name, raw) in values)
        {
            var pattern = new Regex(@"^(?<head>\s*(?:const\s+)?(?<type>[\w<>\[\],.?]+)\s+" + Regex.Escape(name) + @"\s*=\s*)(?<value>[^;\n]*)(?<tail>;.*)$", RegexOptions.Multiline);
            var match = pattern.Match(source);
            if (!match.Success)
                throw new ArgumentException($"-p {name}: the parameters cell declares no \"{name}\"; it declares: {string.Join(", ", Declared(source))}");
            var literal = Literal(match.Groups["type"].Value, match.Groups["value"].Value.Trim(), raw, name);
            source = source[..match.Groups["value"].Index] + literal + source[(match.Groups["value"].Index + match.Groups["value"].Length)..];
        }
        return source;
    }

    /// <summary>The names declared in a parameters cell.</summary>
    public static IEnumerable<string> Declared(string source) =>
        Declaration().Matches(source).Select(m => m.Groups["name"].Value);

    /// <summary>The C# literal for a value: strings are quoted, numbers and booleans are checked.</summary>
    internal static string Literal(string type, string oldValue, string raw, string name)
    {
        bool isString = type == "string" || (type == "var" && oldValue.StartsWith('"'));
        if (isString) return Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(raw, quote: true);
        bool isBool = type == "bool" || (type == "var" && oldValue is "true" or "false");
        if (isBool)
            return raw is "true" or "false" ? raw : throw new ArgumentException($"-p {name}: \"{raw}\" is not true or false");
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            throw new ArgumentException($"-p {name}: \"{raw}\" is not a number (the parameter is declared as {type} {name} = {oldValue})");
        bool isFloat = type is "float" || (type == "var" && oldValue.EndsWith('f'));
        bool isInt = type is "int" or "long" || (type == "var" && int.TryParse(oldValue, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
        if (isInt && !long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            throw new ArgumentException($"-p {name}: \"{raw}\" is not an integer (declared {type} {name} = {oldValue})");
        if (isFloat) return raw + "f";
        if (type is "double" or "var" && !isInt && !raw.Contains('.') && !raw.Contains('e') && !raw.Contains('E')) return raw + ".0";
        return raw;
    }

    [GeneratedRegex(@"^\s*//\s*parameters\s*$")]
    private static partial Regex MarkerLine();

    [GeneratedRegex(@"^\s*(?:const\s+)?[\w<>\[\],.?]+\s+(?<name>[A-Za-z_]\w*)\s*=", RegexOptions.Multiline)]
    private static partial Regex Declaration();
}
