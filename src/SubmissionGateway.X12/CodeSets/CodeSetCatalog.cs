namespace SubmissionGateway.X12.CodeSets;

/// <summary>
/// Every code set the gateway checks against (SNIP 5): the sets compiled into the data folder by
/// <see cref="CodeSetImporter"/> plus the small built-in lists. Load it once and share it: it is immutable,
/// thread-safe, and its checks allocate nothing. Codes are taken as the X12 reader hands them (ASCII bytes, no
/// dots); where no set is loaded for a code, or for its date of service, a check answers
/// <see cref="CodeCheckResult.FormatOnly"/> after checking the shape.
/// </summary>
public sealed class CodeSetCatalog
{
    /// <summary>ICD-10-CM replaced ICD-9-CM for dates of service on and after this day (HIPAA, 45 CFR 162.1002).</summary>
    public static readonly DateOnly Icd10Start = new(2015, 10, 1);

    private static readonly Lazy<CodeSetCatalog> BuiltInOnly = new(() => new CodeSetCatalog([]));

    private readonly CompiledCodeSet[] _icd10Cm;
    private readonly CompiledCodeSet? _hcpcs;
    private readonly CompiledCodeSet? _cpt;
    private readonly CompiledCodeSet? _taxonomy;
    private readonly CompiledCodeSet _placeOfService;
    private readonly CompiledCodeSet _usStates;
    private readonly CompiledCodeSet _claimFrequency;
    private readonly CompiledCodeSet _cptModifiers;

    private CodeSetCatalog(IEnumerable<CompiledCodeSet> imported)
    {
        var builtIn = BuiltInCodeLists.Load();
        var importedList = imported.ToList();

        // Later-starting ICD-10-CM sets win where ranges overlap (an April update over its October release).
        _icd10Cm = [.. importedList.Where(s => s.Info.Kind == CodeSetKind.Icd10Cm).OrderBy(s => s.FromDay).ThenBy(s => s.Info.CompiledAt)];
        _hcpcs = Latest(importedList, CodeSetKind.Hcpcs);
        _cpt = Latest(importedList, CodeSetKind.Cpt);
        _taxonomy = Latest(importedList, CodeSetKind.NuccTaxonomy);
        _placeOfService = builtIn.Single(s => s.Info.Kind == CodeSetKind.PlaceOfService);
        _usStates = builtIn.Single(s => s.Info.Kind == CodeSetKind.UsState);
        _claimFrequency = builtIn.Single(s => s.Info.Kind == CodeSetKind.ClaimFrequency);
        _cptModifiers = builtIn.Single(s => s.Info.Kind == CodeSetKind.CptModifier);

        Sets = [.. _icd10Cm.Concat(new[] { _hcpcs, _cpt, _taxonomy }.OfType<CompiledCodeSet>()).Concat(builtIn).Select(s => s.Info)];
    }

    /// <summary>A catalog with the built-in lists only: every imported-set check answers format only.</summary>
    public static CodeSetCatalog BuiltIn => BuiltInOnly.Value;

    /// <summary>What is loaded: imported sets first (ICD-10-CM by fiscal year), then the built-in lists.</summary>
    public IReadOnlyList<CodeSetInfo> Sets { get; }

    /// <summary>Loads every compiled set (<c>*.sgwcs</c>) in <paramref name="codeSetFolder"/>; a missing folder means none.</summary>
    /// <exception cref="CodeSetFormatException">A compiled file is damaged or of another format version.</exception>
    public static CodeSetCatalog Load(string codeSetFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(codeSetFolder);
        if (!Directory.Exists(codeSetFolder))
        {
            return new CodeSetCatalog([]);
        }

        var files = Directory.GetFiles(codeSetFolder, "*" + CompiledCodeSetFile.Extension).Order(StringComparer.Ordinal);
        return new CodeSetCatalog([.. files.Select(CompiledCodeSetFile.Read)]);
    }

    /// <summary>Loads from the gateway's data folder (<see cref="CodeSetDataFolder.Resolve"/>).</summary>
    public static CodeSetCatalog LoadDefault() => Load(CodeSetDataFolder.Resolve());

    internal static CodeSetCatalog Create(IEnumerable<CompiledCodeSet> imported) => new(imported);

