using DeepNotes.Bench.Harness;
using DeepNotes.Bench.Suites;

// DeepNotes bench: ours against OpenBLAS and libtorch, interleaved, medians.
//   dotnet run -c Release --project src/DeepNotes.Bench -- gemm|elementwise|all [--ghz 3.2] [--reps 7] [--threads 2]
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.WriteLine(BenchOptions.Usage(SuiteRegistry.All));
    return 2;
}
var suites = SuiteRegistry.Select(options.Suites);
if (suites is null)
{
    Console.Error.WriteLine($"unknown suite in '{string.Join(' ', options.Suites)}'");
    Console.WriteLine(BenchOptions.Usage(SuiteRegistry.All));
    return 2;
}
var context = new BenchContext(options);
context.PrintHeader();
foreach (var suite in suites)
{
    Console.WriteLine();
    Console.WriteLine($"== {suite.Name}: {suite.Description}");
    suite.Run(context);
}
context.Dispose();
return 0;
