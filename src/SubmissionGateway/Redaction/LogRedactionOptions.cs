namespace SubmissionGateway.Redaction;

/// <summary>Configuration section <c>LogRedaction</c>: how PHI-classified log parameters are redacted.</summary>
public sealed class LogRedactionOptions
{
    public const string SectionName = "LogRedaction";

    public LogRedactorKind Redactor { get; set; } = LogRedactorKind.Hmac;

    /// <summary>
    /// Base64 key (at least 44 characters) for <see cref="LogRedactorKind.Hmac"/>; the embedded default generates one
    /// in the data folder. The same value under the same key gives the same digest, so log lines about one patient can
    /// be correlated without showing who it is.
    /// </summary>
    public string? HmacKey { get; set; }

    /// <summary>Written before each digest so a rotated key is recognised.</summary>
    public int HmacKeyId { get; set; } = 1;
}
