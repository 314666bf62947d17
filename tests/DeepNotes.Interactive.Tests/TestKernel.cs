using DeepNotes.Runner.Hosting;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace DeepNotes.Interactive.Tests;

/// <summary>An in-process notebook kernel with the extension loaded, plus helpers to read a submission's outputs.</summary>
public sealed class TestKernel : IDisposable
{
    private readonly NotebookKernel kernel = new(loadExtensionInProcess: true);

    public async Task<Submission> RunAsync(string code)
    {
        if (kernel.Prelude is { } prelude) await prelude;
        // Subscribe rather than read result.Events: magics submit nested commands whose events only reach the
        // kernel's event stream, exactly as a notebook front end sees them.
        var events = new List<KernelEvent>();
        using (kernel.Root.KernelEvents.Subscribe(new Collector(events)))
            await kernel.SubmitAsync(code);
        lock (events) return new Submission(events.ToList());
    }

    public void Dispose() => kernel.Dispose();

    private sealed class Collector(List<KernelEvent> events) : IObserver<KernelEvent>
    {
        public void OnNext(KernelEvent value)
        {
            lock (events) events.Add(value);
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }
}

public sealed record Submission(IReadOnlyList<KernelEvent> Events)
{
    public CommandFailed? Failure => Events.OfType<CommandFailed>().FirstOrDefault(f => f.Command.Parent is null)
                                     ?? Events.OfType<CommandFailed>().FirstOrDefault();

    public IEnumerable<FormattedValue> Values(string mime) =>
        Events.OfType<DisplayEvent>().Where(e => e is ReturnValueProduced or DisplayedValueProduced)
              .SelectMany(e => e.FormattedValues).Where(v => v.MimeType == mime);

    public string Html => string.Join("\n", Values("text/html").Select(v => v.Value));
    public string Text => string.Join("\n", Values("text/plain").Select(v => v.Value));

    public Submission Succeeded()
    {
        Assert.True(Failure is null, $"submission failed: {Failure?.Message}");
        return this;
    }
}
