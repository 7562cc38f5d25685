using SubmissionGateway.X12.Reading;

namespace SubmissionGateway.X12.Claims;

/// <summary>A party being read (NM1 then N3, N4, DMG, REF): collected in place, turned into a
/// <see cref="Person"/> or <see cref="Organization"/> once, when a claim first needs it.</summary>
internal sealed class PartyDraft(CodeTextCache codes)
{
    private Person? _person;
    private Organization? _organization;
    private string _last = string.Empty;
    private string? _first;
    private string? _middle;
    private string? _idQualifier;
    private string? _id;
    private string? _taxId;
    private string? _line1;
    private string? _line2;
    private string? _city;
    private string? _state;
    private string? _postalCode;
    private DateOnly? _birthDate;
    private string? _gender;

    public bool IsOpen { get; private set; }

    public void Start(in X12Segment nm1)
    {
        IsOpen = true;
        _person = null;
        _organization = null;
        _last = X12Text.ToText(nm1[3]);
        _first = Text(nm1[4]);
        _middle = Text(nm1[5]);
        _idQualifier = codes.GetOrNull(nm1[8]);
        _id = Text(nm1[9]);
        _taxId = _line1 = _line2 = _city = _state = _postalCode = _gender = null;
        _birthDate = null;
    }

    public void Clear()
    {
        IsOpen = false;
        _person = null;
        _organization = null;
    }

    public void Street(in X12Segment n3)
    {
        Changed();
        _line1 = Text(n3[1]);
        _line2 = Text(n3[2]);
    }

    public void City(in X12Segment n4)
    {
        Changed();
        _city = Text(n4[1]);
        _state = codes.GetOrNull(n4[2]);
        _postalCode = codes.GetOrNull(n4[3]);
    }

    public void Demographics(in X12Segment dmg)
    {
        Changed();
        _birthDate = X12Text.TryParseDate(dmg[2], out var birth) ? birth : null;
        _gender = codes.GetOrNull(dmg[3]);
    }

    public void TaxId(ReadOnlySpan<byte> value)
    {
        Changed();
        _taxId = Text(value);
    }

    public Person? ToPerson() => !IsOpen ? null : _person ??= new Person
    {
        LastName = _last,
        FirstName = _first,
        MiddleName = _middle,
        MemberId = _id,
        BirthDate = _birthDate,
        Gender = _gender,
        Address = Address(),
    };

    public Organization? ToOrganization() => !IsOpen ? null : _organization ??= new Organization
    {
        Name = _first is null ? _last : $"{_first} {_last}",
        IdQualifier = _idQualifier,
        Id = _id,
        TaxId = _taxId,
        Address = Address(),
    };

    private PostalAddress? Address() =>
        _line1 is null && _city is null ? null : new PostalAddress(_line1 ?? string.Empty, _line2, _city ?? string.Empty, _state, _postalCode);

    private void Changed()
    {
        _person = null;
        _organization = null;
    }

    private static string? Text(ReadOnlySpan<byte> value) => value.IsEmpty ? null : X12Text.ToText(value);
}
