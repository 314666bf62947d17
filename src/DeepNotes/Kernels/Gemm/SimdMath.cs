using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepNotes.Kernels;

/// <summary>Fused multiply-add on generic vectors (the JIT removes the type tests per instantiation).</summary>
internal static class SimdMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Fma<T>(Vector512<T> x, Vector512<T> y, Vector512<T> acc)
    {
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), acc.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector512.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), acc.AsDouble()).As<double, T>();
        throw new NotSupportedException();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Fma<T>(Vector256<T> x, Vector256<T> y, Vector256<T> acc)
    {
        if (typeof(T) == typeof(float))
            return Vector256.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), acc.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector256.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), acc.AsDouble()).As<double, T>();
        throw new NotSupportedException();
    }

    /// <summary>A mask whose first count lanes are all ones (1 ≤ count ≤ lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> FirstLanes512<T>(int count)
    {
        if (typeof(T) == typeof(float))
            return Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).As<int, T>();
        return Vector512.LessThan(Vector512<long>.Indices, Vector512.Create((long)count)).As<long, T>();
    }

    /// <inheritdoc cref="FirstLanes512"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> FirstLanes256<T>(int count)
    {
        if (typeof(T) == typeof(float))
            return Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(count)).As<int, T>();
        return Vector256.LessThan(Vector256<long>.Indices, Vector256.Create((long)count)).As<long, T>();
    }

    /// <summary>Loads the masked lanes (others zero) without touching memory behind masked-off lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector512<T> MaskLoad<T>(T* address, Vector512<T> mask) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            return Avx512F.MaskLoad((float*)address, mask.AsSingle(), Vector512<float>.Zero).As<float, T>();
        return Avx512F.MaskLoad((double*)address, mask.AsDouble(), Vector512<double>.Zero).As<double, T>();
    }

    /// <summary>Stores the masked lanes only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void MaskStore<T>(T* address, Vector512<T> mask, Vector512<T> value) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) Avx512F.MaskStore((float*)address, mask.AsSingle(), value.AsSingle());
        else Avx512F.MaskStore((double*)address, mask.AsDouble(), value.AsDouble());
    }

    /// <inheritdoc cref="MaskLoad{T}(T*, Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector256<T> MaskLoad<T>(T* address, Vector256<T> mask) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return Avx.MaskLoad((float*)address, mask.AsSingle()).As<float, T>();
        return Avx.MaskLoad((double*)address, mask.AsDouble()).As<double, T>();
    }

    /// <inheritdoc cref="MaskStore{T}(T*, Vector512{T}, Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void MaskStore<T>(T* address, Vector256<T> mask, Vector256<T> value) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) Avx.MaskStore((float*)address, mask.AsSingle(), value.AsSingle());
        else Avx.MaskStore((double*)address, mask.AsDouble(), value.AsDouble());
    }
}
