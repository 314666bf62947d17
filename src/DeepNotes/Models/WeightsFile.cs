using System.Runtime.InteropServices;
using System.Text;
using DeepNotes.NN;

namespace DeepNotes.Models;

/// <summary>
/// The DeepNotes weights format: magic "DNWEIGHT", int32 version, int32 count, then per weight a UTF-8 name
/// (int32 length + bytes), a dtype byte (0 float32, 1 float64), int32 rank, int32 dims and the raw little-endian
/// values; last an FNV-1a 64-bit checksum of everything before it. Files are written atomically (temp + rename).
/// </summary>
public static class WeightsFile
{
    private static readonly byte[] Magic = "DNWEIGHT"u8.ToArray();
    public const int Version = 1;

    /// <summary>Writes named tensors to a file atomically.</summary>
    public static void Save(string path, IReadOnlyList<(string Name, Tensor Value)> weights)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("weights files are little-endian");
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var temp = full + $".tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var hash = new Fnv1a64();
                void Write(ReadOnlySpan<byte> bytes)
                {
                    hash.Append(bytes);
                    file.Write(bytes);
                }
                void WriteInt(int v) => Write(BitConverter.GetBytes(v));
                Write(Magic);
                WriteInt(Version);
                WriteInt(weights.Count);
                foreach (var (name, value) in weights)
                {
                    var nameBytes = Encoding.UTF8.GetBytes(name);
                    WriteInt(nameBytes.Length);
                    Write(nameBytes);
                    Write([(byte)(value.DType == DType.Float32 ? 0 : 1)]);
                    WriteInt(value.Rank);
                    foreach (var d in value.Dims) WriteInt(d);
                    var c = value.Contiguous();
                    if (c.DType == DType.Float32) Write(MemoryMarshal.AsBytes(c.AsSpan<float>()));
                    else Write(MemoryMarshal.AsBytes(c.AsSpan<double>()));
                }
                file.Write(BitConverter.GetBytes(hash.Value));
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { }
            throw;
        }
    }

    /// <summary>Reads all named tensors from a file, validating magic, version, structure and checksum.</summary>
    public static IReadOnlyList<(string Name, Tensor Value)> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"weights file '{path}' does not exist", path);
        var bytes = File.ReadAllBytes(path);
        string Bad(string what) => $"'{path}' is not a valid DeepNotes weights file: {what}";
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException(Bad("it does not start with the DNWEIGHT magic bytes (wrong file or format?)"));
        if (bytes.Length < Magic.Length + 8 + 8)
            throw new InvalidDataException(Bad($"it is truncated ({bytes.Length} bytes, too short for a header and checksum)"));
        int pos = Magic.Length;
        int ReadInt()
        {
            if (pos + 4 > bytes.Length - 8) throw new InvalidDataException(Bad($"it is truncated (needed more data at byte {pos} of {bytes.Length})"));
            int v = BitConverter.ToInt32(bytes, pos);
            pos += 4;
            return v;
        }
        int version = ReadInt();
        if (version != Version) throw new InvalidDataException(Bad($"version {version} is not supported (this library reads version {Version})"));
        int count = ReadInt();
        if (count < 0) throw new InvalidDataException(Bad($"negative weight count {count}"));
        var result = new List<(string, Tensor)>();
        for (int k = 0; k < count; k++)
        {
            int nameLength = ReadInt();
            if (nameLength < 0 || pos + nameLength > bytes.Length - 8) throw new InvalidDataException(Bad($"it is truncated in the name of weight {k}"));
            string name = Encoding.UTF8.GetString(bytes, pos, nameLength);
            pos += nameLength;
            if (pos + 1 > bytes.Length - 8) throw new InvalidDataException(Bad($"it is truncated at weight {k} ('{name}')"));
            byte code = bytes[pos++];
            if (code > 1) throw new InvalidDataException(Bad($"weight '{name}' has unknown dtype code {code}"));
            var dtype = code == 0 ? DType.Float32 : DType.Float64;
            int rank = ReadInt();
            if (rank < 0 || rank > 32) throw new InvalidDataException(Bad($"weight '{name}' has an invalid rank {rank}"));
            var dims = new int[rank];
            long size = 1;
            for (int i = 0; i < rank; i++)
            {
                dims[i] = ReadInt();
                if (dims[i] < 0) throw new InvalidDataException(Bad($"weight '{name}' has a negative dimension"));
                size *= dims[i];
            }
            long byteCount = size * dtype.ElementSize();
            if (pos + byteCount > bytes.Length - 8)
                throw new InvalidDataException(Bad($"it is truncated: weight '{name}' {Shape.Format(dims)} needs {byteCount} bytes but only {Math.Max(0, bytes.Length - 8 - pos)} remain"));
            var t = Tensor.Empty(dims, dtype);
            var src = bytes.AsSpan(pos, (int)byteCount);
            if (dtype == DType.Float32) MemoryMarshal.Cast<byte, float>(src).CopyTo(t.AsSpan<float>());
            else MemoryMarshal.Cast<byte, double>(src).CopyTo(t.AsSpan<double>());
            pos += (int)byteCount;
            result.Add((name, t));
        }
        if (pos != bytes.Length - 8)
            throw new InvalidDataException(Bad($"{bytes.Length - 8 - pos} unexpected bytes after the last weight"));
        var hash = new Fnv1a64();
        hash.Append(bytes.AsSpan(0, pos));
        ulong stored = BitConverter.ToUInt64(bytes, pos);
        if (stored != hash.Value) throw new InvalidDataException(Bad("the checksum does not match (the file is corrupted)"));
        return result;
    }

    // FNV-1a over bytes, 64-bit.
    private struct Fnv1a64()
    {
        public ulong Value { get; private set; } = 14695981039346656037UL;

        public void Append(ReadOnlySpan<byte> data)
        {
            ulong h = Value;
            foreach (var b in data)
            {
                h ^= b;
                h *= 1099511628211UL;
            }
            Value = h;
        }
    }
}

