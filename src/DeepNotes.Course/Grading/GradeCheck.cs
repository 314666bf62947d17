namespace DeepNotes.Course.Grading;

/// <summary>One line of a grade report: which graded function, which test, and what went wrong if it failed.</summary>
public sealed record GradeCheck(string Function, string Test, bool Passed, string Message)
{
    /// <summary>The message shown when the learner's function still throws NotImplementedException.</summary>
    public const string NotImplementedMessage = "not implemented yet";

    /// <summary>True when the check failed only because the exercise is still the stripped stub.</summary>
    public bool NotImplemented => !Passed && Message == NotImplementedMessage;
}
