namespace DeepNotes.Course.Grading;

/// <summary>Thrown inside a grader to stop testing a function (stub, wrong signature); never escapes Grade.Check.</summary>
internal sealed class GradeStopped(string message) : Exception(message);
