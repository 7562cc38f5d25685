using SubmissionGateway.X12.Reading;

namespace SubmissionGateway.X12.Claims;

/// <summary>A party being read (NM1 then N3, N4, DMG, REF): collected in place, turned into a
/// <see cref="Person"/> or <see cref="Organization"/> once, when a claim first needs it.</summary>
internal sealed class PartyDraft(CodeTextCache codes)
{
    private Person? _person;
    private Organization? _organization;

    // The last views built, kept across Clear: the next subscriber's payer, city or billing provider is usually the
    // same party, and every view kept for the report is an object the GC must carry, so an equal one is shared.
    private Person? _lastPerson;
    private Organization? _lastOrganization;
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

    private const int HasTaxId = 1, HasStreet = 2, HasCity = 4, HasDemographics = 8;
    private int _fresh;

    public bool IsOpen { get; private set; }

    public void Start(in X12Segment nm1)
    {
        IsOpen = true;
        _person = null;
        _organization = null;
        _last = Same(_last, nm1[3]) ?? string.Empty;
        _first = Same(_first, nm1[4]);
        _middle = Same(_middle, nm1[5]);
        _idQualifier = codes.GetOrNull(nm1[8]);
        _id = Same(_id, nm1[9]);
        // Kept until N3/N4/REF/DMG replace them, only so an equal value can reuse the string; whether they belong to this
        // party is tracked by _fresh.
        _fresh = 0;
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
        _fresh |= HasStreet;
        _line1 = Same(_line1, n3[1]);
        _line2 = Same(_line2, n3[2]);
    }

    public void City(in X12Segment n4)
    {
        Changed();
        _fresh |= HasCity;
        _city = Same(_city, n4[1]);
        _state = codes.GetOrNull(n4[2]);
        _postalCode = codes.GetOrNull(n4[3]);
    }

    public void Demographics(in X12Segment dmg)
    {
        Changed();
        _fresh |= HasDemographics;
        _birthDate = X12Text.TryParseDate(dmg[2], out var birth) ? birth : null;
        _gender = codes.GetOrNull(dmg[3]);
    }

    public void TaxId(ReadOnlySpan<byte> value)
    {
        Changed();
        _fresh |= HasTaxId;
        _taxId = Same(_taxId, value);
    }

    public Person? ToPerson()
    {
        if (!IsOpen)
        {
            return null;
        }

        if (_person is null)
        {
            var person = new Person
            {
                LastName = _last,
                FirstName = _first,
                MiddleName = _middle,
                MemberId = _id,
                BirthDate = (_fresh & HasDemographics) != 0 ? _birthDate : null,
                Gender = (_fresh & HasDemographics) != 0 ? _gender : null,
                Address = Address(_lastPerson?.Address),
            };
            _person = _lastPerson = person == _lastPerson ? _lastPerson : person;
        }

        return _person;
    }

    public Organization? ToOrganization()
    {
        if (!IsOpen)
        {
            return null;
        }

        if (_organization is null)
        {
            var name = _first is null ? _last
                : _lastOrganization is { } last && last.Name.Length == _first.Length + 1 + _last.Length &&
                  last.Name.StartsWith(_first, StringComparison.Ordinal) && last.Name.EndsWith(_last, StringComparison.Ordinal) &&
                  last.Name[_first.Length] == ' ' ? last.Name
                : $"{_first} {_last}";
            var organization = new Organization
            {
                Name = name,
                IdQualifier = _idQualifier,
                Id = _id,
                TaxId = (_fresh & HasTaxId) != 0 ? _taxId : null,
                Address = Address(_lastOrganization?.Address),
            };
            _organization = _lastOrganization = organization == _lastOrganization ? _lastOrganization : organization;
        }

        return _organization;
    }

    private PostalAddress? Address(PostalAddress? last)
    {
        var line1 = (_fresh & HasStreet) != 0 ? _line1 : null;
        var line2 = (_fresh & HasStreet) != 0 ? _line2 : null;
        var city = (_fresh & HasCity) != 0 ? _city : null;
        if (line1 is null && city is null)
        {
            return null;
        }

        var address = new PostalAddress(line1 ?? string.Empty, line2, city ?? string.Empty,
            (_fresh & HasCity) != 0 ? _state : null, (_fresh & HasCity) != 0 ? _postalCode : null);
        return address == last ? last : address;
    }

    /// <summary>The previous string when the value is unchanged (same party again), else a new or cached one.</summary>
    private string? Same(string? previous, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return null;
        }

        if (previous is not null && previous.Length == value.Length && X12Text.Is(value, previous))
        {
            return previous;
        }

        return value.Length <= 8 ? codes.Get(value) : X12Text.ToText(value);
    }

    private void Changed()
    {
        _person = null;
        _organization = null;
    }
}
