namespace DeepNotes;

public sealed partial class NumpyRandom
{
    /// <summary>
    /// Integers drawn uniformly from [low, high), returned as a float64 tensor (numpy's legacy
    /// <c>randint(low, high, size)</c> with its default int64 dtype: masked rejection sampling on 32-bit draws
    /// when high - low - 1 fits in 32 bits, on 64-bit draws otherwise).
    /// </summary>
    public Tensor RandInt(long low, long high, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (Shape.SizeOf(Tensor.CheckShape(shape, "randint")) == 0)
            return NewFloat64(shape, "randint", out _);   // numpy returns an empty array before checking bounds
        ulong rng = CheckIntRange(low, high, "randint");
        var t = NewFloat64(shape, "randint", out var data);
        lock (gate)
        {
            var sampler = new BoundedSampler(rng);
            for (int i = 0; i < data.Length; i++) data[i] = low + (long)sampler.Next(mt);
        }
        return t;
    }

    /// <summary>One integer drawn uniformly from [low, high) (numpy's <c>randint(low, high)</c>).</summary>
    public int RandIntScalar(int low, int high)
    {
        ulong rng = CheckIntRange(low, high, "randint");
        lock (gate) return (int)(low + (long)new BoundedSampler(rng).Next(mt));
    }

    /// <summary>Validates [low, high) and returns the inclusive span high - 1 - low that numpy samples over.</summary>
    private static ulong CheckIntRange(long low, long high, string op)
    {
        if (low >= high)
            throw new ArgumentException(low == 0 ? $"{op}: high <= 0 (high={high})" : $"{op}: low >= high (low={low}, high={high})");
        return unchecked((ulong)(high - 1) - (ulong)low);
    }

    /// <summary>
    /// numpy's <c>random_interval(max)</c>: a value in [0, max] by masked rejection, used by legacy
    /// shuffle and permutation.
    /// </summary>
    private ulong Interval(ulong max)
    {
        if (max == 0) return 0;
        ulong mask = SmallestMask(max);
        ulong value;
        if (max <= uint.MaxValue)
            while ((value = mt.NextUInt32() & mask) > max) { }
        else
            while ((value = mt.NextUInt64() & mask) > max) { }
        return value;
    }

    /// <summary>The smallest all-ones bit mask that covers x (numpy's <c>gen_mask</c>).</summary>
    private static ulong SmallestMask(ulong x)
    {
        x |= x >> 1;
        x |= x >> 2;
        x |= x >> 4;
        x |= x >> 8;
        x |= x >> 16;
        x |= x >> 32;
        return x;
    }

    /// <summary>
    /// numpy's <c>random_bounded_uint64_fill</c> with <c>use_masked=True</c> for one inclusive span:
    /// draws in [0, rng], choosing the draw width exactly as numpy does.
    /// </summary>
    private readonly struct BoundedSampler(ulong rng)
    {
        private readonly ulong mask = SmallestMask(rng);

        public ulong Next(MersenneTwister mt)
        {
            if (rng == 0) return 0;   // a single possible value consumes no draw
            if (rng < uint.MaxValue)
            {
                uint m = (uint)mask;
                uint v;
                while ((v = mt.NextUInt32() & m) > rng) { }
                return v;
            }
            if (rng == uint.MaxValue) return mt.NextUInt32();
            if (rng == ulong.MaxValue) return mt.NextUInt64();
            ulong w;
            while ((w = mt.NextUInt64() & mask) > rng) { }
            return w;
        }
    }
}
