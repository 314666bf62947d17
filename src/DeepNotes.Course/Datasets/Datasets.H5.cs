using PureHDF;
using PureHDF.Filters;
using PureHDF.VOL.Native;

namespace DeepNotes.Course.Datasets;

public static partial class Datasets
{
    /// <summary>
    /// Reads a file in the course's HDF5 layout (train_catvnoncat.h5 / test_catvnoncat.h5, or SIGNS' files):
    /// <c>train_set_x</c> or <c>test_set_x</c> (uint8, N×64×64×3), the matching <c>_y</c> labels and
    /// <c>list_classes</c> (fixed- or variable-length strings). Images come back as float64 values 0–255, labels as (1, N).
    /// </summary>
    public static CourseH5 LoadH5(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"LoadH5: no such file: {path}", path);
        using var file = H5File.OpenRead(path);
        return ReadCourseH5(file, path);
    }

    /// <summary>Reads the course layout from a stream (the shipped cat file is an embedded resource).</summary>
    public static CourseH5 LoadH5(Stream stream, string name = "stream")
    {
        using var file = H5File.Open(stream, leaveOpen: true);
        return ReadCourseH5(file, name);
    }

    private static CourseH5 ReadCourseH5(NativeFile file, string name)
    {
        string? prefix = new[] { "train_set", "test_set" }.FirstOrDefault(p => file.LinkExists(p + "_x"));
        if (prefix is null)
            throw new InvalidDataException($"LoadH5: {name} has neither train_set_x nor test_set_x (found: {string.Join(", ", file.Children().Select(c => c.Name))})");
        var xs = file.Dataset(prefix + "_x");
        var dims = xs.Space.Dimensions.Select(d => checked((int)d)).ToArray();
        var x = ReadNumbers(xs, $"{prefix}_x in {name}");
        var ys = file.Dataset(prefix + "_y");
        var y = ReadNumbers(ys, $"{prefix}_y in {name}");
        if (y.Length != dims[0])
            throw new InvalidDataException($"LoadH5: {name}: {prefix}_y has {y.Length} labels for {dims[0]} images");
        var classes = file.LinkExists("list_classes") ? ReadStrings(file.Dataset("list_classes")) : [];
        return new CourseH5(prefix, Tensor.FromArray(x, dims), Tensor.FromArray(y, 1, y.Length), classes);
    }

    private static double[] ReadNumbers(IH5Dataset ds, string what)
    {
        var type = ds.Type;
        switch (type.Class)
        {
            case H5DataTypeClass.FixedPoint:
                bool signed = type.FixedPoint.IsSigned;
                return type.Size switch
                {
                    1 => signed ? Array.ConvertAll(ds.Read<sbyte[]>(), v => (double)v) : Array.ConvertAll(ds.Read<byte[]>(), v => (double)v),
                    2 => signed ? Array.ConvertAll(ds.Read<short[]>(), v => (double)v) : Array.ConvertAll(ds.Read<ushort[]>(), v => (double)v),
                    4 => signed ? Array.ConvertAll(ds.Read<int[]>(), v => (double)v) : Array.ConvertAll(ds.Read<uint[]>(), v => (double)v),
                    8 => signed ? Array.ConvertAll(ds.Read<long[]>(), v => (double)v) : Array.ConvertAll(ds.Read<ulong[]>(), v => (double)v),
                    _ => throw new InvalidDataException($"LoadH5: {what}: unsupported integer size {type.Size}"),
                };
            case H5DataTypeClass.FloatingPoint:
                return type.Size == 4 ? Array.ConvertAll(ds.Read<float[]>(), v => (double)v) : ds.Read<double[]>();
            default:
                throw new InvalidDataException($"LoadH5: {what}: expected numbers, got {type.Class}");
        }
    }

    private static string[] ReadStrings(IH5Dataset ds)
    {
        if (ds.Type.Class == H5DataTypeClass.String || ds.Type.Class == H5DataTypeClass.VariableLength)
            return ds.Read<string[]>().Select(s => s.TrimEnd('\0')).ToArray();
        // Some writers store names as raw bytes; decode them as ASCII.
        var bytes = ds.Read<byte[]>();
        int n = checked((int)ds.Space.Dimensions.Aggregate(1UL, (a, b) => a * b));
        int width = n == 0 ? 0 : bytes.Length / n;
        return Enumerable.Range(0, n).Select(i => System.Text.Encoding.ASCII.GetString(bytes, i * width, width).TrimEnd('\0')).ToArray();
    }

    /// <summary>
    /// Writes images (N, H, W, C; values 0–255, stored as uint8) and labels (N values, stored as int64) in the course's
    /// layout under <paramref name="prefix"/>, with the class names as <c>list_classes</c>. The file is written to a
    /// temporary name and renamed, so readers never see half a file. Images are deflate-compressed per image.
    /// </summary>
    public static void SaveH5(string path, string prefix, Tensor images, Tensor labels, string[] classes)
    {
        if (images.Rank != 4) throw new ArgumentException($"SaveH5: images must be (N, H, W, C), got {images.Shape}");
        int n = images.Shape[0];
        if (labels.Size != n) throw new ArgumentException($"SaveH5: {labels.Size} labels for {n} images");
        var x = images.ToArray().Select(v => (byte)Math.Clamp(Math.Round(v), 0, 255)).ToArray();
        var y = labels.ToArray().Select(v => (long)v).ToArray();
        var dims = images.Shape.Select(d => (ulong)d).ToArray();
        var chunks = new uint[] { 1, (uint)images.Shape[1], (uint)images.Shape[2], (uint)images.Shape[3] };
        var creation = new H5DatasetCreation(Filters: [new H5Filter(DeflateFilter.Id, new() { [DeflateFilter.COMPRESSION_LEVEL] = 9 })]);
        var file = new H5File
        {
            [prefix + "_x"] = new H5Dataset(x, chunks: chunks, fileDims: dims, datasetCreation: creation),
            [prefix + "_y"] = new H5Dataset(y, fileDims: [(ulong)n]),
            ["list_classes"] = classes,
        };
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        file.Write(tmp);
        File.Move(tmp, path, overwrite: true);
    }
}
