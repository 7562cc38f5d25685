using SubmissionGateway.X12.Claims;
using SubmissionGateway.X12.Reading;

namespace SubmissionGateway.X12.Attachments;

/// <summary>Builds the <see cref="AttachmentTransaction"/> view of a 275 from its placed segments.</summary>
internal sealed class AttachmentViewBuilder(AttachmentTransaction view)
{
    private static readonly int Nm1 = SegmentKey.Of("NM1");
    private static readonly int Dmg = SegmentKey.Of("DMG");
    private static readonly int Trn = SegmentKey.Of("TRN");
    private static readonly int Ref = SegmentKey.Of("REF");
    private static readonly int Dtp = SegmentKey.Of("DTP");
    private static readonly int Lx = SegmentKey.Of("LX");
    private static readonly int Stc = SegmentKey.Of("STC");
    private static readonly int Cat = SegmentKey.Of("CAT");

    private AttachmentDocument? _document;

    public AttachmentDocument? CurrentDocument => _document;

    public void OnSegment(in X12Segment segment, int key, long offset)
    {
        if (key == Nm1)
        {
            var entity = segment[1];
            if (X12Text.Is(entity, "PR"))
            {
                view.Payer = ClaimViewBuilder.Organization(segment);
            }
            else if (X12Text.Is(entity, "41"))
            {
                view.Submitter = ClaimViewBuilder.Organization(segment);
            }
            else if (X12Text.Is(entity, "1P") || X12Text.Is(entity, "85"))
            {
                view.Provider = ClaimViewBuilder.Organization(segment);
            }
            else if (X12Text.Is(entity, "QC") || X12Text.Is(entity, "IL"))
            {
                view.Patient = ClaimViewBuilder.Person(segment);
            }
        }
        else if (key == Dmg && view.Patient is not null)
        {
            view.Patient = view.Patient with { BirthDate = X12Text.TryParseDate(segment[2], out var birth) ? birth : null, Gender = ClaimViewBuilder.Text(segment[3]) };
        }
        else if (key == Trn)
        {
            view.TraceType = ClaimViewBuilder.Text(segment[1]);
            view.TraceNumber = ClaimViewBuilder.Text(segment[2]);
        }
        else if (key == Ref)
        {
            if (X12Text.Is(segment[1], "1K"))
            {
                view.PayerClaimControlNumber = ClaimViewBuilder.Text(segment[2]);
            }
            else if (X12Text.Is(segment[1], "EJ"))
            {
                view.PatientControlNumber = ClaimViewBuilder.Text(segment[2]);
            }
        }
        else if (key == Dtp && X12Text.Is(segment[1], "472"))
        {
            var (from, to) = ClaimViewBuilder.DateRange(segment[2], segment[3]);
            view.ServiceDateFrom = from;
            view.ServiceDateTo = to;
        }
        else if (key == Lx)
        {
            _document = new AttachmentDocument { Number = int.TryParse(segment.GetString(1), out var n) ? n : view.Documents.Count + 1, Offset = offset };
            view.Documents.Add(_document);
        }
        else if (key == Stc && _document is not null)
        {
            CollectLoincCodes(segment, _document);
        }
        else if (key == Cat && _document is not null)
        {
            _document.Format = segment[2].IsEmpty ? ClaimViewBuilder.Text(segment[1]) : $"{segment.GetString(1)}:{segment.GetString(2)}";
        }
    }

    private static void CollectLoincCodes(in X12Segment segment, AttachmentDocument document)
    {
        // LOINC codes ride in the STC composites' code components; they have the form digits-check digit.
        for (var e = 1; e <= segment.ElementCount; e++)
        {
            for (var c = 1; c <= 4; c++)
            {
                var part = segment.GetComponent(e, c);
                if (LooksLikeLoinc(part))
                {
                    var code = X12Text.ToText(part);
                    if (!document.LoincCodes.Contains(code))
                    {
                        document.LoincCodes.Add(code);
                    }
                }
            }
        }
    }

    private static bool LooksLikeLoinc(ReadOnlySpan<byte> value)
    {
        var dash = value.IndexOf((byte)'-');
        if (dash < 1 || dash > 7 || dash != value.Length - 2)
        {
            return false;
        }

        foreach (var b in value[..dash])
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return value[^1] is >= (byte)'0' and <= (byte)'9';
    }
}
