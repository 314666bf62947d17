using System.Buffers.Binary;
using System.IO.Compression;

namespace DeepNotes.Interactive.Formatters;

/// <summary>
/// A minimal PNG encoder (8-bit grayscale, RGB or RGBA, no interlace), built on the BCL's zlib stream and a
/// table CRC-32. Managed code only, so the extension carries no native library into the kernel process.
/// </summary>
public static class Png
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>Encodes row-major pixels (height × width × channels bytes, channels 1, 3 or 4) as a PNG file.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"Png.Encode: image size {height}×{width} must be positive");
        byte colorType = channels switch
        {
            1 => 0,
            3 => 2,
            4 => 6,
            _ => throw new ArgumentException($"Png.Encode: {channels} channels; expected 1 (gray), 3 (RGB) or 4 (RGBA)"),
        };
        if (pixels.Length != width * height * channels)
            throw new ArgumentException($"Png.Encode: {pixels.Length} bytes for a {height}×{width}×{channels} image");

        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;          // bit depth
        header[9] = colorType;
        header[10] = 0;         // deflate
        header[11] = 0;         // adaptive filtering
        header[12] = 0;         // no interlace
        WriteChunk(output, "IHDR", header);

        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                int stride = width * channels;
                for (int y = 0; y < height; y++)
                {
                    zlib.WriteByte(0);  // filter type None: small images, simplest valid stream
                    zlib.Write(pixels.Slice(y * stride, stride));
                }
            }
            WriteChunk(output, "IDAT", compressed.ToArray());
        }
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>A data URI ("data:image/png;base64,…") for inline &lt;img&gt; tags.</summary>
    public static string DataUri(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        output.Write(buffer);
        Span<byte> typeBytes = stackalloc byte[4];
        for (int i = 0; i < 4; i++) typeBytes[i] = (byte)type[i];
        output.Write(typeBytes);
        output.Write(data);
        uint crc = Crc32(Crc32(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(buffer, crc);
        output.Write(buffer);
    }

    /// <summary>Continues a CRC-32 (IEEE, reflected) over data; start with 0xFFFFFFFF and xor the end result.</summary>
    internal static uint Crc32(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
