using System.Reflection;
using System.Runtime.Loader;

namespace DeepNotes.Interactive.Plots;

/// <summary>
/// An isolated load context for Plotly.NET, Plotly.NET.CSharp, FSharp.Core 10.1 and their dependencies.
/// The dotnet-interactive tool runs with its own (older) FSharp.Core in the default context; resolving every
/// assembly found in our plotting folder here first keeps the two from ever meeting. Framework assemblies
/// (System.*) are not in the folder, so they fall through to the default context and are shared.
/// </summary>
internal sealed class PlottingLoadContext(string directory) : AssemblyLoadContext("DeepNotes.Plotting", isCollectible: false)
{
    public string Directory { get; } = directory;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = Path.Combine(Directory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
