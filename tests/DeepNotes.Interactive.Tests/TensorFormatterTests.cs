using DeepNotes.Interactive.Formatters;

namespace DeepNotes.Interactive.Tests;

public class TensorFormatterTests
{
    [Fact]
    public void Text_is_the_engines_numpy_print()
    {
        var t = Np.Arange(0, 6).Reshape(2, 3);
        Assert.Equal("[[0. 1. 2.]\n [3. 4. 5.]]", TensorFormatter.ToText(t));
        Assert.Equal(t.ToString(), TensorFormatter.ToText(t));
    }

    [Fact]
    public void Html_has_a_header_and_a_summarized_table()
    {
        var t = Np.Arange(0, 2000).Reshape(40, 50);
        var html = TensorFormatter.ToHtml(t);
        Assert.Contains("<b>Tensor</b> (40, 50) · float64 · cpu", html);
        Assert.Contains("<th>49</th>", html);
        Assert.DoesNotContain("<th>10</th>", html);
        Assert.Contains("<td class=\"dn-ell\">…</td>", html);
        Assert.Contains("<td>1.999e+03</td>", html);   // numpy switches to scientific when max/min > 1e3
        Assert.Equal(1 + 3 + 1 + 3, CountOccurrences(html, "<tr>"));   // header, 3 rows, ⋮, 3 rows
    }

    [Fact]
    public void Html_cells_match_the_text_numbers()
    {
        var t = Tensor.FromArray(new double[] { 0.5, -1.25, 3 });
        var html = TensorFormatter.ToHtml(t);
        Assert.Contains("<td>0.5</td><td>-1.25</td><td>3.</td>", html);
        Assert.Contains("Tensor</b> (3,)", html);
    }

    [Fact]
    public void Html_of_rank3_shows_one_table_per_leading_index()
    {
        var html = TensorFormatter.ToHtml(Np.Arange(0, 24).Reshape(2, 3, 4));
        Assert.Contains("[0, :, :]", html);
        Assert.Contains("[1, :, :]", html);
        Assert.Equal(2, CountOccurrences(html, "<table class=\"dn-table\">"));
    }

    [Fact]
    public void Header_reports_autograd_state()
    {
        var x = Np.Ones(2, 2).RequireGrad();
        Assert.Contains("requires_grad", TensorFormatter.Header(x));
        Assert.Contains("grad_fn=", TensorFormatter.Header(x * 2.0));
    }

    private static int CountOccurrences(string s, string part)
    {
        int n = 0;
        for (int i = s.IndexOf(part, StringComparison.Ordinal); i >= 0; i = s.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
