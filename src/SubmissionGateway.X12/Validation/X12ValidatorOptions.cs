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

    /// <summary>Build the typed claim and attachment views and run the claim edits (SNIP 3 balancing, SNIP 4, SNIP 5).
    /// Off: a syntax check only (SNIP 1–2 and the HL hierarchy), for callers that need just a 999. Default on.</summary>
    public bool TypedViews { get; init; } = true;

    /// <summary>External code sets for SNIP 5; null leaves SNIP 5 out (SNIP 1–4 only).</summary>
    public CodeSets.CodeSetCatalog? CodeSets { get; init; }

    /// <summary>From this many bytes of input, 837 claim views are built and their edits run on a second thread while the
    /// first reads and checks SNIP 1–2; the report is the same either way (every claim is touched by that second thread
    /// alone until the validator returns). A stream that tells its length gets the lane from the start when it is at least
    /// this long; one that does not (a request body, a decrypting stream) gets it once this many bytes have been read.
    /// 0 always, <see cref="long.MaxValue"/> never; on one processor never. Default 1 MiB: below that the hand-over costs
    /// more than it saves.</summary>
    public long ParallelThresholdBytes { get; init; } = 1024 * 1024;

    /// <summary>The clock that says what "today" is for dates of service in the future.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Called with each BIN/BDS payload as it streams past (e.g. to store it encrypted). The stream must
    /// be read forward only; whatever is not read is skipped. The payload's SHA-256 is computed either way.</summary>
    public Action<BinaryPayload, Stream>? BinaryPayloadSink { get; init; }
}
