using DeepNotes.Bench.Harness;

namespace DeepNotes.Bench.Suites;

/// <summary>One named group of benchmarks, selected on the command line by its Name.</summary>
public interface IBenchSuite
{
    /// <summary>Command-line name (lower case, e.g. "gemm").</summary>
    string Name { get; }

    /// <summary>One line saying what the suite measures.</summary>
    string Description { get; }

    /// <summary>Runs and prints the suite's table.</summary>
    void Run(BenchContext context);
}
