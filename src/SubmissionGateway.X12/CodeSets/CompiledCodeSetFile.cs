using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace SubmissionGateway.X12.CodeSets;

/// <summary>
/// The compiled code-set file (<c>*.sgwcs</c>) in the data folder. Little-endian:
/// <code>
/// "SGWCODES"  magic (8)          u16 format version        u8 kind        u8 columns (1 flags, 2 dates)
/// i32 effective-from DayNumber (int.MinValue: open)        i32 effective-to DayNumber (int.MaxValue: open)
/// i64 compiled-at, Unix milliseconds
/// u16 + UTF-8 name               u16 + UTF-8 source file name               32 source SHA-256
/// i32 count                      u64[count] sorted keys    u8[count] flags     i32[count] from, i32[count] to
/// 32 SHA-256 of every byte before it
/// </code>
/// The trailing hash turns a truncated or damaged file into a clear error instead of wrong verdicts.
/// Files are written to a temporary name and renamed, so a reader never sees half a file.
/// </summary>
internal static class CompiledCodeSetFile
{
    public const string Extension = ".sgwcs";
    public const ushort FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "SGWCODES"u8;

    private const byte FlagsColumn = 1;
    private const byte DatesColumn = 2;

    public static async Task WriteAsync(string path, CompiledCodeSet set, CancellationToken cancellationToken)
    {
        var bytes = Serialize(set);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public static byte[] Serialize(CompiledCodeSet set)
    {
        EnsureLittleEndian();
        var info = set.Info;
        var table = set.Table;
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write((byte)info.Kind);
            w.Write((byte)((table.HasFlags ? FlagsColumn : 0) | (table.HasDates ? DatesColumn : 0)));
            w.Write(set.FromDay);
            w.Write(set.ToDay);
            w.Write((info.CompiledAt ?? DateTimeOffset.UnixEpoch).ToUnixTimeMilliseconds());
            WriteString(w, info.Name);
            WriteString(w, info.SourceFile);
            w.Write(Convert.FromHexString(info.SourceSha256));
            w.Write(table.Count);
            w.Write(MemoryMarshal.AsBytes(table.Keys));
            if (table.HasFlags)
            {
                w.Write(table.Flags);
            }

            if (table.HasDates)
            {
                w.Write(MemoryMarshal.AsBytes(table.FromDays));
                w.Write(MemoryMarshal.AsBytes(table.ToDays));
            }
        }

        var hash = SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        buffer.Write(hash);
        return buffer.ToArray();
    }

    public static CompiledCodeSet Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CodeSetFormatException($"Cannot read the compiled code set '{path}': {e.Message}", e);
        }

        return Deserialize(bytes, path);
    }

    public static CompiledCodeSet Deserialize(ReadOnlySpan<byte> bytes, string path)
    {
        EnsureLittleEndian();
        if (bytes.Length < Magic.Length + 2 + 32 || !bytes.StartsWith(Magic))
        {
            throw new CodeSetFormatException($"'{path}' is not a compiled code set (expected an SGWCODES header).");
        }

        var body = bytes[..^32];
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes[^32..]))
        {
            throw new CodeSetFormatException($"The compiled code set '{path}' is damaged (checksum mismatch); import its source again.");
        }

        var r = new SpanReader(body, path);
        r.Skip(Magic.Length);
        var version = r.UInt16();
        if (version != FormatVersion)
        {
            throw new CodeSetFormatException(
                $"The compiled code set '{path}' has format version {version}; this gateway reads version {FormatVersion}. Import its source again.");
        }

        var kind = (CodeSetKind)r.Byte();
        if (!Enum.IsDefined(kind))
        {
            throw new CodeSetFormatException($"The compiled code set '{path}' holds an unknown kind of code set ({(byte)kind}).");
        }

        var columns = r.Byte();
        var fromDay = r.Int32();
        var toDay = r.Int32();
        var compiledAt = DateTimeOffset.FromUnixTimeMilliseconds(r.Int64());
        var name = r.String();
        var source = r.String();
        var sha = Convert.ToHexStringLower(r.Bytes(32));
        var count = r.Int32();
        if (count < 0 || count > body.Length)
        {
            throw new CodeSetFormatException($"The compiled code set '{path}' declares an impossible code count ({count}).");
        }

        var keys = MemoryMarshal.Cast<byte, ulong>(r.Bytes(checked(count * 8))).ToArray();
        var flags = (columns & FlagsColumn) != 0 ? r.Bytes(count).ToArray() : null;
        int[]? from = null, to = null;
        if ((columns & DatesColumn) != 0)
        {
            from = MemoryMarshal.Cast<byte, int>(r.Bytes(checked(count * 4))).ToArray();
            to = MemoryMarshal.Cast<byte, int>(r.Bytes(checked(count * 4))).ToArray();
        }

        if (!r.AtEnd)
        {
            throw new CodeSetFormatException($"The compiled code set '{path}' has trailing bytes; import its source again.");
        }

        CodeTable table;
        try
        {
            table = new CodeTable(keys, flags, from, to);
        }
        catch (ArgumentException e)
        {
            throw new CodeSetFormatException($"The compiled code set '{path}' is inconsistent: {e.Message}", e);
        }

        var info = new CodeSetInfo(
            kind,
            name,
            source,
            sha,
            fromDay == int.MinValue ? null : DateOnly.FromDayNumber(fromDay),
            toDay == int.MaxValue ? null : DateOnly.FromDayNumber(toDay),
            count,
            BuiltIn: false,
            compiledAt);
        return new CompiledCodeSet(info, table);
    }

    /// <summary>The key and date columns are copied as raw memory, which is the file's byte order only on little-endian machines.</summary>
    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Compiled code sets are read and written on little-endian machines only.");
        }
    }

    private static void WriteString(BinaryWriter w, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        w.Write(checked((ushort)bytes.Length));
        w.Write(bytes);
    }

    private ref struct SpanReader(ReadOnlySpan<byte> data, string path)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public readonly bool AtEnd => _position == _data.Length;

        public void Skip(int count) => Bytes(count);

        public byte Byte() => Bytes(1)[0];

        public ushort UInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Bytes(2));

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Bytes(4));

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Bytes(8));

        public string String() => Encoding.UTF8.GetString(Bytes(UInt16()));

        public ReadOnlySpan<byte> Bytes(int count)
        {
            if (count < 0 || _data.Length - _position < count)
            {
                throw new CodeSetFormatException($"The compiled code set '{path}' is truncated; import its source again.");
            }

            var slice = _data.Slice(_position, count);
            _position += count;
            return slice;
        }
    }
}
