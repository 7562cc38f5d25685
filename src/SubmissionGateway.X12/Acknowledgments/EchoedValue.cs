using System.Globalization;

namespace SubmissionGateway.X12.Acknowledgments;

/// <summary>
/// Fits a value copied from a received envelope into the element of an acknowledgment that echoes it. The received
/// value may be anything (that is often why it is being rejected); the acknowledgment must still be valid X12, so
/// the echo keeps what fits the element's type and length and falls back to a neutral value otherwise.
/// </summary>
internal static class EchoedValue
{
    /// <summary>An identifier (ID/AN without spaces) of <paramref name="min"/>–<paramref name="max"/> letters or digits.</summary>
    public static string Identifier(string? value, int min, int max, string fallback)
    {
        var kept = new string((value ?? string.Empty).Where(char.IsAsciiLetterOrDigit).Take(max).ToArray()).ToUpperInvariant();
        return kept.Length >= min ? kept : fallback;
    }

    /// <summary>A number (N0) of at most <paramref name="max"/> digits, zero-padded to <paramref name="min"/>.</summary>
    public static string Number(string? value, int min, int max)
    {
        var digits = new string((value ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        digits = digits.Length > max ? digits[^max..] : digits;
        return digits.PadLeft(Math.Max(min, 1), '0');
    }

    /// <summary>Free text (AN) of at most <paramref name="max"/> characters; null (element left empty) when nothing printable is left.</summary>
    public static string? Text(string? value, int max)
    {
        // Printable, and none of the acknowledgment's own delimiters (the writer would blank them out).
        var kept = new string((value ?? string.Empty).Where(c => c is >= ' ' and < '~' and not ('*' or ':' or '^')).Take(max).ToArray()).Trim();
        return kept.Length == 0 ? null : kept;
    }

    /// <summary>A date or time in <paramref name="format"/> (e.g. yyMMdd, HHmm) when the received one parses; otherwise the fallback.</summary>
    public static string DateOrTime(string? value, string format, string fallback) =>
        value is not null && value.Length == format.Length &&
        DateTime.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? value
            : fallback;
}
