using System.Globalization;
using SubmissionGateway.X12.Reading;

namespace SubmissionGateway.AttachmentRequests;

/// <summary>
/// Reads the claims a 277RFAI (005010X213) asks documents for: the payer (2100A NM1*PR), provider (NM1*1P/85),
/// patient (NM1*QC), and per claim its TRN, REF*1K / REF*EJ, the STC LOINC codes (STC01, STC10, STC11) and DTP*472.
/// The caller validates the interchange first; this only collects what a request needs.
/// </summary>
internal static class RequestForInformationReader
{
    public static List<RequestedClaim> Read(Stream input)
    {
        var claims = new List<RequestedClaim>();
        string? payer = null, provider = null, last = null, first = null, member = null;
        Draft? current = null;
        using var reader = new X12Reader(input, leaveOpen: true);
        while (reader.Read())
        {
            var segment = reader.Segment;
            var id = segment.Id;
            if (id.SequenceEqual("NM1"u8))
            {
                var entity = segment.GetString(1);
                switch (entity)
                {
                    case "PR": payer = segment.GetString(9); break;
                    case "1P" or "85": provider = segment.GetString(9); break;
                    case "QC":
                        Flush(current, claims, payer, provider, last, first, member);
                        current = null;
                        last = segment.GetString(3);
                        first = Optional(segment.GetString(4));
                        member = segment.GetString(9);
                        break;
                }
            }
            else if (id.SequenceEqual("TRN"u8))
            {
                Flush(current, claims, payer, provider, last, first, member);
                current = new Draft { Tracking = segment.GetString(2) };
            }
            else if (current is not null && id.SequenceEqual("STC"u8))
            {
                foreach (var position in new[] { 1, 10, 11 })
                {
                    var code = segment.GetComponent(position, 2);
                    if (!code.IsEmpty)
                    {
                        current.Loinc.Add(System.Text.Encoding.ASCII.GetString(code));
                    }
                }
            }
            else if (current is not null && id.SequenceEqual("REF"u8))
            {
                switch (segment.GetString(1))
                {
                    case "1K": current.PayerClaimControlNumber = segment.GetString(2); break;
                    case "EJ": current.ClaimId = segment.GetString(2); break;
                }
            }
            else if (current is not null && id.SequenceEqual("DTP"u8) && segment.GetString(1) == "472")
            {
                var value = segment.GetString(3);
                var parts = value.Split('-');
                current.From = Date(parts[0]);
                current.To = Date(parts.Length > 1 ? parts[1] : parts[0]);
            }
        }

        Flush(current, claims, payer, provider, last, first, member);
        return claims;
    }

    private static void Flush(Draft? draft, List<RequestedClaim> claims, string? payer, string? provider, string? last, string? first, string? member)
    {
        if (draft is null)
        {
            return;
        }

        if (payer is null || last is null || string.IsNullOrEmpty(member) || draft.From is null || draft.Loinc.Count == 0)
        {
            throw new FormatException("The 277RFAI names no payer, patient member id, date of service or requested LOINC code for claim " + draft.Tracking + ".");
        }

        claims.Add(new RequestedClaim(
            payer, Optional(provider), last, first, member, draft.Tracking,
            Optional(draft.ClaimId) ?? draft.Tracking, Optional(draft.PayerClaimControlNumber),
            draft.Loinc, draft.From.Value, draft.To!.Value));
    }

    private static DateOnly Date(string value) =>
        DateOnly.ParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture);

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private sealed class Draft
    {
        public string Tracking { get; init; } = "";

        public string? ClaimId { get; set; }

        public string? PayerClaimControlNumber { get; set; }

        public List<string> Loinc { get; } = [];

        public DateOnly? From { get; set; }

        public DateOnly? To { get; set; }
    }
}
