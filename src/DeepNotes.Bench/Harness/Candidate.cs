namespace DeepNotes.Bench.Harness;

/// <summary>One contender in a benchmark case: a name and one call of the operation.</summary>
public sealed record Candidate(string Name, Action Run);
