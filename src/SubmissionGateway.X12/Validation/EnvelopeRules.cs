using SubmissionGateway.X12.Reading;

namespace SubmissionGateway.X12.Validation;

/// <summary>The fixed rules of the ISA and GS headers (TA1 note codes and AK9 codes).</summary>
internal static class EnvelopeRules
{
    private static readonly string[] IdQualifiers = ["01", "14", "20", "27", "28", "29", "30", "33", "ZZ"];

    public static void CheckInterchangeHeader(in X12Segment isa, Action<string, string> report)
    {
        if (isa.ElementCount != 16)
        {
            report("022", $"The ISA header has {isa.ElementCount} elements; it must have exactly 16.");
            return;
        }

        Fixed(isa, 1, 2, "010", "Authorization information qualifier (ISA01)", report, "00", "03");
        Width(isa, 2, 10, "011", "Authorization information (ISA02)", report);
        Fixed(isa, 3, 2, "012", "Security information qualifier (ISA03)", report, "00", "01");
        Width(isa, 4, 10, "013", "Security information (ISA04)", report);
        Fixed(isa, 5, 2, "005", "Sender id qualifier (ISA05)", report, IdQualifiers);
        Width(isa, 6, 15, "006", "Interchange sender id (ISA06)", report, notBlank: true);
        Fixed(isa, 7, 2, "007", "Receiver id qualifier (ISA07)", report, IdQualifiers);
        Width(isa, 8, 15, "008", "Interchange receiver id (ISA08)", report, notBlank: true);

        var date = isa[9];
        Span<byte> full = stackalloc byte[8];
        if (date.Length != 6 || !ToFullDate(date, full) || !X12Text.TryParseDate(full, out _))
        {
            report("014", $"Interchange date (ISA09) '{X12Text.ToText(date)}' is not a valid YYMMDD date.");
        }

        var time = isa[10];
        if (time.Length != 4 || !X12Text.TryParseDigits(time, out var hhmm) || hhmm / 100 > 23 || hhmm % 100 > 59)
        {
            report("015", $"Interchange time (ISA10) '{X12Text.ToText(time)}' is not a valid HHMM time.");
        }

        if (!X12Text.Is(isa[12], "00501"))
        {
            report("017", $"Interchange version (ISA12) '{X12Text.ToText(isa[12])}' is not supported; this gateway reads 00501.");
        }

        if (isa[13].Length != 9 || !X12Text.TryParseDigits(isa[13], out _))
        {
            report("018", $"Interchange control number (ISA13) '{X12Text.ToText(isa[13])}' must be 9 digits.");
        }

        Fixed(isa, 14, 1, "019", "Acknowledgment requested (ISA14)", report, "0", "1");
        Fixed(isa, 15, 1, "020", "Usage indicator (ISA15)", report, "P", "T");
        var d = isa.Delimiters;
        if (X12Text.Is(isa[11], " "))
        {
            report("026", "The repetition separator (ISA11) is a space, which cannot be a delimiter; this gateway writes '^'.");
        }
        else if (d.Repetition != 0 && !d.AreDistinct)
        {
            report("026", $"The repetition separator (ISA11) '{(char)d.Repetition}' must be a special character different from the element, component and segment delimiters.");
        }

        if (isa[16].Length != 1)
        {
            report("027", "The component element separator (ISA16) must be a single character.");
        }
    }

    public static void CheckGroupHeader(in X12Segment gs, Action<string, string> report)
    {
        if (gs.ElementCount < 8)
        {
            report("1", $"The GS header has {gs.ElementCount} elements; it must have 8.");
            return;
        }

        if (gs[6].IsEmpty || gs[6].Length > 9 || !X12Text.TryParseDigits(gs[6], out _))
        {
            report("6", $"Group control number (GS06) '{X12Text.ToText(gs[6])}' must be 1 to 9 digits.");
        }

        if (!X12Text.TryParseDate(gs[4], out _))
        {
            report("1", $"Group date (GS04) '{X12Text.ToText(gs[4])}' is not a valid CCYYMMDD date.");
        }

        if (!X12Text.Is(gs[7], "X"))
        {
            report("1", $"Responsible agency (GS07) must be X, not '{X12Text.ToText(gs[7])}'.");
        }
    }

    private static void Fixed(in X12Segment isa, int position, int width, string code, string name, Action<string, string> report,
        params string[] allowed)
    {
        var value = isa[position];
        if (value.Length != width)
        {
            report(code, $"{name} must be {width} character(s) wide, not {value.Length}.");
            return;
        }

        foreach (var candidate in allowed)
        {
            if (X12Text.Is(value, candidate))
            {
                return;
            }
        }

        report(code, $"{name} '{X12Text.ToText(value)}' is not one of {string.Join(", ", allowed)}.");
    }

    private static void Width(in X12Segment isa, int position, int width, string code, string name, Action<string, string> report,
        bool notBlank = false)
    {
        var value = isa[position];
        if (value.Length != width)
        {
            report(code, $"{name} must be exactly {width} characters (padded with spaces), not {value.Length}.");
        }
        else if (notBlank && value.TrimEnd((byte)' ').IsEmpty)
        {
            report(code, $"{name} is blank.");
        }
    }

    private static bool ToFullDate(ReadOnlySpan<byte> yymmdd, Span<byte> full)
    {
        full[0] = (byte)'2';
        full[1] = (byte)'0';
        yymmdd.CopyTo(full[2..]);
        return true;
    }
}
