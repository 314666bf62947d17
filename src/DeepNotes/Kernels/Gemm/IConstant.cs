namespace DeepNotes.Kernels;

/// <summary>A compile-time integer carried by a struct type argument (the JIT folds it per instantiation).</summary>
internal interface IConstant
{
    static abstract int Value { get; }
}

internal struct N1 : IConstant { public static int Value => 1; }
internal struct N2 : IConstant { public static int Value => 2; }
internal struct N3 : IConstant { public static int Value => 3; }
internal struct N4 : IConstant { public static int Value => 4; }
internal struct N5 : IConstant { public static int Value => 5; }
internal struct N6 : IConstant { public static int Value => 6; }
internal struct N7 : IConstant { public static int Value => 7; }
internal struct N8 : IConstant { public static int Value => 8; }
internal struct N9 : IConstant { public static int Value => 9; }
internal struct N10 : IConstant { public static int Value => 10; }
