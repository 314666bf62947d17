namespace DeepNotes.Interactive.Tests;

/// <summary>Shares the course's static grading and headline state with other kernel tests, so they do not run in parallel.</summary>
[Collection("kernel")]
public sealed class MagicTests(TestKernel kernel) : IClassFixture<TestKernel>
{
    // One kernel for the class (starting Roslyn is the slow part); each test uses its own names.

    [Fact]
    public async Task Tensors_display_as_html_and_numpy_text()
    {
        var s = (await kernel.RunAsync("Np.Arange(0, 6).Reshape(2, 3)")).Succeeded();
        Assert.Contains("<b>Tensor</b> (2, 3) · float64 · cpu", s.Html);
        Assert.Contains("[[0. 1. 2.]\n [3. 4. 5.]]", s.Text);
    }

    [Fact]
    public async Task Seed_makes_the_numpy_generator_repeat()
    {
        var first = (await kernel.RunAsync("#!seed 7\nNp.Random.Rand(4).ToArray()")).Succeeded();
        var second = (await kernel.RunAsync("#!seed 7\nNp.Random.Rand(4).ToArray()")).Succeeded();
        Assert.Contains("Np.Random seeded with 7", first.Text);
        Assert.Equal(first.Html, second.Html);
        Np.Random.Seed(7u);
        Assert.Contains(Np.Random.Rand(4).ToArray()[0].ToString(System.Globalization.CultureInfo.InvariantCulture)[..6], first.Html);
    }

    [Theory]
    [InlineData("#!seed abc", "#!seed: \"abc\" is not a seed")]
    [InlineData("#!seed 99999999999", "is not a seed")]
    [InlineData("#!device tpu", "#!device: unknown device \"tpu\": expected cpu or gpu. Try: #!device cpu")]
    [InlineData("#!timeit -n 0\n1 + 1", "#!timeit: -n (calls per loop) must be a positive integer, got \"0\"")]
    [InlineData("#!timeit", "#!timeit: there is no code after it in the cell")]
    [InlineData("#!gradcheck 1abc --shape 3", "\"1abc\" is not a C# name")]
    [InlineData("#!gradcheck F", "needs inputs for F")]
    [InlineData("#!gradcheck F --shape 3,a", "\"3,a\" is not a shape")]
    [InlineData("#!gradcheck F --shape 3 --inputs X", "give either --shape or --inputs")]
    [InlineData("#!grade 2x", "\"2x\" is not a C# name")]
    public async Task Bad_arguments_fail_with_a_clear_message(string cell, string expected)
    {
        var s = await kernel.RunAsync(cell);
        Assert.NotNull(s.Failure);
        Assert.Contains(expected, s.Failure!.Message);
        Assert.DoesNotContain("   at ", s.Failure.Message);
        // The kernel is still usable afterwards.
        (await kernel.RunAsync("1 + 1")).Succeeded();
    }

    [Fact]
    public async Task Device_cpu_is_selected()
    {
        var s = (await kernel.RunAsync("#!device cpu")).Succeeded();
        Assert.Contains("device: cpu", s.Text);
    }

    [Fact]
    public async Task Timeit_runs_the_cell_code_the_requested_number_of_times()
    {
        (await kernel.RunAsync("var calls = 0;")).Succeeded();
        var s = (await kernel.RunAsync("#!timeit -n 3 -r 2\ncalls++")).Succeeded();
        Assert.Contains("2 runs, 3 loops each", s.Text);
        // 2 runs × 3 loops, and the cell itself is not run once more after the timing.
        (await kernel.RunAsync("if (calls != 6) throw new Exception($\"calls = {calls}\");")).Succeeded();
    }

    [Fact]
    public async Task Timeit_chooses_the_loop_count_itself()
    {
        var s = (await kernel.RunAsync("#!timeit -r 2\nSystem.Threading.Thread.SpinWait(10)")).Succeeded();
        Assert.Matches(@"median, .* min per loop \(mean .* of 2 runs, \d+ loops each\)", s.Text);
    }

    [Fact]
    public async Task Gradcheck_passes_for_a_correct_backward_on_random_and_given_inputs()
    {
        (await kernel.RunAsync("Tensor Cube(Tensor x) => x * x * x;\nTensor Layer(Tensor x, Tensor w) => w.MatMul(x).Tanh();\nvar X = Np.Ones(4, 2) * 0.3;")).Succeeded();
        var random = (await kernel.RunAsync("#!gradcheck Cube --shape 3,4")).Succeeded();
        Assert.Contains("Gradient check passed", random.Html);
        Assert.Contains("12 entries", random.Html);
        var given = (await kernel.RunAsync("#!gradcheck Layer --inputs X,W")).Failure;
        Assert.Contains("W", given!.Message);   // W does not exist: the compiler's error comes back
        var two = (await kernel.RunAsync("var W = Np.Ones(3, 4) * 0.1;\n")).Succeeded();
        var ok = (await kernel.RunAsync("#!gradcheck Layer --inputs X,W")).Succeeded();
        Assert.Contains("Gradient check passed", ok.Html);
        Assert.Contains("20 entries", ok.Html);
    }

