using SubmissionGateway.X12.CodeSets;
using SubmissionGateway.X12.Edits;
using SubmissionGateway.X12.Guides;
using SubmissionGateway.X12.Reading;

namespace SubmissionGateway.X12.Claims;

/// <summary>
/// Builds <see cref="Claim"/> views from the segments the validator has placed, as they pass: parties from the
/// header and hierarchical levels, then each 2300 claim with its lines, into the transaction set's claim list. Reads only
/// the fields it keeps. Once a claim's last segment has passed, its edits (SNIP 3–5) run here. Only the builder touches
/// the claims, so it can work on its own thread behind the validator (<see cref="ClaimLane"/>).
/// </summary>
internal sealed class ClaimViewBuilder
{
    private static readonly int Nm1 = SegmentKey.Of("NM1");
    private static readonly int N3 = SegmentKey.Of("N3");
    private static readonly int N4 = SegmentKey.Of("N4");
    private static readonly int Dmg = SegmentKey.Of("DMG");
    private static readonly int Ref = SegmentKey.Of("REF");
    private static readonly int Hl = SegmentKey.Of("HL");
    private static readonly int Clm = SegmentKey.Of("CLM");
    private static readonly int Dtp = SegmentKey.Of("DTP");
    private static readonly int Hi = SegmentKey.Of("HI");
    private static readonly int Pwk = SegmentKey.Of("PWK");
    private static readonly int Lx = SegmentKey.Of("LX");
    private static readonly int Sv1 = SegmentKey.Of("SV1");
    private static readonly int Sv2 = SegmentKey.Of("SV2");
    private static readonly int Sv3 = SegmentKey.Of("SV3");
    private static readonly int Sbr = SegmentKey.Of("SBR");
    private static readonly int Amt = SegmentKey.Of("AMT");
    private static readonly int Cas = SegmentKey.Of("CAS");
    private static readonly int Svd = SegmentKey.Of("SVD");
    private static readonly int Prv = SegmentKey.Of("PRV");

    private readonly ClaimKind _kind;
    private readonly ClaimList _claimList;
    private readonly LoopDefinition[] _loops;
    private readonly CodeSetCatalog? _codeSets;
    private readonly DateOnly _today;
    private readonly List<string> _notes;
    private readonly CodeTextCache _codes = new();
    private readonly PartyDraft _submitter;
    private readonly PartyDraft _receiver;
    private readonly PartyDraft _billingProvider;
    private readonly PartyDraft _payer;
    private readonly PartyDraft _subscriber;
    private readonly PartyDraft _patient;
    private readonly PartyDraft _rendering;
    private readonly PartyDraft _lineRendering;
    private PartyDraft? _current;
    private string? _relationship;
    private string? _billingTaxonomy;
    private OtherPayerAdjudication? _otherPayer;
    private LineAdjudication? _lineAdjudication;
    private Claim? _claim;
    private Claim? _lastStarted;
    private ServiceLine? _line;

    // The current claim's lines and diagnoses, copied to exactly sized arrays when the claim completes.
    private readonly List<ServiceLine> _lines = [];
    private readonly List<DiagnosisCode> _diagnoses = [];

    public ClaimViewBuilder(ImplementationGuide guide, ClaimList claims, CodeSetCatalog? codeSets, DateOnly today, List<string> notes)
    {
        _claimList = claims;
        _codeSets = codeSets;
        _loops = guide.Loops;
        _today = today;
        _notes = notes;
        _kind = guide.Id.StartsWith("005010X223", StringComparison.Ordinal) ? ClaimKind.Institutional
            : guide.Id.StartsWith("005010X224", StringComparison.Ordinal) ? ClaimKind.Dental
            : ClaimKind.Professional;
        _submitter = new PartyDraft(_codes);
        _receiver = new PartyDraft(_codes);
        _billingProvider = new PartyDraft(_codes);
        _payer = new PartyDraft(_codes);
        _subscriber = new PartyDraft(_codes);
        _patient = new PartyDraft(_codes);
        _rendering = new PartyDraft(_codes);
        _lineRendering = new PartyDraft(_codes);
    }

    /// <summary>The guide's loop at an ordinal (segments cross to the lane's thread with their loop's ordinal).</summary>
    public LoopDefinition LoopAt(int ordinal) => _loops[ordinal];

