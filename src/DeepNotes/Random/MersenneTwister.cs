using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepNotes;

/// <summary>
/// The MT19937 Mersenne Twister bit generator exactly as numpy runs it (numpy/random/src/mt19937):
/// the same seeding (<c>init_genrand</c> for 32-bit seeds, <c>init_by_array</c> for key arrays), the same
/// tempering, and the same derived draws: 64-bit values are two 32-bit draws, high word first, and doubles
/// take 53 bits as <c>(a &gt;&gt; 5, b &gt;&gt; 6)</c>. Not thread-safe; <see cref="NumpyRandom"/> locks around it.
/// </summary>
internal sealed class MersenneTwister
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0dfu;
    private const uint UpperMask = 0x80000000u;
    private const uint LowerMask = 0x7fffffffu;

    private readonly uint[] key = new uint[N];
    private int pos;

    public MersenneTwister(uint seed) => Seed(seed);

    /// <summary>numpy's <c>mt19937_seed</c> (Knuth's initialiser from the reference implementation).</summary>
    public void Seed(uint seed)
    {
        for (int i = 0; i < N; i++)
        {
            key[i] = seed;
            seed = unchecked(1812433253u * (seed ^ (seed >> 30)) + (uint)i + 1u);
        }
        pos = N;
    }

    /// <summary>numpy's <c>mt19937_init_by_array</c>, used when seeding with an array of 32-bit words.</summary>
    public void SeedByArray(ReadOnlySpan<uint> initKey)
    {
        if (initKey.Length == 0) throw new ArgumentException("seed: Seed must be non-empty");
        Seed(19650218u);
        var mt = key;
        int i = 1, j = 0;
        for (int k = Math.Max(N, initKey.Length); k > 0; k--)
        {
            mt[i] = unchecked((mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + initKey[j] + (uint)j);
            i++;
            j++;
            if (i >= N) { mt[0] = mt[N - 1]; i = 1; }
            if (j >= initKey.Length) j = 0;
        }
        for (int k = N - 1; k > 0; k--)
        {
            mt[i] = unchecked((mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - (uint)i);
            i++;
            if (i >= N) { mt[0] = mt[N - 1]; i = 1; }
        }
        mt[0] = 0x80000000u;   // MSB is 1, assuring a non-zero initial array
        pos = N;
    }

    /// <summary>The next tempered 32-bit output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextUInt32()
    {
        if (pos >= N) Twist();
        // pos < N here, so the bounds check can go (this is the hot path of every draw)
        uint y = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(key), pos++);
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        return y ^ (y >> 18);
    }

    /// <summary>Two 32-bit draws, the first one in the high word (numpy's <c>mt19937_next64</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong hi = NextUInt32();
        return (hi << 32) | NextUInt32();
    }

    /// <summary>A double in [0, 1) with 53 random bits (numpy's <c>mt19937_next_double</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble()
    {
        int a = (int)(NextUInt32() >> 5);
        int b = (int)(NextUInt32() >> 6);
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>Regenerates the whole state block (the reference <c>genrand</c> refill).</summary>
    private void Twist()
    {
        var mt = key;
        int i;
        uint y;
        for (i = 0; i < N - M; i++)
        {
            y = (mt[i] & UpperMask) | (mt[i + 1] & LowerMask);
            mt[i] = mt[i + M] ^ (y >> 1) ^ ((y & 1u) * MatrixA);
        }
        for (; i < N - 1; i++)
        {
            y = (mt[i] & UpperMask) | (mt[i + 1] & LowerMask);
            mt[i] = mt[i + (M - N)] ^ (y >> 1) ^ ((y & 1u) * MatrixA);
        }
        y = (mt[N - 1] & UpperMask) | (mt[0] & LowerMask);
        mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ ((y & 1u) * MatrixA);
        pos = 0;
    }

    /// <summary>A copy of the 624-word key and the position (numpy's get_state()[1:3]).</summary>
    public (uint[] Key, int Pos) GetState() => ((uint[])key.Clone(), pos);

    public void SetState(ReadOnlySpan<uint> newKey, int newPos)
    {
        if (newKey.Length != N) throw new ArgumentException($"set_state: state must be {N} elements, got {newKey.Length}");
        if (newPos < 0 || newPos > N) throw new ArgumentOutOfRangeException(nameof(newPos), $"set_state: pos must be in [0, {N}], got {newPos}");
        newKey.CopyTo(key);
        pos = newPos;
    }
}
