using System.Net;

namespace DeepNotes.Interactive.Formatters;

/// <summary>
/// A ready-made piece of HTML with a plain-text fallback. Helpers such as <c>ShowImage()</c> return one; the
/// extension registers a formatter that writes <see cref="Html"/> as text/html and <see cref="Text"/> as text/plain.
/// </summary>
public sealed record HtmlFragment(string Html, string Text)
{
    public override string ToString() => Text;
}

/// <summary>Small HTML helpers shared by the formatters.</summary>
internal static class Html
{
    public static string Escape(string? s) => WebUtility.HtmlEncode(s ?? "");

    /// <summary>The style block every DeepNotes table uses; scoped by class so it never restyles the notebook.</summary>
    public const string TableStyle =
        "<style>" +
        ".dn-box{font-family:ui-sans-serif,system-ui,sans-serif;font-size:13px;margin:2px 0}" +
        ".dn-head{color:#555;margin-bottom:3px}" +
        ".dn-head b{color:#222}" +
        "table.dn-table{border-collapse:collapse;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}" +
        "table.dn-table td,table.dn-table th{border:1px solid #ddd;padding:2px 6px;text-align:right}" +
        "table.dn-table th{background:#f4f4f4;color:#666;font-weight:normal}" +
        "table.dn-table td.dn-ell,table.dn-table th.dn-ell{color:#999;text-align:center}" +
        ".dn-slice{color:#777;font-family:ui-monospace,monospace;font-size:12px;margin:4px 0 1px}" +
        "tr.dn-pass td{background:#e8f6ea}tr.dn-fail td{background:#fbe9e9}" +
        "td.dn-ok{color:#1a7f37;font-weight:bold}td.dn-bad{color:#c62828;font-weight:bold}" +
        "table.dn-table td.dn-left,table.dn-table th.dn-left{text-align:left}" +
        "</style>";
}
