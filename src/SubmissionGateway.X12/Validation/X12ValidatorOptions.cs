using SubmissionGateway.X12.Reading;

namespace SubmissionGateway.X12.Validation;

/// <summary>Options for <see cref="X12Validator"/>.</summary>
public sealed class X12ValidatorOptions
{
    public static X12ValidatorOptions Default { get; } = new();

    /// <summary>Reader limits.</summary>
    public X12ReaderOptions Reader { get; init; } = X12ReaderOptions.Default;

    /// <summary>At most this many findings are kept per transaction set (the 999 stays readable; memory stays bounded).</summary>
    public int MaxFindingsPerTransaction { get; init; } = 1000;

    /// <summary>Called with each BIN/BDS payload as it streams past (e.g. to store it encrypted). The stream must
    /// be read forward only; whatever is not read is skipped. The payload's SHA-256 is computed either way.</summary>
    public Action<BinaryPayload, Stream>? BinaryPayloadSink { get; init; }
}
