using System.Numerics;

namespace DeepNotes.Kernels;

/// <summary>
/// The drivers every elementwise op runs through: dtype dispatch, numpy broadcasting, and the
/// choice between one SIMD call over contiguous data and row-by-row SIMD calls over strided views.
/// </summary>
internal static class Elementwise
{
    public static Tensor Unary<TOp>(Tensor x) where TOp : IUnaryOperator
    {
        if (!x.Device.IsCpu) return Backends.Gpu!.Unary(typeof(TOp), x);
        x.RequireCpu("elementwise");
        var src = x.Contiguous();
        var result = new Tensor(x.ShapeCopy(), x.DType);
        if (x.DType == DType.Float32) TOp.Invoke<float>(src.AsSpan<float>(), result.AsSpan<float>());
        else TOp.Invoke<double>(src.AsSpan<double>(), result.AsSpan<double>());
        return result;
    }

    /// <summary>Applies a binary op with broadcasting; the result is contiguous with the promoted dtype.</summary>
    public static Tensor Binary<TOp>(Tensor a, Tensor b, string op) where TOp : IBinaryOperator
    {
        if (!Device.Common(op, a, b).IsCpu) return Backends.Gpu!.Binary(typeof(TOp), a, b, op);
        a.RequireCpu(op);
        b.RequireCpu(op);
        var shape = Shape.Broadcast(a.Dims, b.Dims, op);
        var dtype = DTypeExtensions.Promote(a.DType, b.DType);
        var result = new Tensor(shape, dtype);
        BinaryInto<TOp>(a.AsType(dtype), b.AsType(dtype), result);
        return result;
    }

    /// <summary>Writes op(a, b) into an existing tensor whose shape is the broadcast shape.</summary>
    public static void BinaryInto<TOp>(Tensor a, Tensor b, Tensor destination) where TOp : IBinaryOperator
    {
        if (destination.DType == DType.Float32) BinaryTyped<float, TOp>(a, b, destination);
        else BinaryTyped<double, TOp>(a, b, destination);
    }

    private static void BinaryTyped<T, TOp>(Tensor a, Tensor b, Tensor d)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : IBinaryOperator
    {
        var da = a.Data<T>();
        var db = b.Data<T>();
        var dd = d.Data<T>();
        int size = d.Size;
        if (size == 0) return;
        bool aFull = a.IsContiguous && a.Size == size;
        bool bFull = b.IsContiguous && b.Size == size;
        if (aFull && bFull)
        {
            TOp.Invoke<T>(da.AsSpan(a.Offset, size), db.AsSpan(b.Offset, size), dd.AsSpan(d.Offset, size));
            return;
        }
        if (aFull && b.Size == 1)
        {
            TOp.Invoke(da.AsSpan(a.Offset, size), db[b.Offset], dd.AsSpan(d.Offset, size));
            return;
        }
        if (a.Size == 1 && bFull)
        {
            TOp.Invoke(da[a.Offset], db.AsSpan(b.Offset, size), dd.AsSpan(d.Offset, size));
            return;
        }

        // General case: broadcast both to the output's shape with zero strides, then go row by row.
        var shape = d.Dims;
        var sa = BroadcastStrides(a, shape);
        var sb = BroadcastStrides(b, shape);
        int rank = shape.Length;
        int inner = shape[rank - 1];
        int ia = sa[rank - 1], ib = sb[rank - 1];
        int rows = size / inner;
        var index = new int[rank];
        int offA = a.Offset, offB = b.Offset, offD = d.Offset;
        for (int r = 0; r < rows; r++)
        {
            var rowD = dd.AsSpan(offD, inner);
            if (ia == 1 && ib == 1) TOp.Invoke<T>(da.AsSpan(offA, inner), db.AsSpan(offB, inner), rowD);
            else if (ia == 1 && ib == 0) TOp.Invoke(da.AsSpan(offA, inner), db[offB], rowD);
            else if (ia == 0 && ib == 1) TOp.Invoke(da[offA], db.AsSpan(offB, inner), rowD);
            else
                for (int j = 0; j < inner; j++) rowD[j] = TOp.Invoke(da[offA + j * ia], db[offB + j * ib]);
            offD += inner;
            // Advance the outer index (all axes but the last) like an odometer.
            for (int ax = rank - 2; ax >= 0; ax--)
            {
                offA += sa[ax];
                offB += sb[ax];
                if (++index[ax] < shape[ax]) break;
                offA -= sa[ax] * shape[ax];
                offB -= sb[ax] * shape[ax];
                index[ax] = 0;
            }
        }
    }

    /// <summary>Strides that read t as if broadcast to shape (0 along broadcast axes).</summary>
    public static int[] BroadcastStrides(Tensor t, int[] shape)
    {
        var result = new int[shape.Length];
        int lead = shape.Length - t.Rank;
        var dims = t.Dims;
        var strides = t.StridesInternal;
        for (int i = 0; i < t.Rank; i++)
            result[lead + i] = dims[i] == 1 && shape[lead + i] != 1 ? 0 : strides[i];
        return result;
    }
}