    /// <summary>The loaded set that answers for <paramref name="kind"/> on <paramref name="dateOfService"/>, or null (format only).</summary>
    public CodeSetInfo? SetFor(CodeSetKind kind, DateOnly dateOfService) => kind switch
    {
        CodeSetKind.Icd10Cm => Icd10CmFor(dateOfService.DayNumber)?.Info,
        CodeSetKind.Hcpcs => _hcpcs?.Info,
        CodeSetKind.Cpt => _cpt?.Info,
        CodeSetKind.NuccTaxonomy => _taxonomy?.Info,
        CodeSetKind.PlaceOfService => _placeOfService.Info,
        CodeSetKind.UsState => _usStates.Info,
        CodeSetKind.ClaimFrequency => _claimFrequency.Info,
        CodeSetKind.CptModifier => _cptModifiers.Info,
        _ => null,
    };

    /// <summary>
    /// An ICD-10-CM diagnosis (HI with ABK/ABF/ABJ/ABN/APR), dotless: billable in the fiscal year of the date of
    /// service. A category header answers <see cref="CodeCheckResult.NotBillable"/>; a code of another loaded
    /// fiscal year only, <see cref="CodeCheckResult.NotEffectiveOnDate"/>.
    /// </summary>
    public CodeCheckResult CheckIcd10Cm(ReadOnlySpan<byte> code, DateOnly dateOfService)
    {
        if (!IsIcd10CmShape(code) || !CodeKey.TryPack(code, out var key))
        {
            return CodeCheckResult.InvalidFormat;
        }

        if (dateOfService < Icd10Start)
        {
            return CodeCheckResult.NotEffectiveOnDate;
        }

        var set = Icd10CmFor(dateOfService.DayNumber);
        if (set is null)
        {
            return CodeCheckResult.FormatOnly;
        }

        var index = set.Table.IndexOf(key);
        if (index >= 0)
        {
            return (set.Table.FlagsAt(index) & CodeTable.Billable) != 0 ? CodeCheckResult.Valid : CodeCheckResult.NotBillable;
        }

        foreach (var other in _icd10Cm)
        {
            if (!ReferenceEquals(other, set) && other.Table.IndexOf(key) >= 0)
            {
                return CodeCheckResult.NotEffectiveOnDate;
            }
        }

        return CodeCheckResult.UnknownCode;
    }

    /// <summary>A HCPCS Level II code (a letter and four digits), effective from its add date through its termination date.</summary>
    public CodeCheckResult CheckHcpcs(ReadOnlySpan<byte> code, DateOnly dateOfService)
    {
        if (!IsHcpcsShape(code) || !CodeKey.TryPack(code, out var key))
        {
            return CodeCheckResult.InvalidFormat;
        }

        return Dated(_hcpcs, key, dateOfService);
    }

    /// <summary>
    /// A CPT code: five digits, or four digits and F (Category II), T (Category III) or U (proprietary laboratory
    /// analyses). CPT is licensed by the AMA, so without an imported list this is a format check.
    /// </summary>
    public CodeCheckResult CheckCpt(ReadOnlySpan<byte> code, DateOnly dateOfService)
    {
        if (!IsCptShape(code) || !CodeKey.TryPack(code, out var key))
        {
            return CodeCheckResult.InvalidFormat;
        }

        return Dated(_cpt, key, dateOfService);
    }

    /// <summary>A procedure code under qualifier HC (SV101-2, SV202-2): HCPCS Level II when it starts with a letter, CPT otherwise.</summary>
    public CodeCheckResult CheckProcedureCode(ReadOnlySpan<byte> code, DateOnly dateOfService) =>
        code.Length > 0 && (uint)(code[0] - 'A') <= 25 ? CheckHcpcs(code, dateOfService) : CheckCpt(code, dateOfService);

    /// <summary>
    /// A procedure modifier (two characters): a CPT modifier from the built-in list, else a HCPCS Level II modifier
    /// effective on the date of service (format only when no HCPCS file is imported).
    /// </summary>
    public CodeCheckResult CheckModifier(ReadOnlySpan<byte> code, DateOnly dateOfService)
    {
        if (code.Length != 2 || !CodeKey.TryPack(code, out var key))
        {
            return CodeCheckResult.InvalidFormat;
        }

        if (_cptModifiers.Table.IndexOf(key) >= 0)
        {
            return CodeCheckResult.Valid;
        }

        if (_hcpcs is null)
        {
            // Two digits can only be a CPT modifier, and that list is built in.
            return IsDigit(code[0]) && IsDigit(code[1]) ? CodeCheckResult.UnknownCode : CodeCheckResult.FormatOnly;
        }

        return Dated(_hcpcs, key, dateOfService);
    }