    /// <summary>Takes in a placed segment; <paramref name="position"/> is its position in the transaction set.</summary>
    public void OnSegment(in X12Segment segment, int key, LoopDefinition loop, long offset, int position)
    {
        if (key == Hl)
        {
            OnHierarchicalLevel(segment);
        }
        else if (key == Nm1)
        {
            OnName(segment, loop);
        }
        else if (key == N3)
        {
            _current?.Street(segment);
        }
        else if (key == N4)
        {
            _current?.City(segment);
        }
        else if (key == Dmg)
        {
            _current?.Demographics(segment);
        }
        else if (key == Ref)
        {
            OnReference(segment);
        }
        else if (key == Prv && loop.Id == "2000A")
        {
            _billingTaxonomy = _codes.GetOrNull(segment[3]);
        }
        else if (key == Sbr)
        {
            OnSubscriber(segment, loop);
        }
        else if (key == Amt && _otherPayer is not null && loop.Id == "2320" && X12Text.Is(segment[1], "D"))
        {
            _otherPayer.PaidAmount = X12Text.TryParseDecimal(segment[2], out var paid) ? paid : null;
        }
        else if (key == Cas)
        {
            OnAdjustment(segment, loop);
        }
        else if (key == Svd && _line is not null)
        {
            _lineAdjudication = new LineAdjudication
            {
                PayerId = Text(segment[1]),
                Paid = X12Text.TryParseDecimal(segment[2], out var paid) ? paid : 0m,
            };
            _line.Adjudications.Add(_lineAdjudication);
        }
        else if (key == Clm)
        {
            var claim = new Claim { Id = X12Text.ToText(segment[1]), Kind = _kind, Offset = offset, SegmentPosition = position };
            _claimList.Add(claim);
            _lastStarted = claim;
            StartClaim(segment, claim);
        }
        else if (key == Dtp)
        {
            OnDate(segment);
        }
        else if (key == Hi && _claim is not null && _line is null)
        {
            OnDiagnoses(segment);
        }
        else if (key == Pwk && _claim is not null)
        {
            _claim.Attachments.Add(new AttachmentReference(_codes.Get(segment[1]), _codes.Get(segment[2]),
                Text(segment[6]), ClaimLevel: _line is null) { IdentifierQualifier = _codes.GetOrNull(segment[5]) });
        }
        else if (key == Lx && _claim is not null && loop.Id == "2400")
        {
            _lineAdjudication = null;
            _line = new ServiceLine { Number = X12Text.TryParseDigits(segment[1], out var n) ? (int)n : _lines.Count + 1, Offset = offset };
            _lines.Add(_line);
        }
        else if ((key == Sv1 || key == Sv2 || key == Sv3) && _line is not null)
        {
            OnService(segment, key);
        }
    }

    /// <summary>A finding of the validator's (a situational rule) about the claim it is reading: the last one started.</summary>
    public void AddFinding(Validation.X12Finding finding) => _lastStarted!.Findings.Add(finding);

    /// <summary>The transaction set has ended: the last claim is complete, and every claim learns whether the set's syntax
    /// was accepted (SNIP 1–2 rejects the claims of a set it rejects).</summary>
    public void Finish(bool syntaxAccepted)
    {
        CompleteClaim();
        if (!syntaxAccepted)
        {
            foreach (var claim in _claimList)
            {
                claim.SyntaxAccepted = false;
            }
        }
    }

    /// <summary>A claim is complete when the next CLM or HL begins (or the set ends): nothing after that point changes it.</summary>
    private void CompleteClaim()
    {
        if (_claim is not { } claim)
        {
            return;
        }

        _claim = null;
        _line = null;
        _otherPayer = null;
        _lineAdjudication = null;
        claim.LineArray = _lines.Count == 0 ? [] : [.. _lines];
        claim.DiagnosisArray = _diagnoses.Count == 0 ? [] : [.. _diagnoses];
        _lines.Clear();
        _diagnoses.Clear();
        ClaimEdits.Apply(claim);
        if (_codeSets is not null)
        {
            CodeSetEdits.Apply(claim, _codeSets, _today, _notes);
        }
    }

