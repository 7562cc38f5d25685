using SubmissionGateway.X12.Guides;
using SubmissionGateway.X12.Reading;

namespace SubmissionGateway.X12.Claims;

/// <summary>
/// Builds <see cref="Claim"/> views from the segments the validator has placed, as they pass: parties from the
/// header and hierarchical levels, then each 2300 claim with its lines. Reads only the fields it keeps.
/// </summary>
internal sealed class ClaimViewBuilder
{
    private static readonly int Nm1 = SegmentKey.Of("NM1");
    private static readonly int N3 = SegmentKey.Of("N3");
    private static readonly int N4 = SegmentKey.Of("N4");
    private static readonly int Dmg = SegmentKey.Of("DMG");
    private static readonly int Ref = SegmentKey.Of("REF");
    private static readonly int Hl = SegmentKey.Of("HL");
    private static readonly int Sbr = SegmentKey.Of("SBR");
    private static readonly int Clm = SegmentKey.Of("CLM");
    private static readonly int Dtp = SegmentKey.Of("DTP");
    private static readonly int Hi = SegmentKey.Of("HI");
    private static readonly int Pwk = SegmentKey.Of("PWK");
    private static readonly int Lx = SegmentKey.Of("LX");
    private static readonly int Sv1 = SegmentKey.Of("SV1");
    private static readonly int Sv2 = SegmentKey.Of("SV2");
    private static readonly int Sv3 = SegmentKey.Of("SV3");

    private readonly List<Claim> _claims;
    private readonly ClaimKind _kind;
    private Organization? _submitter;
    private Organization? _receiver;
    private Organization? _billingProvider;
    private Organization? _payer;
    private Person? _subscriber;
    private Person? _patient;
    private bool _subscriberIsPatient;
    private Claim? _claim;
    private ServiceLine? _line;
    private string _currentParty = string.Empty;

    public ClaimViewBuilder(List<Claim> claims, ImplementationGuide guide)
    {
        _claims = claims;
        _kind = guide.Id.StartsWith("005010X223", StringComparison.Ordinal) ? ClaimKind.Institutional
            : guide.Id.StartsWith("005010X224", StringComparison.Ordinal) ? ClaimKind.Dental
            : ClaimKind.Professional;
    }

