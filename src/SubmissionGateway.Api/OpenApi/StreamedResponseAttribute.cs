namespace SubmissionGateway.Api.OpenApi;

/// <summary>
/// Describes a 200 body an action writes to the response stream itself (so API Explorer cannot see it): its media
/// types and what it holds. Documentation only.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StreamedResponseAttribute(string description, params string[] mediaTypes) : Attribute
{
    public string Description { get; } = description;

    public IReadOnlyList<string> MediaTypes { get; } = mediaTypes;
}