public partial class Model
{
    /// <summary>
    /// Saves every weight (trainable and state) with its path name, dtype and shape to a DeepNotes weights file,
    /// atomically (a temp file renamed over the target).
    /// </summary>
    public void SaveWeights(string path)
    {
        var named = NamedParameters().ToList();
        if (named.Count == 0) throw new InvalidOperationException($"SaveWeights: model \"{Name}\" has no weights yet; call it on data or give it an input shape first");
        WeightsFile.Save(path, named.Select(p => (p.Name, p.Parameter.Value)).ToArray());
    }

    /// <summary>
    /// Loads weights saved by <see cref="SaveWeights"/> into this model, in order (like Keras: layer names may differ
    /// between two instances of the same architecture), checking count and shapes. Values convert to the model's dtype.
    /// </summary>
    public void LoadWeights(string path)
    {
        var stored = WeightsFile.Load(path);
        var mine = NamedParameters().ToList();
        if (mine.Count == 0) throw new InvalidOperationException($"LoadWeights: model \"{Name}\" has no weights yet; call it on data or give it an input shape first");
        if (stored.Count != mine.Count)
            throw new InvalidDataException($"LoadWeights: '{path}' holds {stored.Count} weights but model \"{Name}\" has {mine.Count}; is it the same architecture?");
        for (int i = 0; i < mine.Count; i++)
            if (stored[i].Value.Shape != mine[i].Parameter.Shape)
                throw new InvalidDataException($"LoadWeights: weight {i} in '{path}' ('{stored[i].Name}') has shape {stored[i].Value.Shape} but the model's '{mine[i].Name}' has shape {mine[i].Parameter.Shape}");
        for (int i = 0; i < mine.Count; i++) mine[i].Parameter.Assign(stored[i].Value);
    }
}
