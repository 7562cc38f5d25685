namespace SubmissionGateway.Limits;

/// <summary>
/// A request refused because of what the client sent (not a fault of the gateway). Its message is written for the
/// caller and names no patient; <see cref="Slug"/> becomes the problem type <c>/problems/{slug}</c>. Derives from
/// <see cref="ArgumentException"/> because the refused thing is an argument the caller chose.
/// </summary>
public sealed class RequestRefusedException : ArgumentException
{
    public const string DefaultSlug = "bad-request";

    public RequestRefusedException()
    {
    }

    public RequestRefusedException(string message)
        : base(message)
    {
    }

    public RequestRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RequestRefusedException(string slug, string message, string? paramName = null)
        : base(message, paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(slug);
        Slug = slug;
    }

    public string Slug { get; } = DefaultSlug;

    /// <summary>The message without the " (Parameter 'x')" suffix that <see cref="ArgumentException"/> appends.</summary>
    public string Detail => ParamName is null ? Message : Message.Replace($" (Parameter '{ParamName}')", "", StringComparison.Ordinal);
}
