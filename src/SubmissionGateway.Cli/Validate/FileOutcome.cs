using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.Cli.Validate;

/// <summary>What validating one file produced.</summary>
internal sealed record FileOutcome(string Path, ValidationReport? Report, int ExitCode, IReadOnlyList<string> Acknowledgments, string? Problem);
