namespace SubmissionGateway.X12.Guides;

/// <summary>The X12 syntax notes that relate elements of one segment.</summary>
public enum SyntaxRuleKind
{
    /// <summary>P: if any is present, all are present.</summary>
    Paired,
    /// <summary>R: at least one is present.</summary>
    RequiredOneOf,
    /// <summary>E: at most one is present.</summary>
    Exclusion,
    /// <summary>C: if the first is present, all the others are present.</summary>
    Conditional,
    /// <summary>L: if the first is present, at least one of the others is present.</summary>
    ListConditional,
}
