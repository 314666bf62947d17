using DeepNotes.Runner.Commands;

return await CommandLine.RunAsync(args);
