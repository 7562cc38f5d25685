namespace SubmissionGateway.Redaction;

public enum LogRedactorKind
{
    /// <summary>A keyed digest: correlatable, not reversible.</summary>
    Hmac,

    /// <summary>Nothing at all is written in place of the value.</summary>
    Erasing,
}
