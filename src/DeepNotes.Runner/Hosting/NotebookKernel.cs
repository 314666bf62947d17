using System.Collections.Concurrent;
using DeepNotes.Interactive;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace DeepNotes.Runner.Hosting;

/// <summary>
/// An in-process notebook kernel shaped like dotnet-interactive's C# setup: a CompositeKernel with a CSharpKernel
/// (#r "nuget:", #i, kernel helpers, value sharing). Like the real tool, a restored package that carries
/// interactive-extensions/dotnet gets its extension.dib run (and IKernelExtension types in that folder loaded),
/// so the same notebook first cell works here and in Jupyter.
/// </summary>
public sealed class NotebookKernel : IDisposable
{
    private readonly ConcurrentQueue<string> packageRoots = new();
    private readonly HashSet<string> loadedExtensionDirs = new(StringComparer.Ordinal);

    public NotebookKernel(bool loadExtensionInProcess)
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective((kernel, references) =>
            {
                kernel.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseValueSharing();
        Root = new CompositeKernel { csharp };
        Root.DefaultKernelName = csharp.Name;
        CSharp = csharp;

        Root.KernelEvents.Subscribe(new PackageObserver(packageRoots));
        Root.AddMiddleware(async (command, context, next) =>
        {
            await next(command, context);
            while (packageRoots.TryDequeue(out var root)) await LoadPackageExtensionsAsync(root, context);
        });

        if (loadExtensionInProcess)
        {
            // What #r "nuget:DeepNotes.Interactive" + its extension.dib do in Jupyter, from the runner's own build.
            var here = Path.GetDirectoryName(typeof(DeepNotesExtension).Assembly.Location)!;
            csharp.AddAssemblyReferences(new[] { "DeepNotes.dll", "DeepNotes.Interactive.dll", "DeepNotes.Course.dll" }
                .Select(f => Path.Combine(here, f)).Where(File.Exists));
            DeepNotesExtension.Load(Root);
            Prelude = SubmitAsync(DeepNotesExtension.Usings);
        }
    }

    /// <summary>The in-process extension's using directives (completed before the first cell runs).</summary>
    public Task? Prelude { get; }

    public CompositeKernel Root { get; }
    public CSharpKernel CSharp { get; }

    /// <summary>Extension folders loaded from packages so far (tests check the packed package took this path).</summary>
    public IReadOnlyCollection<string> LoadedExtensionDirectories => loadedExtensionDirs;

    public Task<KernelCommandResult> SubmitAsync(string code, CancellationToken cancellationToken = default) =>
        Root.SendAsync(new SubmitCode(code), cancellationToken);

    private async Task LoadPackageExtensionsAsync(string packageRoot, KernelInvocationContext context)
    {
        var dir = Path.Combine(packageRoot, "interactive-extensions", "dotnet");
        if (!Directory.Exists(dir) || !loadedExtensionDirs.Add(dir)) return;
        foreach (var dll in Directory.GetFiles(dir, "*.dll"))
        {
            var assembly = System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromAssemblyPath(dll);
            foreach (var type in assembly.ExportedTypes.Where(t => !t.IsAbstract && typeof(IKernelExtension).IsAssignableFrom(t)))
                await ((IKernelExtension)Activator.CreateInstance(type)!).OnLoadAsync(Root);
        }
        var script = Path.Combine(dir, "extension.dib");
        if (File.Exists(script)) await Root.LoadAndRunInteractiveDocument(new FileInfo(script), context.Command);
    }

    public void Dispose() => Root.Dispose();

    private sealed class PackageObserver(ConcurrentQueue<string> roots) : IObserver<KernelEvent>
    {
        public void OnNext(KernelEvent value)
        {
            if (value is PackageAdded { PackageReference.PackageRoot: { } root }) roots.Enqueue(root);
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }
}
