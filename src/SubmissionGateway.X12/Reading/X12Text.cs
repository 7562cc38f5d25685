using System.Buffers.Text;
using System.Text;

namespace SubmissionGateway.X12.Reading;

/// <summary>Small span operations over X12 element bytes.</summary>
public static class X12Text
{
    /// <summary>The n-th (1-based) part of a value split by a separator; empty when there are fewer parts.</summary>
    public static ReadOnlySpan<byte> Part(ReadOnlySpan<byte> value, byte separator, int index)
    {
        var current = 1;
        while (true)
        {
            var at = value.IndexOf(separator);
            if (current == index)
            {
                return at < 0 ? value : value[..at];
            }

            if (at < 0)
            {
                return default;
            }

            value = value[(at + 1)..];
            current++;
        }
    }

    /// <summary>How many parts a value has when split by a separator (an empty value has one empty part).</summary>
    public static int CountParts(ReadOnlySpan<byte> value, byte separator) => value.Count(separator) + 1;

    /// <summary>Parses an unsigned decimal integer; false for anything else (sign, spaces, overflow).</summary>
    public static bool TryParseDigits(ReadOnlySpan<byte> value, out long result)
    {
        result = 0;
        if (value.IsEmpty || value.Length > 18)
        {
            return false;
        }

        foreach (var b in value)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            result = (result * 10) + (b - '0');
        }

        return true;
    }

    /// <summary>Parses an X12 decimal (R or Nn) amount.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> value, out decimal result) =>
        TryParsePlainDecimal(value, out result) ||
        (Utf8Parser.TryParse(value, out result, out var consumed) && consumed == value.Length);

    /// <summary>
    /// Amounts and quantities are nearly always short plain numbers ("150.01", "80", "1"): parsed here with the value
    /// and scale the general parser gives, at a fraction of its cost (a claim batch has several per claim). False for
    /// anything else (a sign, an exponent, more than 18 digits), which goes to the general parser.
    /// </summary>
    internal static bool TryParsePlainDecimal(ReadOnlySpan<byte> value, out decimal result)
    {
        result = 0m;
        if (value.IsEmpty || value.Length > 19)
        {
            return false;
        }

        ulong mantissa = 0;
        var digits = 0;
        var scale = -1;
        foreach (var c in value)
        {
            if ((uint)(c - '0') <= 9)
            {
                mantissa = (mantissa * 10) + (uint)(c - '0');
                digits++;
                if (scale >= 0)
                {
                    scale++;
                }
            }
            else if (c == '.' && scale < 0)
            {
                scale = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits is 0 or > 18 || scale == 0)
        {
            return false;
        }

        result = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, isNegative: false, (byte)Math.Max(scale, 0));
        return true;
    }

    /// <summary>Parses CCYYMMDD.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> value, out DateOnly date)
    {
        date = default;
        if (value.Length != 8 || !TryParseDigits(value[..4], out var y) || !TryParseDigits(value.Slice(4, 2), out var m) ||
            !TryParseDigits(value.Slice(6, 2), out var d))
        {
            return false;
        }

        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth((int)y, (int)m))
        {
            return false;
        }

        date = new DateOnly((int)y, (int)m, (int)d);
        return true;
    }

    /// <summary>Value as text, for the few places that need a string.</summary>
    public static string ToText(ReadOnlySpan<byte> value) => Encoding.Latin1.GetString(value);

    /// <summary>True when the value equals an ASCII literal.</summary>
    public static bool Is(ReadOnlySpan<byte> value, string literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        if (value.Length != literal.Length)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != literal[i])
            {
                return false;
            }
        }

        return true;
    }
}
