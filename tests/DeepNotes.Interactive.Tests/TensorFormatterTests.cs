using DeepNotes.Interactive.Formatters;

namespace DeepNotes.Interactive.Tests;

public class TensorFormatterTests
{
    [Fact]
    public void Text_is_numpy_like_for_a_small_matrix()
    {
        var t = Np.Arange(0, 6).Reshape(2, 3);
        Assert.Equal("array([[0., 1., 2.],\n       [3., 4., 5.]])", TensorFormatter.ToText(t));
    }

    [Fact]
    public void Text_shows_decimals_and_float32_dtype()
    {
        var t = Tensor.FromArray(new float[] { 0.5f, -1.25f });
        Assert.Equal("array([  0.5, -1.25], dtype=float32)", TensorFormatter.ToText(t));
    }

    [Fact]
    public void Text_of_a_scalar_is_its_value()
    {
        Assert.Equal("array(3.)", TensorFormatter.ToText(Tensor.Scalar(3)));
    }

    [Fact]
    public void Big_tensors_are_summarized_with_edge_items()
    {
        var t = Np.Arange(0, 2000).Reshape(40, 50);
        var text = TensorFormatter.ToText(t);
        Assert.Contains("[   0.,    1.,    2., ...,   47.,   48.,   49.]", text);
        Assert.Contains("...,", text);
        Assert.Contains("[1950., 1951., 1952., ..., 1997., 1998., 1999.]]", text);
        Assert.DoesNotContain("1000.", text);
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
        Assert.Contains("<td>1999.</td>", html);
        Assert.Equal(1 + 3 + 1 + 3, CountOccurrences(html, "<tr>"));   // header, 3 rows, ⋮, 3 rows
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
