using System.Globalization;
using System.Text;

namespace SubmissionGateway.Fuzzing.Mutation;

/// <summary>
/// Structure-aware mutations of X12 files: byte flips, truncation, splices of two files, delimiter swaps, segment
/// duplication, deletion and moves, BIN length edits and inserted envelope fragments. Deterministic for a given
/// random seed so that a CsCheck seed reproduces the exact input.
/// </summary>
public static class X12Mutator
{
    private static readonly byte[][] Fragments =
    [
        "ISA"u8.ToArray(), "IEA*1*000000001~"u8.ToArray(), "~ST*837*0001*005010X222A1~"u8.ToArray(), "SE*1*0001~"u8.ToArray(),
        "GS*HC*A*B*20260101*1200*1*X*005010X222A1~"u8.ToArray(), "HL*1**20*1~"u8.ToArray(), "BIN*5*~~~~~~"u8.ToArray(),
        "\r\n"u8.ToArray(), [0x00], [0xFF, 0xFE], [0xEF, 0xBB, 0xBF], "*"u8.ToArray(), "~"u8.ToArray(), ":"u8.ToArray(), "^"u8.ToArray(),
        "99999999999999999999"u8.ToArray(), "-1"u8.ToArray(), "\u00e9"u8.ToArray(),
    ];

    public static byte[] Mutate(byte[] input, byte[] other, int operations, ulong seed)
    {
        var random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        var bytes = input;
        for (var i = 0; i < operations; i++)
        {
            bytes = random.Next(11) switch
            {
                0 => FlipBytes(bytes, random),
                1 => Truncate(bytes, random),
                2 => Splice(bytes, other, random),
                3 => SwapDelimiters(bytes, random),
                4 => DuplicateSegment(bytes, random),
                5 => DeleteSegment(bytes, random),
                6 => MoveSegment(bytes, random),
                7 => EditBinLength(bytes, random),
                8 => InsertFragment(bytes, random),
                9 => RepeatElement(bytes, random),
                _ => NestInterchange(bytes, random),
            };
        }

        return bytes;
    }

    private static byte[] FlipBytes(byte[] bytes, Random random)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var copy = (byte[])bytes.Clone();
        var count = 1 + random.Next(4);
        for (var i = 0; i < count; i++)
        {
            var at = random.Next(copy.Length);
            copy[at] = random.Next(2) == 0 ? (byte)(copy[at] ^ (1 << random.Next(8))) : (byte)random.Next(256);
        }

