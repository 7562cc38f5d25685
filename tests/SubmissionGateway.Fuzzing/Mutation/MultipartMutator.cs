using System.Text;

namespace SubmissionGateway.Fuzzing.Mutation;

/// <summary>Mutations of upload bodies: byte flips, truncation, splices, repeated and inserted parts, lying boundaries,
/// header and file-name injections. Deterministic for a given random seed.</summary>
public static class MultipartMutator
{
    private static readonly byte[][] Tokens =
    [
        "\r\n"u8.ToArray(), "\n"u8.ToArray(), "--"u8.ToArray(),
        Encoding.ASCII.GetBytes("\r\n--" + MultipartSeeds.Boundary + "\r\n"), Encoding.ASCII.GetBytes("\r\n--" + MultipartSeeds.Boundary + "--\r\n"),
        Encoding.ASCII.GetBytes("\r\n--" + MultipartSeeds.Boundary[..^3]), Encoding.ASCII.GetBytes("--" + MultipartSeeds.Boundary + "   \t\r\n"),
        "Content-Disposition: form-data; name=\"file\"; filename=\"../../etc/passwd.pdf\"\r\n\r\n"u8.ToArray(),
        "Content-Disposition: form-data; name=\"file\"; filename=\"C:\\\\Windows\\\\win.ini\"\r\n\r\n"u8.ToArray(),
        "Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''%E2%80%AEfdp.exe\r\n\r\n"u8.ToArray(),
        "Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''%FF%FE%00.png\r\n\r\n"u8.ToArray(),
        "Content-Disposition: attachment; name=\"loinc\"\r\n"u8.ToArray(), "Content-Disposition: form-data; name=\r\n"u8.ToArray(),
        "Content-Type: application/pdf\r\nX-Injected: 1\r\n"u8.ToArray(), "Content-Length: 5\r\n"u8.ToArray(),
        "%PDF-1.7\n"u8.ToArray(), "PK\u0003\u0004"u8.ToArray(), "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"u8.ToArray(),
        [0], [0xFF], [0xC3], Encoding.ASCII.GetBytes(new string('A', 2000)), Encoding.ASCII.GetBytes(new string(' ', 200) + ":\r\n"),
    ];

    public static byte[] Mutate(byte[] input, byte[] other, int operations, ulong seed)
    {
        var random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        var body = input;
        for (var i = 0; i < operations; i++)
        {
            var at = random.Next(body.Length + 1);
            body = random.Next(6) switch
            {
                0 => Flip(body, random),
                1 => body[..at],
                2 => [.. body.AsSpan(0, at), .. Tokens[random.Next(Tokens.Length)], .. body.AsSpan(at)],
                3 => [.. body.AsSpan(0, at), .. body.AsSpan(random.Next(body.Length + 1))],
                4 => [.. body.AsSpan(0, at), .. other.AsSpan(random.Next(other.Length + 1))],
                _ => body.Length > 64 * 1024 ? body : [.. body.AsSpan(0, at), .. body, .. body.AsSpan(at)],
            };
        }

        return body;
    }

    private static byte[] Flip(byte[] body, Random random)
    {
        var copy = (byte[])body.Clone();
        if (copy.Length > 0)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        return copy;
    }
}