    /// <summary>A NUCC provider taxonomy code (ten characters ending in X, e.g. 207Q00000X).</summary>
    public CodeCheckResult CheckTaxonomy(ReadOnlySpan<byte> code)
    {
        if (code.Length != 10 || code[9] != (byte)'X' || !CodeKey.TryPack(code, out var key))
        {
            return CodeCheckResult.InvalidFormat;
        }

        return _taxonomy is null ? CodeCheckResult.FormatOnly
            : _taxonomy.Table.IndexOf(key) >= 0 ? CodeCheckResult.Valid
            : CodeCheckResult.UnknownCode;
    }

    /// <summary>A CMS place of service code (two digits), effective on the date of service.</summary>
    public CodeCheckResult CheckPlaceOfService(ReadOnlySpan<byte> code, DateOnly dateOfService)
    {
        if (code.Length != 2 || !IsDigit(code[0]) || !IsDigit(code[1]) || !CodeKey.TryPack(code, out var key))
        {
            return CodeCheckResult.InvalidFormat;
        }

        return Dated(_placeOfService, key, dateOfService);
    }

    /// <summary>A US state, district, territory or military post code (N402).</summary>
    public CodeCheckResult CheckStateCode(ReadOnlySpan<byte> code)
    {
        if (code.Length != 2 || !IsUpper(code[0]) || !IsUpper(code[1]) || !CodeKey.TryPack(code, out var key))
        {
            return CodeCheckResult.InvalidFormat;
        }

        return _usStates.Table.IndexOf(key) >= 0 ? CodeCheckResult.Valid : CodeCheckResult.UnknownCode;
    }

    /// <summary>A claim frequency type code (CLM05-3) allowed on <paramref name="form"/>: 1, 7, 8 on 837P/837D; the NUBC digits on 837I.</summary>
    public CodeCheckResult CheckClaimFrequency(ReadOnlySpan<byte> code, ClaimForm form)
    {
        if (code.Length != 1 || !CodeKey.TryPack(code, out var key))
        {
            return CodeCheckResult.InvalidFormat;
        }

        var index = _claimFrequency.Table.IndexOf(key);
        var bit = form switch
        {
            ClaimForm.Professional => BuiltInCodeLists.Professional,
            ClaimForm.Institutional => BuiltInCodeLists.Institutional,
            _ => BuiltInCodeLists.Dental,
        };
        return index >= 0 && (_claimFrequency.Table.FlagsAt(index) & bit) != 0 ? CodeCheckResult.Valid : CodeCheckResult.UnknownCode;
    }

    private CompiledCodeSet? Icd10CmFor(int day)
    {
        var sets = _icd10Cm;
        for (var i = sets.Length - 1; i >= 0; i--)
        {
            if (sets[i].CoversDay(day))
            {
                return sets[i];
            }
        }

        return null;
    }

    private static CodeCheckResult Dated(CompiledCodeSet? set, ulong key, DateOnly dateOfService)
    {
        if (set is null)
        {
            return CodeCheckResult.FormatOnly;
        }

        var index = set.Table.IndexOf(key);
        return index < 0 ? CodeCheckResult.UnknownCode
            : set.Table.IsEffective(index, dateOfService.DayNumber) ? CodeCheckResult.Valid
            : CodeCheckResult.NotEffectiveOnDate;
    }

    private static CompiledCodeSet? Latest(List<CompiledCodeSet> sets, CodeSetKind kind) =>
        sets.Where(s => s.Info.Kind == kind).MaxBy(s => s.Info.CompiledAt);

    /// <summary>Three to seven characters: a letter, a digit, then letters or digits (A00, E11A, S72001A).</summary>
    private static bool IsIcd10CmShape(ReadOnlySpan<byte> code) =>
        code.Length is >= 3 and <= 7 && IsUpper(code[0]) && IsDigit(code[1]);

    private static bool IsHcpcsShape(ReadOnlySpan<byte> code) =>
        code.Length == 5 && IsUpper(code[0]) && IsDigit(code[1]) && IsDigit(code[2]) && IsDigit(code[3]) && IsDigit(code[4]);

    private static bool IsCptShape(ReadOnlySpan<byte> code) =>
        code.Length == 5 && IsDigit(code[0]) && IsDigit(code[1]) && IsDigit(code[2]) && IsDigit(code[3])
        && (IsDigit(code[4]) || code[4] is (byte)'F' or (byte)'T' or (byte)'U');

    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    private static bool IsUpper(byte c) => (uint)(c - 'A') <= 25;
}
