using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Directives;

namespace DeepNotes.Interactive.Magics;

/// <summary>
/// Declares the magic commands (#!seed, #!device, #!timeit, #!gradcheck, #!grade) on the C# kernel. Handlers
/// parse arguments with <see cref="MagicArguments"/> and either act directly or submit a line of C# to the
/// same kernel (so notebook names such as the function to check resolve exactly as in a cell).
/// </summary>
internal static class MagicDirectives
{
    private static readonly ConditionalWeakTable<Kernel, object> Registered = new();
    private static readonly ConditionalWeakTable<KernelCommand, object> TimedCells = new();
    private static readonly ConditionalWeakTable<KernelCommand, object> OwnSubmissions = new();

    public static void Register(Kernel csharp)
    {
        if (Registered.TryGetValue(csharp, out _)) return;
        Registered.Add(csharp, new object());

        csharp.AddDirective<SeedCommand>(new KernelActionDirective("#!seed")
        {
            Description = "Seeds Np.Random (the numpy-compatible generator) so the cells after it are reproducible. Try: #!seed 1",
            Parameters = { new KernelDirectiveParameter("--value", "The seed, an integer from 0 to 4294967295") { AllowImplicitName = true, Required = true } },
        }, Guard<SeedCommand>((command, context) =>
        {
            var seed = MagicArguments.ParseSeed(command.Value);
            SeedGlobalGenerator(seed);
            KernelInvocationContextExtensions.Display(context, $"Np.Random seeded with {seed}", "text/plain");
            return Task.CompletedTask;
        }));

        csharp.AddDirective<DeviceCommand>(new KernelActionDirective("#!device")
        {
            Description = "Selects the engine backend: cpu, or gpu (ILGPU: CUDA when present, else its CPU accelerator). Try: #!device cpu",
            Parameters =
            {
                new KernelDirectiveParameter("--name", "cpu or gpu") { AllowImplicitName = true, Required = true }
                    .AddCompletions(() => new[] { "cpu", "gpu" }),
            },
        }, Guard<DeviceCommand>((command, context) =>
        {
            var device = DeviceSelection.Select(MagicArguments.ParseDevice(command.Name));
            KernelInvocationContextExtensions.Display(context, $"device: {device} ({device.Description})", "text/plain");
            return Task.CompletedTask;
        }));

        csharp.AddDirective<TimeItCommand>(new KernelActionDirective("#!timeit")
        {
            Description = "Times the rest of the cell like IPython's %timeit (loops and runs chosen automatically; min and median). Try: #!timeit -n 10 -r 5",
            Parameters =
            {
                new KernelDirectiveParameter("-n", "Calls per loop (default: grows until a loop takes 0.2 s)"),
                new KernelDirectiveParameter("-r", "Number of timed runs (default 7)"),
            },
        }, Guard<TimeItCommand>(async (command, context) =>
        {
            int? loops = MagicArguments.ParsePositive(command.N, "#!timeit", "-n (calls per loop)", "#!timeit -n 10");
            int? runs = MagicArguments.ParsePositive(command.R, "#!timeit", "-r (runs)", "#!timeit -r 5");
            var cell = command.Parent as SubmitCode;
            var code = cell is null ? "" : CodeAfterDirective(cell.Code, "#!timeit");
            if (string.IsNullOrWhiteSpace(code))
                throw MagicArguments.Error("#!timeit", "there is no code after it in the cell", "#!timeit\nNp.Ones(1000, 1000).Sum()");
            // The cell's own code would run once more after this handler; mark the cell so the middleware skips it.
            TimedCells.AddOrUpdate(cell!, new object());
            var submission = $"DeepNotes.Interactive.Magics.TimeIt.Run({CodeRewriter.TimeItLambda(code)}, {Optional(loops)}, {Optional(runs)})";
            await Submit(context, submission);
        }));

        csharp.AddMiddleware(async (command, context, next) =>
        {
            if (command is SubmitCode && !OwnSubmissions.TryGetValue(command, out _)
                && command.Parent is { } parent && TimedCells.TryGetValue(parent, out _)) return;
            await next(command, context);
        });

        csharp.AddDirective<GradCheckCommand>(new KernelActionDirective("#!gradcheck")
        {
            Description = "Checks the backward pass of a function of tensors against central differences (the course's relative difference). " +
                          "Try: #!gradcheck MyFunction --shape 3,4   or   #!gradcheck MyFunction --inputs X",
            Parameters =
            {
                new KernelDirectiveParameter("--function", "The function to check: Tensor → Tensor, or (Tensor, Tensor) → Tensor") { AllowImplicitName = true, Required = true },
                new KernelDirectiveParameter("--shape", "Shapes of random float64 inputs, one per argument, separated by ';', e.g. \"4,5; 3,4\""),
                new KernelDirectiveParameter("--inputs", "Notebook tensors to use as the inputs, comma-separated, e.g. X,W"),
                new KernelDirectiveParameter("--epsilon", "Central-difference step (default 1e-7)"),
            },
        }, Guard<GradCheckCommand>(async (command, context) => await Submit(context, GradCheckCode(command))));

        csharp.AddDirective<GradeCommand>(new KernelActionDirective("#!grade")
        {
            Description = "Runs the graded checks of one function, or shows every check run so far. Try: #!grade Propagate",
            Parameters = { new KernelDirectiveParameter("--function", "The graded function to check") { AllowImplicitName = true } },
        }, Guard<GradeCommand>(async (command, context) => await Submit(context, GradeCode(command.Function))));
    }

