using System.Text;

namespace SubmissionGateway.Fuzzing.Mutation;

/// <summary>Mutations of small PDFs: byte flips, truncation, splices, lying lengths and cross-reference offsets,
/// deep nesting, escaped names and a ZIP or script inside. Deterministic for a given random seed.</summary>
public static class PdfMutator
{
    private static readonly byte[][] Tokens =
    [
        "/Length 999999"u8.ToArray(), "/Length -1"u8.ToArray(), " 0 R"u8.ToArray(), "99999 0 R"u8.ToArray(), "<<"u8.ToArray(), ">>"u8.ToArray(),
        "["u8.ToArray(), "]"u8.ToArray(), "/J#61vaScript"u8.ToArray(), "/JS"u8.ToArray(), "/Emb#65ddedFiles"u8.ToArray(), "/Encrypt"u8.ToArray(),
        "stream\n"u8.ToArray(), "endstream"u8.ToArray(), "/Filter /FlateDecode"u8.ToArray(), "/Type /ObjStm /N 5 /First 2"u8.ToArray(),
        "startxref\n0\n%%EOF"u8.ToArray(), "PK\u0003\u0004"u8.ToArray(), "%PDF-1.7\n"u8.ToArray(), "1 0 obj"u8.ToArray(), "(\\"u8.ToArray(),
        "/Kids [4 0 R 4 0 R]"u8.ToArray(), "/Count 2147483647"u8.ToArray(), "/Parent 4 0 R"u8.ToArray(),
    ];

    public static byte[] Mutate(byte[] input, byte[] other, int operations, ulong seed)
    {
        var random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        var bytes = input;
        for (var i = 0; i < operations; i++)
        {
            bytes = random.Next(7) switch
            {
                0 => Flip(bytes, random),
                1 => bytes.Length == 0 ? bytes : bytes[..random.Next(bytes.Length)],
                2 => [.. bytes.AsSpan(0, random.Next(bytes.Length + 1)), .. other.AsSpan(random.Next(other.Length + 1))],
                3 => Insert(bytes, Tokens[random.Next(Tokens.Length)], random),
                4 => Nest(bytes, random),
                5 => EditNumber(bytes, random),
                _ => Insert(bytes, Tokens[random.Next(Tokens.Length)], random),
            };
        }

        return bytes;
    }

    private static byte[] Flip(byte[] bytes, Random random)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var copy = (byte[])bytes.Clone();
        for (var i = 0; i < 1 + random.Next(8); i++)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        return copy;
    }

    private static byte[] Insert(byte[] bytes, byte[] token, Random random)
    {
        var at = random.Next(bytes.Length + 1);
        return [.. bytes.AsSpan(0, at), .. token, .. bytes.AsSpan(at)];
    }

    private static byte[] Nest(byte[] bytes, Random random)
    {
        var depth = 1 + random.Next(2000);
        var open = random.Next(2) == 0 ? "<<" : "[";
        return Insert(bytes, Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(open, depth))), random);
    }

    private static byte[] EditNumber(byte[] bytes, Random random)
    {
        // Change one run of digits: an xref offset, a /Length, an object number, a page count.
        var starts = new List<int>();
        for (var i = 0; i < bytes.Length; i++)
        {
            if (char.IsAsciiDigit((char)bytes[i]) && (i == 0 || !char.IsAsciiDigit((char)bytes[i - 1])))
            {
                starts.Add(i);
            }
        }

        if (starts.Count == 0)
        {
            return Flip(bytes, random);
        }

        var start = starts[random.Next(starts.Count)];
        var end = start;
        while (end < bytes.Length && char.IsAsciiDigit((char)bytes[end]))
        {
            end++;
        }

        string[] values = ["0", "1", "-1", "2147483648", "99999999999999999999", "65535", "3"];
        return [.. bytes.AsSpan(0, start), .. Encoding.ASCII.GetBytes(values[random.Next(values.Length)]), .. bytes.AsSpan(end)];
    }
}
