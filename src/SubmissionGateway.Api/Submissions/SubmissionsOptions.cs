using System.ComponentModel.DataAnnotations;

namespace SubmissionGateway.Api.Submissions;

/// <summary>Configuration section <c>Submissions</c>.</summary>
public sealed class SubmissionsOptions
{
    public const string SectionName = "Submissions";

    /// <summary>The largest 837 body accepted on <c>POST /submissions</c>; larger ones get 413.</summary>
    [Range(1024, 1L << 32)]
    public long MaxBodyBytes { get; set; } = 100L * 1024 * 1024;
}
