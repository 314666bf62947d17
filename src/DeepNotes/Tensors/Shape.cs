using System.Collections;

namespace DeepNotes;

/// <summary>An immutable list of dimension sizes that prints like numpy's shape tuple: (3, 4).</summary>
public sealed class Shape : IReadOnlyList<int>, IEquatable<Shape>
{
    private readonly int[] dims;

    public Shape(params int[] dims)
    {
        foreach (var d in dims)
            if (d < 0) throw new ArgumentException($"shape {Format(dims)}: dimensions must be non-negative");
        this.dims = (int[])dims.Clone();
    }

    public static Shape Scalar { get; } = new();

    public int Rank => dims.Length;
    public int Count => dims.Length;
    public int this[int axis] => dims[axis];

    /// <summary>Number of elements (1 for a scalar).</summary>
    public int Size
    {
        get
        {
            long n = 1;
            foreach (var d in dims) n *= d;
            if (n > int.MaxValue) throw new OverflowException($"shape {this} has {n} elements, more than {int.MaxValue}");
            return (int)n;
        }
    }

    public static int SizeOf(ReadOnlySpan<int> dims)
    {
        int n = 1;
        foreach (var d in dims) n *= d;
        return n;
    }

    public int[] ToArray() => (int[])dims.Clone();
    internal int[] Dims => dims;
    internal ReadOnlySpan<int> AsSpan() => dims;

    public static implicit operator Shape(int[] dims) => new(dims);

    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)dims).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => dims.GetEnumerator();

    public bool Equals(Shape? other) => other is not null && dims.AsSpan().SequenceEqual(other.dims);
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in dims) h.Add(d);
        return h.ToHashCode();
    }
    public static bool operator ==(Shape? a, Shape? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Shape? a, Shape? b) => !(a == b);

    public override string ToString() => Format(dims);

    /// <summary>numpy's tuple notation: () for scalars, (5,) for vectors, (3, 4) otherwise.</summary>
    public static string Format(ReadOnlySpan<int> dims) => dims.Length switch
    {
        0 => "()",
        1 => $"({dims[0]},)",
        _ => "(" + string.Join(", ", dims.ToArray()) + ")",
    };

    /// <summary>Resolves a possibly negative axis against a rank, naming the op on failure.</summary>
    public static int NormalizeAxis(int axis, int rank, string op)
    {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank)
            throw new ArgumentOutOfRangeException(nameof(axis), $"{op}: axis {axis} is out of bounds for a tensor of rank {rank}");
        return a;
    }

    /// <summary>numpy broadcasting of two shapes; the error names both shapes and the op.</summary>
    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b, string op)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"{op}: operands could not be broadcast together with shapes {Format(a)} {Format(b)}");
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>Row-major (C-order) strides in elements.</summary>
    public static int[] ContiguousStrides(ReadOnlySpan<int> dims)
    {
        var strides = new int[dims.Length];
        int s = 1;
        for (int i = dims.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Math.Max(dims[i], 1);
        }
        return strides;
    }
}
