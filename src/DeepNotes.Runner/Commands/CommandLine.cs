namespace DeepNotes.Runner.Commands;

/// <summary>Verb dispatch: <c>DeepNotes.Runner VERB args…</c>; without a known verb the arguments go to <c>run</c>.</summary>
public static class CommandLine
{
    public const int UsageError = 2;

    public static IReadOnlyList<IRunnerCommand> Commands { get; } = typeof(CommandLine).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && !t.IsInterface && typeof(IRunnerCommand).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (IRunnerCommand)Activator.CreateInstance(t)!)
        .OrderBy(c => c.Name, StringComparer.Ordinal)
        .ToList();

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine("usage: DeepNotes.Runner [VERB] ARGS");
            foreach (var c in Commands) output.WriteLine($"  {c.Name,-8} {c.Summary}");
            output.WriteLine($"  (no verb: run)  {RunCommand.Usage}");
            return args.Length == 0 ? UsageError : 0;
        }
        var verb = Commands.FirstOrDefault(c => c.Name == args[0]);
        return verb is null
            ? await new RunCommand().RunAsync(args, output)
            : await verb.RunAsync(args[1..], output);
    }
}