    private void OnHierarchicalLevel(in X12Segment segment)
    {
        CompleteClaim();
        _line = null;
        _current = null;
        var level = segment[3];
        if (X12Text.Is(level, "20"))
        {
            _billingProvider.Clear();
            _billingTaxonomy = null;
        }
        else if (X12Text.Is(level, "22"))
        {
            _relationship = null;
            _subscriber.Clear();
            _payer.Clear();
            _patient.Clear();
        }
        else if (X12Text.Is(level, "23"))
        {
            _patient.Clear();
        }
    }

    private void OnName(in X12Segment segment, LoopDefinition loop)
    {
        var entity = segment[1];
        _current = loop.Id switch
        {
            "1000A" when X12Text.Is(entity, "41") => _submitter,
            "1000B" when X12Text.Is(entity, "40") => _receiver,
            "2010AA" when X12Text.Is(entity, "85") => _billingProvider,
            "2010BB" when X12Text.Is(entity, "PR") => _payer,
            "2010BA" when X12Text.Is(entity, "IL") => _subscriber,
            "2010CA" when X12Text.Is(entity, "QC") => _patient,
            "2310B" when X12Text.Is(entity, "82") => _rendering,
            "2420A" when X12Text.Is(entity, "82") => _lineRendering,
            _ => null,
        };
        _current?.Start(segment);
        if (_current == _rendering && _claim is not null)
        {
            _claim.RenderingProvider = _rendering.ToOrganization();
        }
        else if (_current == _lineRendering && _line is not null)
        {
            _line.RenderingProvider = _lineRendering.ToOrganization();
        }

        if (loop.Id == "2330B" && X12Text.Is(entity, "PR") && _otherPayer is not null)
        {
            _otherPayer.PayerId = Text(segment[9]);
        }
    }

    private void OnSubscriber(in X12Segment segment, LoopDefinition loop)
    {
        if (loop.Id == "2320" && _claim is not null)
        {
            _otherPayer = new OtherPayerAdjudication();
            _claim.OtherPayers.Add(_otherPayer);
        }
        else
        {
            _relationship = _codes.GetOrNull(segment[2]);
        }
    }

    private void OnAdjustment(in X12Segment segment, LoopDefinition loop)
    {
        decimal sum = 0;
        for (var amount = 3; amount <= 18; amount += 3)
        {
            if (X12Text.TryParseDecimal(segment[amount], out var value))
            {
                sum += value;
            }
        }

        if (loop.Id == "2320" && _otherPayer is not null)
        {
            _otherPayer.ClaimAdjustments += sum;
        }
        else if (loop.Id == "2430" && _lineAdjudication is not null)
        {
            _lineAdjudication.Adjustments += sum;
        }
    }

    private void OnReference(in X12Segment segment)
    {
        var qualifier = segment[1];
        if (_current == _billingProvider && (X12Text.Is(qualifier, "EI") || X12Text.Is(qualifier, "SY")))
        {
            _billingProvider.TaxId(segment[2]);
        }
        else if (_claim is not null && _line is null && X12Text.Is(qualifier, "F8"))
        {
            _claim.PayerClaimControlNumber = Text(segment[2]);
        }
    }

    private void StartClaim(in X12Segment segment, Claim claim)
    {
        CompleteClaim();
        _line = null;
        _current = null;
        _otherPayer = null;
        _lineAdjudication = null;
        _rendering.Clear();
        var subscriber = _subscriber.ToPerson();
        var patient = _patient.ToPerson();
        var clm05 = segment[5];
        var component = segment.Delimiters.Component;
        claim.TotalCharge = X12Text.TryParseDecimal(segment[2], out var total) ? total : 0m;
        claim.PlaceOfService = _codes.GetOrNull(X12Text.Part(clm05, component, 1));
        claim.FacilityCodeQualifier = _codes.GetOrNull(X12Text.Part(clm05, component, 2));
        claim.FrequencyCode = _codes.GetOrNull(X12Text.Part(clm05, component, 3));
        claim.Submitter = _submitter.ToOrganization();
        claim.Receiver = _receiver.ToOrganization();
        claim.BillingProvider = _billingProvider.ToOrganization();
        claim.Payer = _payer.ToOrganization();
        claim.Subscriber = subscriber;
        claim.Patient = patient ?? subscriber;
        claim.PatientIsSubscriber = patient is null;
        claim.SubscriberRelationship = _relationship;
        claim.BillingProviderTaxonomy = _billingTaxonomy;
        _claim = claim;
    }

