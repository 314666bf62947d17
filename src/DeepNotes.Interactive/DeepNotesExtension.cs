using System.Numerics;
using System.Reflection;
using System.Runtime.Intrinsics;
using DeepNotes.Course.Grading;
using DeepNotes.Interactive.Formatters;
using DeepNotes.Interactive.Magics;
using DeepNotes.Interactive.Plots;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace DeepNotes.Interactive;

/// <summary>
/// The kernel-facing part of DeepNotes: registers formatters and magic commands and prints one status line.
/// Everything it registers forwards to pure builders (Formatters/, Plots/, Magics/), which know nothing of kernels.
/// The package's extension.dib calls <see cref="Load"/>; hosts that load IKernelExtension types use
/// <see cref="DeepNotesKernelExtension"/>.
/// </summary>
public static class DeepNotesExtension
{
    private const string PlainText = "text/plain";
    private const string HtmlMime = "text/html";
    private static int formattersRegistered;

    /// <summary>The using directives the extension adds to the C# kernel (extension.dib submits the same).</summary>
    public const string Usings = "using DeepNotes;\nusing DeepNotes.Interactive;\nusing DeepNotes.Interactive.Plots;\nusing DeepNotes.Interactive.Formatters;\nusing DeepNotes.Interactive.Magics;\nusing DeepNotes.Interactive.Progress;\n";

    /// <summary>The extension's version (the assembly's informational version without build metadata).</summary>
    public static string Version =>
        (typeof(DeepNotesExtension).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>The status line printed on load: version, backend, SIMD width, GPU.</summary>
    public static string StatusLine()
    {
        var simd = Vector512.IsHardwareAccelerated ? "Vector512" : Vector256.IsHardwareAccelerated ? "Vector256"
                 : Vector128.IsHardwareAccelerated ? "Vector128" : "scalar";
        var gpu = Backends.Gpu?.Device.Description ?? "none";
        return $"DeepNotes {Version} loaded: backend cpu, SIMD {simd} ({Vector<double>.Count}×float64), GPU {gpu}. Try: Np.Arange(0, 12).Reshape(3, 4)";
    }

    /// <summary>Registers formatters (once per process) and the magic commands on the C# kernel under <paramref name="kernel"/>.</summary>
    public static void Load(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        RegisterFormatters();
        PlotlyChart.ResetInjection();
        var csharp = FindCSharpKernel(kernel);
        MagicDirectives.Register(csharp);
        Progress.NotebookTrainingObserver.Install();
        if (KernelInvocationContext.Current is { } context) KernelInvocationContextExtensions.Display(context, StatusLine(), PlainText);
    }

    internal static Kernel FindCSharpKernel(Kernel kernel) =>
        kernel.Name == "csharp" ? kernel
        : (kernel.RootKernel ?? kernel).FindKernelByName("csharp")
          ?? (kernel as CompositeKernel)?.ChildKernels.FirstOrDefault(k => k.Name == "csharp")
          ?? kernel;

    /// <summary>Formatters are process-wide in .NET Interactive, so they are registered once.</summary>
    public static void RegisterFormatters()
    {
        if (Interlocked.Exchange(ref formattersRegistered, 1) == 1) return;

        Formatter.Register<Tensor>((t, w) => w.Write(TensorFormatter.ToHtml(t)), HtmlMime);
        Formatter.Register<Tensor>((t, w) => w.Write(TensorFormatter.ToText(t)), PlainText);
        Formatter.SetPreferredMimeTypesFor(typeof(Tensor), HtmlMime, PlainText);

        Formatter.Register<HtmlFragment>((f, w) => w.Write(f.Html), HtmlMime);
        Formatter.Register<HtmlFragment>((f, w) => w.Write(f.Text), PlainText);
        Formatter.SetPreferredMimeTypesFor(typeof(HtmlFragment), HtmlMime, PlainText);

        Formatter.Register<PlotlyChart>((c, w) => w.Write(c.ToHtml()), HtmlMime);
        Formatter.Register<PlotlyChart>((c, w) => w.Write(c.ToString()), PlainText);
        Formatter.SetPreferredMimeTypesFor(typeof(PlotlyChart), HtmlMime, PlainText);

        Formatter.Register<Progress.TrainingProgress.HtmlProgress>((p, w) => w.Write(Progress.ProgressView.ToHtml(p.State)), HtmlMime);
        Formatter.Register<Progress.TrainingProgress.HtmlProgress>((p, w) => w.Write(p.ToString()), PlainText);

        Formatter.Register<Models.ModelSummary>((m, w) => w.Write(ModelFormatter.ToHtml(m)), HtmlMime);
        Formatter.Register<Models.ModelSummary>((m, w) => w.Write(m.ToString()), PlainText);
        Formatter.SetPreferredMimeTypesFor(typeof(Models.ModelSummary), HtmlMime, PlainText);

        // A training history shows its curves (loss/cost, accuracy, validation entries) against the epoch.
        Formatter.Register<Models.History>((h, w) => w.Write(Plot.History(h).ToHtml()), HtmlMime);
        Formatter.Register<Models.History>((h, w) => w.Write(h.ToString()), PlainText);
        Formatter.SetPreferredMimeTypesFor(typeof(Models.History), HtmlMime, PlainText);

        Formatter.Register<TimeItResult>((r, w) => w.Write(Formatters.Html.Escape(r.ToString())), HtmlMime);
        Formatter.Register<TimeItResult>((r, w) => w.Write(r.ToString()), PlainText);
        Formatter.SetPreferredMimeTypesFor(typeof(TimeItResult), PlainText);

        Formatter.Register<GradeReport>((r, w) => w.Write(GradeFormatter.ToHtml(r.Title, CourseBridge.Rows(r))), HtmlMime);
        Formatter.Register<GradeReport>((r, w) => w.Write(r.ToString()), PlainText);
        Formatter.SetPreferredMimeTypesFor(typeof(GradeReport), HtmlMime, PlainText);

        Formatter.Register<GradientCheckResult>((r, w) => w.Write(GradCheckFormatter.ToHtml(r)), HtmlMime);
        Formatter.Register<GradientCheckResult>((r, w) => w.Write(r.ToString()), PlainText);
        Formatter.SetPreferredMimeTypesFor(typeof(GradientCheckResult), HtmlMime, PlainText);
    }
}

/// <summary>The IKernelExtension entry point for hosts that load extension assemblies (it calls <see cref="DeepNotesExtension.Load"/>).</summary>
public sealed class DeepNotesKernelExtension : IKernelExtension
{
    public Task OnLoadAsync(Kernel kernel)
    {
        DeepNotesExtension.Load(kernel);
        return Task.CompletedTask;
    }
}