        return copy;
    }

    private static byte[] Truncate(byte[] bytes, Random random) => bytes.Length == 0 ? bytes : bytes[..random.Next(bytes.Length)];

    private static byte[] Splice(byte[] bytes, byte[] other, Random random)
    {
        var cut = bytes.Length == 0 ? 0 : random.Next(bytes.Length + 1);
        var from = other.Length == 0 ? 0 : random.Next(other.Length + 1);
        if (random.Next(2) == 0)
        {
            // Cut at segment boundaries half of the time, so the result still parses far enough to reach deep checks.
            cut = NextTerminator(bytes, cut);
            from = NextTerminator(other, from);
        }

        return [.. bytes.AsSpan(0, cut), .. other.AsSpan(from)];
    }

    private static byte[] SwapDelimiters(byte[] bytes, Random random)
    {
        if (!TryDelimiters(bytes, out var start, out var element, out var component, out var segment))
        {
            return FlipBytes(bytes, random);
        }

        var copy = (byte[])bytes.Clone();
        byte[] candidates = [element, component, segment, (byte)'|', (byte)'^', (byte)'>', (byte)'\n', (byte)'A', (byte)' ', (byte)'0'];
        var from = random.Next(3) switch { 0 => element, 1 => component, _ => segment };
        var to = candidates[random.Next(candidates.Length)];
        switch (random.Next(3))
        {
            case 0:
                // Swap two delimiters everywhere: a consistent file with other delimiters (or a collision).
                for (var i = 0; i < copy.Length; i++)
                {
                    copy[i] = copy[i] == from ? to : copy[i] == to ? from : copy[i];
                }

                break;
            case 1:
                // Declare one delimiter in the ISA and use another in the body.
                var positions = new[] { start + 3, start + 104, start + 105 };
                copy[positions[random.Next(positions.Length)]] = to;
                break;
            default:
                for (var i = start + 106; i < copy.Length; i++)
                {
                    if (copy[i] == from && random.Next(4) == 0)
                    {
                        copy[i] = to;
                    }
                }

                break;
        }

        return copy;
    }

    private static byte[] DuplicateSegment(byte[] bytes, Random random)
    {
        var segments = Segments(bytes);
        if (segments.Count == 0)
        {
            return bytes;
        }

        var pick = segments[random.Next(segments.Count)];
        // Now and then many copies: deep HL chains, repeated loops, more claims than a limit allows.
        var copies = random.Next(8) == 0 ? 1 + random.Next(400) : 1;
        var output = new List<byte>(bytes.Length + (copies * pick.Length));
        output.AddRange(bytes.AsSpan(0, pick.Start + pick.Length));
        for (var i = 0; i < copies; i++)
        {
            output.AddRange(bytes.AsSpan(pick.Start, pick.Length));
        }

        output.AddRange(bytes.AsSpan(pick.Start + pick.Length));
        return [.. output];
    }

    private static byte[] DeleteSegment(byte[] bytes, Random random)
    {
        var segments = Segments(bytes);
        if (segments.Count == 0)
        {
            return bytes;
        }

        var pick = segments[random.Next(segments.Count)];
        return [.. bytes.AsSpan(0, pick.Start), .. bytes.AsSpan(pick.Start + pick.Length)];
    }

    private static byte[] MoveSegment(byte[] bytes, Random random)
    {
        var segments = Segments(bytes);
        if (segments.Count < 2)
        {
            return bytes;
        }

        var pick = segments[random.Next(segments.Count)];
        var without = new List<byte>(bytes.Length);
        without.AddRange(bytes.AsSpan(0, pick.Start));
        without.AddRange(bytes.AsSpan(pick.Start + pick.Length));
        var target = segments[random.Next(segments.Count)];
        var at = Math.Min(target.Start <= pick.Start ? target.Start : target.Start - pick.Length, without.Count);
        without.InsertRange(Math.Max(at, 0), bytes.AsSpan(pick.Start, pick.Length).ToArray());
        return [.. without];
    }

    private static byte[] EditBinLength(byte[] bytes, Random random)
    {
        var element = TryDelimiters(bytes, out _, out var e, out _, out _) ? e : (byte)'*';
        ReadOnlySpan<byte> marker = [(byte)'B', (byte)'I', (byte)'N', element];
        var at = bytes.AsSpan().IndexOf(marker);
        if (at < 0)
        {
            return FlipBytes(bytes, random);
        }

        var digitsStart = at + 4;
        var digitsEnd = digitsStart;
        while (digitsEnd < bytes.Length && bytes[digitsEnd] != element)
        {
            digitsEnd++;
        }

        _ = long.TryParse(bytes.AsSpan(digitsStart, digitsEnd - digitsStart), NumberStyles.None, CultureInfo.InvariantCulture, out var declared);
        var lie = random.Next(9) switch
        {
            0 => "0",
            1 => (declared - 1).ToString(CultureInfo.InvariantCulture),
            2 => (declared + 1).ToString(CultureInfo.InvariantCulture),
            3 => (declared * 1000).ToString(CultureInfo.InvariantCulture),
            4 => "2147483648",
            5 => "99999999999999999999",
            6 => "-5",
            7 => "1A",
            _ => random.Next(1_000_000).ToString(CultureInfo.InvariantCulture),
        };
        return [.. bytes.AsSpan(0, digitsStart), .. Encoding.ASCII.GetBytes(lie), .. bytes.AsSpan(digitsEnd)];
    }

    private static byte[] InsertFragment(byte[] bytes, Random random)
    {
        var fragment = Fragments[random.Next(Fragments.Length)];
        var at = random.Next(bytes.Length + 1);
        return [.. bytes.AsSpan(0, at), .. fragment, .. bytes.AsSpan(at)];
    }

    private static byte[] RepeatElement(byte[] bytes, Random random)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        // An oversized element or segment: the same bytes many times over, up to beyond the reader's segment limit.
        var at = random.Next(bytes.Length);
        var length = Math.Min(1 + random.Next(16), bytes.Length - at);
        var times = random.Next(4) == 0 ? 5000 + random.Next(5000) : 1 + random.Next(50);
        var output = new List<byte>(bytes.Length + (length * times));
        output.AddRange(bytes.AsSpan(0, at));
        for (var i = 0; i < times; i++)
        {
            output.AddRange(bytes.AsSpan(at, length));
        }

        output.AddRange(bytes.AsSpan(at));
        return [.. output];
    }

    private static byte[] NestInterchange(byte[] bytes, Random random)
    {
        // An ISA inside an interchange (nested), or the whole interchange twice (a duplicated ISA13).
        var segments = Segments(bytes);
        if (segments.Count == 0)
        {
            return bytes;
        }

        var at = segments[random.Next(segments.Count)].Start;
        return random.Next(2) == 0 ? [.. bytes.AsSpan(0, at), .. bytes, .. bytes.AsSpan(at)] : [.. bytes, .. bytes];
    }

    private static int NextTerminator(byte[] bytes, int from)
    {
        var segment = TryDelimiters(bytes, out _, out _, out _, out var s) ? s : (byte)'~';
        var at = bytes.AsSpan(Math.Min(from, bytes.Length)).IndexOf(segment);
        return at < 0 ? bytes.Length : from + at + 1;
    }

    private static bool TryDelimiters(byte[] bytes, out int start, out byte element, out byte component, out byte segment)
    {
        start = bytes.AsSpan().IndexOf("ISA"u8);
        if (start < 0 || start + 106 > bytes.Length)
        {
            element = component = segment = 0;
            return false;
        }

        element = bytes[start + 3];
        component = bytes[start + 104];
        segment = bytes[start + 105];
        return true;
    }

    private static List<(int Start, int Length)> Segments(byte[] bytes)
    {
        var result = new List<(int, int)>();
        var segment = TryDelimiters(bytes, out _, out _, out _, out var s) ? s : (byte)'~';
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == segment)
            {
                var end = i + 1;
                while (end < bytes.Length && bytes[end] is (byte)'\r' or (byte)'\n')
                {
                    end++;
                }

                result.Add((start, end - start));
                start = end;
                i = end - 1;
            }
        }

        return result;
    }
}
