namespace DeepNotes.Runner.Commands;

/// <summary>
/// A verb of the runner (<c>run</c>, <c>strip</c> …). Adding a verb is adding a class that implements this:
/// <see cref="CommandLine"/> finds every implementation in the assembly.
/// </summary>
public interface IRunnerCommand
{
    /// <summary>The verb typed on the command line.</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Summary { get; }

    /// <summary>Runs with the arguments after the verb; returns the process exit code.</summary>
    Task<int> RunAsync(string[] args, TextWriter output);
}
