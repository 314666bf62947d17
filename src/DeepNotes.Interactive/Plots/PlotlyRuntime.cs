using System.Reflection;

namespace DeepNotes.Interactive.Plots;

/// <summary>
/// Finds the plotting folder, loads the bridge (DeepNotes.Plotting.dll) into <see cref="PlottingLoadContext"/>
/// and calls it by reflection with strings and arrays only.
/// </summary>
internal static class PlotlyRuntime
{
    /// <summary>Overrides where the plotting assemblies are looked for (a folder holding DeepNotes.Plotting.dll).</summary>
    public const string DirectoryVariable = "DEEPNOTES_PLOTTING_DIR";

    private const string BridgeAssembly = "DeepNotes.Plotting";
    private static readonly Lazy<Type> Bridge = new(LoadBridge, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<string> Js = new(() => (string)Call("PlotlyJs"));

    /// <summary>The plotly.js bundle shipped inside Plotly.NET.dll.</summary>
    public static string PlotlyJs => Js.Value;

    /// <summary>Candidate folders: the override, next to this assembly (builds), and the package root (lib/net10.0/../../plotting).</summary>
    internal static IEnumerable<string> CandidateDirectories()
    {
        var env = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrWhiteSpace(env)) yield return env;
        var here = Path.GetDirectoryName(typeof(PlotlyRuntime).Assembly.Location);
        if (string.IsNullOrEmpty(here)) yield break;
        yield return Path.Combine(here, "plotting");
        yield return Path.GetFullPath(Path.Combine(here, "..", "..", "plotting"));
    }

    public static string FindDirectory() =>
        CandidateDirectories().FirstOrDefault(d => File.Exists(Path.Combine(d, BridgeAssembly + ".dll")))
        ?? throw new InvalidOperationException(
            "DeepNotes plots: the plotting assemblies (DeepNotes.Plotting.dll, Plotly.NET) were not found in " +
            string.Join(", ", CandidateDirectories()) + $"; rebuild DeepNotes.Interactive or set {DirectoryVariable}");

    public static object Call(string method, params object[] args)
    {
        var info = Bridge.Value.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException(BridgeAssembly, method);
        try
        {
            return info.Invoke(null, args)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidOperationException($"plot failed in Plotly.NET: {e.InnerException.Message}", e.InnerException);
        }
    }

    private static Type LoadBridge()
    {
        var context = new PlottingLoadContext(FindDirectory());
        var assembly = context.LoadFromAssemblyPath(Path.Combine(context.Directory, BridgeAssembly + ".dll"));
        return assembly.GetType("DeepNotes.Plotting.ChartBridge", throwOnError: true)!;
    }
}
