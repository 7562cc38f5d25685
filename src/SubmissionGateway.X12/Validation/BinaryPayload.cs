namespace SubmissionGateway.X12.Validation;

/// <summary>Where a binary payload sits: which transaction set, which segment, how long.</summary>
/// <param name="TransactionControlNumber">ST02 of the transaction set.</param>
/// <param name="SegmentPosition">Position of the BIN/BDS segment in its transaction set.</param>
/// <param name="DocumentNumber">LX01 of the attachment document, when inside one.</param>
/// <param name="Length">Declared payload length.</param>
public readonly record struct BinaryPayload(string TransactionControlNumber, int SegmentPosition, int DocumentNumber, long Length);