    private void OnDate(in X12Segment segment)
    {
        if (_claim is null)
        {
            return;
        }

        var qualifier = segment[1];
        if (X12Text.Is(qualifier, "472"))
        {
            var (from, to) = DateRange(segment[2], segment[3]);
            if (_line is not null)
            {
                _line.ServiceDateFrom = from;
                _line.ServiceDateTo = to;
            }
            else
            {
                _claim.ServiceDateFrom = from;
                _claim.ServiceDateTo = to;
            }
        }
        else if (X12Text.Is(qualifier, "434") && _line is null)
        {
            var (from, to) = DateRange(segment[2], segment[3]);
            _claim.StatementFrom = from;
            _claim.StatementTo = to;
        }
    }

    private void OnDiagnoses(in X12Segment segment)
    {
        for (var i = 1; i <= segment.ElementCount; i++)
        {
            var qualifier = segment.GetComponent(i, 1);
            var code = segment.GetComponent(i, 2);
            if (code.IsEmpty || !IsDiagnosisQualifier(qualifier))
            {
                continue;
            }

            _diagnoses.Add(new DiagnosisCode(_codes.Get(qualifier), _codes.Get(code)));
        }
    }

    private void OnService(in X12Segment segment, int key)
    {
        var line = _line!;
        var procedureElement = key == Sv2 ? 2 : 1;
        var qualifier = segment.GetComponent(procedureElement, 1);
        if (!qualifier.IsEmpty)
        {
            line.ProcedureQualifier = _codes.Get(qualifier);
            line.ProcedureCode = _codes.GetOrNull(segment.GetComponent(procedureElement, 2));
            List<string>? modifiers = null;
            for (var c = 3; c <= 6; c++)
            {
                var modifier = segment.GetComponent(procedureElement, c);
                if (!modifier.IsEmpty)
                {
                    (modifiers ??= new List<string>(2)).Add(_codes.Get(modifier));
                }
            }

            // Most lines have no modifier: they share the one empty list rather than each getting its own.
            line.Modifiers = modifiers is null ? Array.Empty<string>() : modifiers;
        }

        if (key == Sv2)
        {
            line.RevenueCode = _codes.GetOrNull(segment[1]);
        }

        var chargeElement = key == Sv2 ? 3 : 2;
        line.Charge = X12Text.TryParseDecimal(segment[chargeElement], out var charge) ? charge : 0m;
        var unitsElement = key == Sv1 ? 4 : key == Sv2 ? 5 : 6;
        line.Units = key != Sv3 && X12Text.TryParseDecimal(segment[unitsElement], out var units) ? units : null;
    }

    internal static (DateOnly? From, DateOnly? To) DateRange(ReadOnlySpan<byte> format, ReadOnlySpan<byte> value)
    {
        if (X12Text.Is(format, "RD8") && value.Length == 17 && value[8] == '-')
        {
            return (X12Text.TryParseDate(value[..8], out var a) ? a : null, X12Text.TryParseDate(value[9..], out var b) ? b : null);
        }

        return X12Text.TryParseDate(value, out var d) ? (d, d) : (null, null);
    }

    private static bool IsDiagnosisQualifier(ReadOnlySpan<byte> q) =>
        X12Text.Is(q, "ABK") || X12Text.Is(q, "ABF") || X12Text.Is(q, "ABJ") || X12Text.Is(q, "ABN") || X12Text.Is(q, "APR") ||
        X12Text.Is(q, "BK") || X12Text.Is(q, "BF") || X12Text.Is(q, "BJ") || X12Text.Is(q, "BN") || X12Text.Is(q, "PR");

    internal static Organization Organization(in X12Segment segment) => new()
    {
        Name = Join(segment[3], segment[4]),
        IdQualifier = Text(segment[8]),
        Id = Text(segment[9]),
    };

    internal static Person Person(in X12Segment segment) => new()
    {
        LastName = segment.GetString(3),
        FirstName = Text(segment[4]),
        MiddleName = Text(segment[5]),
        MemberId = Text(segment[9]),
    };

    internal static string? Text(ReadOnlySpan<byte> value) => value.IsEmpty ? null : X12Text.ToText(value);

    private static string Join(ReadOnlySpan<byte> last, ReadOnlySpan<byte> first) =>
        first.IsEmpty ? X12Text.ToText(last) : $"{X12Text.ToText(first)} {X12Text.ToText(last)}";
}
