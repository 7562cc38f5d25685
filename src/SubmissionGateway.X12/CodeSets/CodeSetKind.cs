namespace SubmissionGateway.X12.CodeSets;

/// <summary>The external code sets the gateway knows how to hold.</summary>
public enum CodeSetKind : byte
{
    /// <summary>ICD-10-CM diagnoses, one set per fiscal year (1 October – 30 September).</summary>
    Icd10Cm = 1,

    /// <summary>HCPCS Level II procedure codes and Level II modifiers, each with add and termination dates.</summary>
    Hcpcs = 2,

    /// <summary>A licensed CPT code list (AMA); without one, CPT is checked by format only.</summary>
    Cpt = 3,

    /// <summary>NUCC Health Care Provider Taxonomy.</summary>
    NuccTaxonomy = 4,

    /// <summary>CMS place of service codes (built in).</summary>
    PlaceOfService = 5,

    /// <summary>US state, territory and military post codes (built in).</summary>
    UsState = 6,

    /// <summary>Claim frequency codes, CLM05-3 (built in).</summary>
    ClaimFrequency = 7,

    /// <summary>CPT (AMA) modifiers (built in, code values only).</summary>
    CptModifier = 8,
}
