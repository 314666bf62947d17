using Microsoft.DotNet.Interactive.Commands;

namespace DeepNotes.Interactive.Magics;

// The typed commands the magic directives bind to. Values arrive as text and are parsed by the handlers,
// so a bad value gets our own message (naming the magic and a correct example) rather than a JSON error.

/// <summary><c>#!seed 42</c></summary>
public sealed class SeedCommand : KernelDirectiveCommand
{
    public string? Value { get; set; }
}

/// <summary><c>#!device cpu</c> or <c>#!device gpu</c></summary>
public sealed class DeviceCommand : KernelDirectiveCommand
{
    public string? Name { get; set; }
}

/// <summary><c>#!timeit [-n loops] [-r runs]</c> followed by the code to time.</summary>
public sealed class TimeItCommand : KernelDirectiveCommand
{
    public string? N { get; set; }
    public string? R { get; set; }
}

/// <summary><c>#!gradcheck f [--shape "3,4; 4,2"] [--inputs x,y] [--epsilon 1e-7]</c></summary>
public sealed class GradCheckCommand : KernelDirectiveCommand
{
    public string? Function { get; set; }
    public string? Shape { get; set; }
    public string? Inputs { get; set; }
    public string? Epsilon { get; set; }
}

/// <summary><c>#!grade</c> or <c>#!grade Propagate</c></summary>
public sealed class GradeCommand : KernelDirectiveCommand
{
    public string? Function { get; set; }
}