    [Fact]
    public async Task Gradcheck_fails_for_a_wrong_backward()
    {
        // Detach hides x from the tape inside one factor, so autodiff's gradient is 2x² instead of 3x².
        (await kernel.RunAsync("Tensor Wrong(Tensor x) => x * x * x.Detach();")).Succeeded();
        var s = (await kernel.RunAsync("#!gradcheck Wrong --shape 5")).Succeeded();
        Assert.Contains("Gradient check FAILED", s.Html);
        Assert.Contains("<th class=\"dn-left\">entry</th>", s.Html);
    }

    [Fact]
    public async Task Grade_runs_the_course_checks_and_renders_a_table()
    {
        (await kernel.RunAsync("double NotGraded(double x) => x;")).Succeeded();
        var s = (await kernel.RunAsync("#!grade NotGraded")).Succeeded();
        Assert.Contains("dn-grade", s.Html);
        Assert.Contains("no grader for", s.Html);
        Assert.Contains("✘ fail", s.Html);
        var all = (await kernel.RunAsync("#!grade")).Succeeded();
        Assert.Contains("checks passed", all.Html);
    }

    [Fact]
    public async Task Charts_inject_plotly_once_per_session()
    {
        var first = (await kernel.RunAsync("Plot.Line(new double[] { 1, 2, 3 })")).Succeeded();
        var second = (await kernel.RunAsync("Plot.Line(new double[] { 3, 2, 1 })")).Succeeded();
        Assert.Contains("plotly.js, bundled by DeepNotes", first.Html);
        Assert.DoesNotContain("plotly.js, bundled by DeepNotes", second.Html);
        Assert.Contains("window.Plotly.newPlot", second.Html);
    }

    [Fact]
    public async Task Progress_updates_one_display_in_place()
    {
        var s = (await kernel.RunAsync("var p = TrainingProgress.Start(3);\nfor (int e = 1; e <= 3; e++) p.Report(e, cost: 1.0 / e, accuracy: 0.5 + e / 10.0);")).Succeeded();
        var produced = s.Events.OfType<Microsoft.DotNet.Interactive.Events.DisplayedValueProduced>().ToList();
        var updates = s.Events.OfType<Microsoft.DotNet.Interactive.Events.DisplayedValueUpdated>().ToList();
        Assert.Single(produced);
        Assert.Equal(3, updates.Count);
        Assert.All(updates, u => Assert.Equal(produced[0].ValueId, u.ValueId));
        Assert.Contains("epoch 3/3 cost 0.3333 accuracy 0.800", updates[^1].FormattedValues.Single(v => v.MimeType == "text/html").Value);
    }
}

[Collection("kernel")]
public sealed class TrainingDisplayTests : IDisposable
{
    private readonly TestKernel kernel = new();

    public void Dispose() => kernel.Dispose();

    [Fact]
    public async Task Fit_shows_a_live_progress_display_and_a_model_summary_table()
    {
        const string setup = """
            var model = new DeepNotes.Models.Sequential(new DeepNotes.NN.Layer[] { new DeepNotes.NN.Dense(1, "sigmoid") }, inputShape: new[] { 2 });
            model.Compile(new DeepNotes.Optimizers.SGD(0.5), new DeepNotes.Losses.BinaryCrossentropy(), new DeepNotes.Metrics.Metric[] { new DeepNotes.Metrics.BinaryAccuracy(name: "accuracy") });
            var x = Tensor.FromArray(new float[] { 0, 0, 0, 1, 1, 0, 1, 1, 0.9f, 0.8f, 0.1f, 0.2f }, 6, 2);
            var y = Tensor.FromArray(new float[] { 0, 0, 1, 1, 1, 0 }, 6, 1);
            """;
        (await kernel.RunAsync(setup)).Succeeded();
        var summary = (await kernel.RunAsync("model.Summary()")).Succeeded();
        Assert.Contains("dn-model", summary.Html);
        Assert.Contains("Total params: <b>3</b>", summary.Html);

        var fit = (await kernel.RunAsync("var history = model.Fit(x, y, epochs: 3, batchSize: 6);")).Succeeded();
        var produced = fit.Events.OfType<Microsoft.DotNet.Interactive.Events.DisplayedValueProduced>().ToList();
        var updates = fit.Events.OfType<Microsoft.DotNet.Interactive.Events.DisplayedValueUpdated>().ToList();
        Assert.Single(produced);
        Assert.True(updates.Count >= 3, $"{updates.Count} updates");
        var last = updates[^1].FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.Contains("epoch 3/3 cost ", last);
        Assert.Contains(" accuracy ", last);

        var history = (await kernel.RunAsync("history")).Succeeded();
        Assert.Contains("window.Plotly.newPlot", history.Html);
        Assert.Contains("\"name\":\"cost\"", history.Html);
    }
}
