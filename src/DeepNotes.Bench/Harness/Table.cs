namespace DeepNotes.Bench.Harness;

/// <summary>A plain-text table with right-aligned columns (the first column left-aligned).</summary>
public sealed class Table(params string[] headers)
{
    private readonly List<string[]> rows = [];

    public void Add(params string[] cells) => rows.Add(cells);

    public void Print(TextWriter? writer = null)
    {
        writer ??= Console.Out;
        int columns = headers.Length;
        var widths = new int[columns];
        foreach (var row in rows.Prepend(headers))
            for (int c = 0; c < columns && c < row.Length; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        void Line(string[] row) => writer.WriteLine(string.Join("  ", Enumerable.Range(0, columns).Select(c =>
        {
            string cell = c < row.Length ? row[c] : "";
            return c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]);
        })).TrimEnd());
        Line(headers);
        writer.WriteLine(new string('-', widths.Sum() + 2 * (columns - 1)));
        foreach (var row in rows) Line(row);
    }

    public static string Fixed(double value, string format = "0.0") => double.IsNaN(value) ? "n/a" : value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);

    public static string Ratio(double ours, double anchor) => double.IsNaN(ours) || double.IsNaN(anchor) || anchor == 0 ? "n/a" : Fixed(ours / anchor, "0.00") + "×";
}
