using System.Diagnostics;
using DeepNotes.Runner.Hosting;

namespace DeepNotes.Interactive.Tests;

/// <summary>
/// Packs the extension (extension/DeepNotes.Interactive.Package.csproj) with a unique version and loads it the
/// way dotnet-interactive does: #i the feed, #r the package, the package's extension.dib calls Load.
/// </summary>
[Collection("kernel")]
public sealed class PackageTests : IDisposable
{
    private readonly string feed = Directory.CreateTempSubdirectory("deepnotes-feed-").FullName;
    private readonly string version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");

    public void Dispose()
    {
        Directory.Delete(feed, recursive: true);
        // Each test version is restored once; leave no copies in the NuGet cache.
        var cached = Path.Combine(NuGetPackagesFolder(), "deepnotes.interactive", version);
        if (Directory.Exists(cached)) Directory.Delete(cached, recursive: true);
    }

    [Fact]
    public async Task Extension_loads_from_the_packed_package()
    {
        Pack();
        using var kernel = new NotebookKernel(loadExtensionInProcess: false);
        var events = new List<Microsoft.DotNet.Interactive.Events.KernelEvent>();
        Microsoft.DotNet.Interactive.KernelCommandResult load;
        using (kernel.Root.KernelEvents.Subscribe(new Collector(events)))
            load = await kernel.SubmitAsync($"#i \"nuget:{feed}\"\n#r \"nuget:DeepNotes.Interactive, {version}\"");
        var failure = load.Events.OfType<Microsoft.DotNet.Interactive.Events.CommandFailed>().FirstOrDefault();
        Assert.True(failure is null, failure?.Message);
        Assert.Contains(kernel.LoadedExtensionDirectories, d => d.Contains(Path.Combine("deepnotes.interactive", version), StringComparison.OrdinalIgnoreCase));
        var status = events.ToList().OfType<Microsoft.DotNet.Interactive.Events.DisplayEvent>()
            .SelectMany(e => e.FormattedValues).Select(v => v.Value).ToList();
        Assert.Contains(status, v => v.Contains("loaded: backend cpu"));

        // The dib's usings and formatters are in effect, and the plotting folder is found inside the package.
        var tensor = await kernel.SubmitAsync("Np.Ones(2, 2)");
        var html = tensor.Events.OfType<Microsoft.DotNet.Interactive.Events.ReturnValueProduced>().Single().FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.Contains("<b>Tensor</b> (2, 2)", html);
        var magic = await kernel.SubmitAsync("#!device cpu");
        Assert.DoesNotContain(magic.Events, e => e is Microsoft.DotNet.Interactive.Events.CommandFailed);
    }

    private void Pack()
    {
        var root = RepositoryRoot();
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var project = Path.Combine(root, "extension", "DeepNotes.Interactive.Package.csproj");
        // The assemblies are already built (this test project references them): restore, then pack without building.
        Dotnet(root, "restore", project, "--nologo", "-v", "quiet");
        Dotnet(root, "pack", project, "--no-build", "-c", configuration, "-o", feed, $"-p:Version={version}", "--nologo", "-v", "quiet");
        Assert.True(File.Exists(Path.Combine(feed, $"DeepNotes.Interactive.{version}.nupkg")));
    }

    private static void Dotnet(string root, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet", args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet {args[0]} failed:\n{stdout.Result}\n{stderr.Result}");
    }

    private sealed class Collector(List<Microsoft.DotNet.Interactive.Events.KernelEvent> events) : IObserver<Microsoft.DotNet.Interactive.Events.KernelEvent>
    {
        public void OnNext(Microsoft.DotNet.Interactive.Events.KernelEvent value)
        {
            lock (events) events.Add(value);
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Notebooks.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root (Notebooks.sln) not found above " + AppContext.BaseDirectory);
    }

    private static string NuGetPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
