namespace SubmissionGateway.X12.Validation;

/// <summary>WEDI Strategic National Implementation Process (SNIP) testing types.</summary>
public enum SnipLevel
{
    /// <summary>EDI syntax integrity: envelopes, segment and element syntax, X12 syntax notes.</summary>
    Syntax = 1,
    /// <summary>HIPAA syntactical requirements: the implementation guide's usage, codes, repeats.</summary>
    Implementation = 2,
    /// <summary>Balancing of amounts and counts.</summary>
    Balancing = 3,
    /// <summary>Situational rules between segments and elements.</summary>
    Situational = 4,
    /// <summary>External code sets.</summary>
    CodeSets = 5,
}