    /// <summary>
    /// Turns a handler's argument and state errors into a failed command with just the message (and its
    /// "Try:" hint), instead of an exception with a stack trace.
    /// </summary>
    private static Func<T, KernelInvocationContext, Task> Guard<T>(Func<T, KernelInvocationContext, Task> handler) where T : KernelCommand =>
        async (command, context) =>
        {
            try
            {
                await handler(command, context);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                context.Fail(command, message: e.Message);
            }
        };

    /// <summary>The C# that #!gradcheck submits (exposed for tests).</summary>
    internal static string GradCheckCode(GradCheckCommand command)
    {
        const string magic = "#!gradcheck";
        const string example = "#!gradcheck MyFunction --shape 3,4";
        var function = MagicArguments.ParseIdentifier(command.Function, magic, "the function to check", example, allowMembers: true);
        var shapes = (command.Shape ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        bool hasInputs = !string.IsNullOrWhiteSpace(command.Inputs);
        if (shapes.Length > 0 && hasInputs) throw MagicArguments.Error(magic, "give either --shape or --inputs, not both", example);
        if (shapes.Length == 0 && !hasInputs) throw MagicArguments.Error(magic, $"needs inputs for {function}: --shape for random ones or --inputs for notebook tensors", example);
        var epsilon = command.Epsilon is null ? 1e-7 : MagicArguments.ParsePositiveDouble(command.Epsilon, magic, "--epsilon", "#!gradcheck MyFunction --shape 3 --epsilon 1e-6");
        string[] arguments = hasInputs
            ? command.Inputs!.Split(',', StringSplitOptions.TrimEntries)
                .Select(n => $"DeepNotes.Interactive.Magics.GradCheckInputs.Leaf({MagicArguments.ParseIdentifier(n, magic, "an input tensor", "#!gradcheck MyFunction --inputs X,W")})").ToArray()
            : shapes.Select((s, i) => $"DeepNotes.Interactive.Magics.GradCheckInputs.Random(new int[] {{ {string.Join(", ", MagicArguments.ParseShape(s, magic, example))} }}, {i + 1})").ToArray();
        if (arguments.Length > 4) throw MagicArguments.Error(magic, "at most 4 inputs are supported", example);
        var call = string.Join(", ", Enumerable.Range(0, arguments.Length).Select(i => $"__p[{i}]"));
        return $"DeepNotes.GradientCheck.Check(__p => DeepNotes.Interactive.Magics.GradCheckInputs.Project({function}({call})), " +
               $"new DeepNotes.Tensor[] {{ {string.Join(", ", arguments)} }}, {epsilon.ToString("R", CultureInfo.InvariantCulture)})";
    }

    /// <summary>The C# that #!grade submits: the course's Grade.Check for one function, or Grade.Current.</summary>
    internal static string GradeCode(string? function)
    {
        if (string.IsNullOrWhiteSpace(function)) return "DeepNotes.Course.Grading.Grade.Current";
        var name = MagicArguments.ParseIdentifier(function, "#!grade", "a graded function", "#!grade Propagate");
        return $"DeepNotes.Course.Grading.Grade.Check({CodeRewriter.Literal(name)}, {name})";
    }

    /// <summary>The lines of a cell after the line holding the directive.</summary>
    internal static string CodeAfterDirective(string cell, string directive)
    {
        var lines = cell.Replace("\r\n", "\n").Split('\n');
        int at = Array.FindIndex(lines, l => l.TrimStart().StartsWith(directive, StringComparison.Ordinal));
        return at < 0 ? "" : string.Join("\n", lines.Skip(at + 1));
    }

    private static string Optional(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "null";

    private static async Task Submit(KernelInvocationContext context, string code)
    {
        var submission = new SubmitCode(code);
        OwnSubmissions.Add(submission, new object());
        var result = await context.HandlingKernel.SendAsync(submission);
        foreach (var e in result.Events)
        {
            if (e is Microsoft.DotNet.Interactive.Events.CommandFailed failed && failed.Command is SubmitCode)
                throw new InvalidOperationException(failed.Message);
        }
    }

    /// <summary>Seeds the engine's numpy-compatible global generator (Np.Random, numpy's RandomState).</summary>
    private static void SeedGlobalGenerator(uint seed) => Np.Random.Seed(seed);
}
