namespace SubmissionGateway.X12.Reading;

/// <summary>Packs a two- or three-letter segment id into an int so segment ids compare as numbers.</summary>
public static class SegmentKey
{
    public static int Of(ReadOnlySpan<byte> id) => id.Length switch
    {
        2 => (id[0] << 16) | (id[1] << 8),
        3 => (id[0] << 16) | (id[1] << 8) | id[2],
        _ => 0,
    };

    public static int Of(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        Span<byte> bytes = stackalloc byte[3];
        if (id.Length is < 2 or > 3)
        {
            return 0;
        }

        for (var i = 0; i < id.Length; i++)
        {
            bytes[i] = (byte)id[i];
        }

        return Of(bytes[..id.Length]);
    }

    public static string ToId(int key)
    {
        Span<char> chars = stackalloc char[3];
        chars[0] = (char)((key >> 16) & 0xFF);
        chars[1] = (char)((key >> 8) & 0xFF);
        chars[2] = (char)(key & 0xFF);
        return chars[2] == '\0' ? new string(chars[..2]) : new string(chars);
    }
}
