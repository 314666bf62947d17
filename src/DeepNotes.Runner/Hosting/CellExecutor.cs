using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace DeepNotes.Runner.Hosting;

/// <summary>The result of one cell: nbformat outputs, whether it failed and with what message, and its duration.</summary>
public sealed record CellResult(JsonArray Outputs, bool Failed, string? Error, TimeSpan Elapsed, string Stdout);

/// <summary>
/// Runs code in a <see cref="NotebookKernel"/> and turns the kernel's events into nbformat outputs:
/// display_data (display()/updates), execute_result (the cell's value), stream (stdout/stderr) and error.
/// Standard output is echoed to <paramref name="console"/> as it arrives.
/// </summary>
public sealed class CellExecutor(NotebookKernel kernel, TextWriter? console)
{
    public async Task<CellResult> ExecuteAsync(string code, int executionCount, CancellationToken cancellationToken = default)
    {
        var outputs = new JsonArray();
        var byDisplayId = new Dictionary<string, JsonObject>();
        var stdout = new System.Text.StringBuilder();
        string? error = null;
        var gate = new object();
        var watch = Stopwatch.StartNew();

        using var subscription = kernel.Root.KernelEvents.Subscribe(new Observer(e =>
        {
            lock (gate)
            {
                switch (e)
                {
                    case StandardOutputValueProduced o:
                        var text = Text(o);
                        stdout.Append(text);
                        console?.Write(text);
                        AppendStream(outputs, "stdout", text);
                        break;
                    case StandardErrorValueProduced o:
                        var err = Text(o);
                        console?.Write(err);
                        AppendStream(outputs, "stderr", err);
                        break;
                    case ReturnValueProduced r:
                        outputs.Add(new JsonObject
                        {
                            ["output_type"] = "execute_result",
                            ["execution_count"] = executionCount,
                            ["data"] = Data(r.FormattedValues),
                            ["metadata"] = new JsonObject(),
                        });
                        break;
                    case DisplayedValueUpdated u when u.ValueId is { } id && byDisplayId.TryGetValue(id, out var existing):
                        existing["data"] = Data(u.FormattedValues);
                        break;
                    case ErrorProduced p:
                        outputs.Add(ErrorOutput("Error", p.Message));
                        break;
                    case DisplayEvent d when d is DisplayedValueProduced or DisplayedValueUpdated:
                        var display = new JsonObject
                        {
                            ["output_type"] = "display_data",
                            ["data"] = Data(d.FormattedValues),
                            ["metadata"] = new JsonObject(),
                        };
                        if (d.ValueId is { } valueId)
                        {
                            display["transient"] = new JsonObject { ["display_id"] = valueId };
                            byDisplayId[valueId] = display;
                        }
                        outputs.Add(display);
                        break;
                    case CommandFailed f when f.Command.Parent is null:
                        error = f.Message;
                        break;
                }
            }
        }));

        var result = await kernel.SubmitAsync(code, cancellationToken);
        watch.Stop();
        lock (gate)
        {
            error ??= result.Events.OfType<CommandFailed>().FirstOrDefault()?.Message;
            if (error is not null)
            {
                var (name, value) = SplitError(error);
                outputs.Add(ErrorOutput(name, value));
            }
            return new CellResult(outputs, error is not null, error, watch.Elapsed, stdout.ToString());
        }
    }

    private static string Text(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value ?? e.Value?.ToString() ?? "";

    private static void AppendStream(JsonArray outputs, string name, string text)
    {
        if (outputs.Count > 0 && outputs[^1] is JsonObject last && last["output_type"]?.GetValue<string>() == "stream"
            && last["name"]?.GetValue<string>() == name)
        {
            last["text"] = last["text"]!.GetValue<string>() + text;
            return;
        }
        outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = text });
    }

    private static JsonObject Data(IEnumerable<FormattedValue> values)
    {
        var data = new JsonObject();
        foreach (var v in values)
            if (!v.SuppressDisplay) data[v.MimeType] = v.Value;
        return data;
    }

    private static JsonObject ErrorOutput(string name, string value) => new()
    {
        ["output_type"] = "error",
        ["ename"] = name,
        ["evalue"] = value.Split('\n')[0].TrimEnd(),
        ["traceback"] = new JsonArray(value.Split('\n').Select(l => (JsonNode?)JsonValue.Create(l.TrimEnd())).ToArray()),
    };

    /// <summary>"System.ArgumentException: bad" → ("System.ArgumentException", "bad"); compiler errors keep their text.</summary>
    internal static (string Name, string Value) SplitError(string message)
    {
        var firstLine = message.Split('\n')[0];
        int colon = firstLine.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && firstLine[..colon].Contains('.') && !firstLine[..colon].Contains(' '))
            return (firstLine[..colon], message[(colon + 2)..]);
        return ("Error", message);
    }

    private sealed class Observer(Action<KernelEvent> onNext) : IObserver<KernelEvent>
    {
        public void OnNext(KernelEvent value) => onNext(value);
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }
}
