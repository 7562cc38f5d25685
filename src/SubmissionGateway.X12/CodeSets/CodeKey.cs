namespace SubmissionGateway.X12.CodeSets;

/// <summary>
/// Packs a code of up to ten characters from [0-9A-Z] into a <see cref="ulong"/>, six bits a character, first
/// character in the highest bits and zero padding, so that numeric order is the codes' ordinal order and a
/// shorter code sorts before the longer codes it prefixes (A00 before A000). Lowercase is not a code character:
/// X12 code values are upper case, and accepting "e119" would pass a value payers reject.
/// </summary>
internal static class CodeKey
{
    public const int MaxLength = 10;
    private const int BitsPerChar = 6;

    public static bool TryPack(ReadOnlySpan<byte> code, out ulong key)
    {
        key = 0;
        if (code.Length is 0 or > MaxLength)
        {
            return false;
        }

        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            ulong v;
            if ((uint)(c - '0') <= 9)
            {
                v = (ulong)(c - '0' + 1);
            }
            else if ((uint)(c - 'A') <= 25)
            {
                v = (ulong)(c - 'A' + 11);
            }
            else
            {
                key = 0;
                return false;
            }

            key |= v << (BitsPerChar * (MaxLength - 1 - i));
        }

        return true;
    }

    public static bool TryPack(ReadOnlySpan<char> code, out ulong key)
    {
        Span<byte> ascii = stackalloc byte[MaxLength];
        key = 0;
        if (code.Length is 0 or > MaxLength)
        {
            return false;
        }

        for (var i = 0; i < code.Length; i++)
        {
            if (code[i] > 127)
            {
                return false;
            }

            ascii[i] = (byte)code[i];
        }

        return TryPack(ascii[..code.Length], out key);
    }

    public static string Unpack(ulong key)
    {
        Span<char> chars = stackalloc char[MaxLength];
        var length = 0;
        for (var i = 0; i < MaxLength; i++)
        {
            var v = (int)((key >> (BitsPerChar * (MaxLength - 1 - i))) & 0x3F);
            if (v == 0)
            {
                break;
            }

            chars[length++] = v <= 10 ? (char)('0' + v - 1) : (char)('A' + v - 11);
        }

        return new string(chars[..length]);
    }
}