    public Claim? Current => _claim;

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
        else if (key == N3 || key == N4)
        {
            OnAddress(segment, key);
        }
        else if (key == Dmg && _currentParty is "IL" or "QC")
        {
            DateOnly? birthDate = X12Text.TryParseDate(segment[2], out var birth) ? birth : null;
            var gender = Text(segment[3]);
            UpdatePerson(p => p with { BirthDate = birthDate, Gender = gender });
        }
        else if (key == Ref)
        {
            OnReference(segment);
        }
        else if (key == Sbr)
        {
            _subscriberIsPatient = X12Text.Is(segment[2], "18");
        }
        else if (key == Clm)
        {
            StartClaim(segment, offset, position);
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
            _claim.Attachments.Add(new AttachmentReference(Text(segment[1]) ?? string.Empty, Text(segment[2]) ?? string.Empty,
                Text(segment[6]), ClaimLevel: _line is null));
        }
        else if (key == Lx && _claim is not null && loop.Id == "2400")
        {
            _line = new ServiceLine { Number = int.TryParse(segment.GetString(1), out var n) ? n : _claim.Lines.Count + 1, Offset = offset };
            _claim.Lines.Add(_line);
        }
        else if ((key == Sv1 || key == Sv2 || key == Sv3) && _line is not null)
        {
            OnService(segment, key);
        }
    }

    private void OnHierarchicalLevel(in X12Segment segment)
    {
        _claim = null;
        _line = null;
        var level = segment[3];
        if (X12Text.Is(level, "20"))
        {
            _billingProvider = null;
        }
        else if (X12Text.Is(level, "22"))
        {
            _subscriber = null;
            _payer = null;
            _patient = null;
            _subscriberIsPatient = false;
        }
        else if (X12Text.Is(level, "23"))
        {
            _patient = null;
        }

        _currentParty = string.Empty;
    }

    private void OnName(in X12Segment segment, LoopDefinition loop)
    {
        var entity = segment.GetString(1);
        _currentParty = entity;
        switch (entity)
        {
            case "41" when loop.Id == "1000A":
                _submitter = Organization(segment);
                break;
            case "40" when loop.Id == "1000B":
                _receiver = Organization(segment);
                break;
            case "85" when loop.Id == "2010AA":
                _billingProvider = Organization(segment);
                break;
            case "PR" when loop.Id == "2010BB":
                _payer = Organization(segment);
                break;
            case "IL" when loop.Id == "2010BA":
                _subscriber = Person(segment);
                break;
            case "QC" when loop.Id == "2010CA":
                _patient = Person(segment);
                break;
            default:
                _currentParty = string.Empty;
                break;
        }
    }

    private void OnAddress(in X12Segment segment, int key)
    {
        PostalAddress? Update(PostalAddress? address, in X12Segment s) => key == N3
            ? new PostalAddress(Text(s[1]) ?? string.Empty, Text(s[2]), address?.City ?? string.Empty, address?.State, address?.PostalCode)
            : new PostalAddress(address?.Line1 ?? string.Empty, address?.Line2, Text(s[1]) ?? string.Empty, Text(s[2]), Text(s[3]));

        switch (_currentParty)
        {
            case "85" when _billingProvider is not null:
                _billingProvider = _billingProvider with { Address = Update(_billingProvider.Address, segment) };
                break;
            case "PR" when _payer is not null:
                _payer = _payer with { Address = Update(_payer.Address, segment) };
                break;
            case "IL" when _subscriber is not null:
                _subscriber = _subscriber with { Address = Update(_subscriber.Address, segment) };
                break;
            case "QC" when _patient is not null:
                _patient = _patient with { Address = Update(_patient.Address, segment) };
                break;
        }
    }

    private void OnReference(in X12Segment segment)
    {
        var qualifier = segment[1];
        if (_currentParty == "85" && _billingProvider is not null && (X12Text.Is(qualifier, "EI") || X12Text.Is(qualifier, "SY")))
        {
            _billingProvider = _billingProvider with { TaxId = Text(segment[2]) };
        }
        else if (_claim is not null && _line is null && X12Text.Is(qualifier, "F8"))
        {
            _claim.PayerClaimControlNumber = Text(segment[2]);
        }
    }

    private void StartClaim(in X12Segment segment, long offset, int position)
    {
        _line = null;
        _currentParty = string.Empty;
        _claim = new Claim
        {
            Id = segment.GetString(1),
            Kind = _kind,
            TotalCharge = X12Text.TryParseDecimal(segment[2], out var total) ? total : 0m,
            PlaceOfService = Text(segment.GetComponent(5, 1)),
            FacilityCodeQualifier = Text(segment.GetComponent(5, 2)),
            FrequencyCode = Text(segment.GetComponent(5, 3)),
            Submitter = _submitter,
            Receiver = _receiver,
            BillingProvider = _billingProvider,
            Payer = _payer,
            Subscriber = _subscriber,
            Patient = _patient ?? _subscriber,
            PatientIsSubscriber = _patient is null,
            Offset = offset,
            SegmentPosition = position,
        };
        _claims.Add(_claim);
    }

    private void OnDate(in X12Segment segment)
    {
        if (_claim is null)
        {
            return;
        }

        var qualifier = segment[1];
        var (from, to) = DateRange(segment[2], segment[3]);
        if (X12Text.Is(qualifier, "472"))
        {
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

            _claim!.Diagnoses.Add(new DiagnosisCode(X12Text.ToText(qualifier), X12Text.ToText(code)));
        }
    }

    private void OnService(in X12Segment segment, int key)
    {
        var line = _line!;
        var procedureElement = key == Sv2 ? 2 : 1;
        var qualifier = segment.GetComponent(procedureElement, 1);
        if (!qualifier.IsEmpty)
        {
            line.ProcedureQualifier = Text(qualifier);
            line.ProcedureCode = Text(segment.GetComponent(procedureElement, 2));
            var modifiers = new List<string>(4);
            for (var c = 3; c <= 6; c++)
            {
                var modifier = segment.GetComponent(procedureElement, c);
                if (!modifier.IsEmpty)
                {
                    modifiers.Add(X12Text.ToText(modifier));
                }
            }

            line.Modifiers = modifiers;
        }

        if (key == Sv2)
        {
            line.RevenueCode = Text(segment[1]);
        }

        var chargeElement = key == Sv2 ? 3 : 2;
        line.Charge = X12Text.TryParseDecimal(segment[chargeElement], out var charge) ? charge : 0m;
        var unitsElement = key == Sv1 ? 4 : key == Sv2 ? 5 : 6;
        line.Units = key != Sv3 && X12Text.TryParseDecimal(segment[unitsElement], out var units) ? units : null;
    }

    private void UpdatePerson(Func<Person, Person> update)
    {
        if (_currentParty == "IL" && _subscriber is not null)
        {
            _subscriber = update(_subscriber);
        }
        else if (_currentParty == "QC" && _patient is not null)
        {
            _patient = update(_patient);
        }
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
