namespace SubmissionGateway.X12.Validation;

/// <summary>Collects a transaction set's findings, up to a limit so a hostile file cannot exhaust memory.</summary>
internal sealed class FindingSink(List<X12Finding> findings, int limit)
{
    public bool Truncated { get; private set; }

    public int Count => findings.Count;

    /// <summary>Every finding reported, kept or not (past the limit they are counted, not kept).</summary>
    public int Reported { get; private set; }

    public void Segment(in FindingContext context, SnipLevel snip, string code, string message) =>
        Add(new X12Finding
        {
            Snip = snip,
            Scope = FindingScope.TransactionSet,
            Message = message,
            SegmentId = context.SegmentId,
            SegmentPosition = context.SegmentPosition,
            Offset = context.Offset,
            LoopId = context.LoopId,
            ClaimId = context.ClaimId,
            SegmentErrorCode = code,
        });

    public void Element(in FindingContext context, SnipLevel snip, int element, int component, int repetition, string? dataElement,
        string? reference, string code, string? badValue, string message) =>
        Add(new X12Finding
        {
            Snip = snip,
            Scope = FindingScope.TransactionSet,
            Message = message,
            SegmentId = context.SegmentId,
            SegmentPosition = context.SegmentPosition,
            Offset = context.Offset,
            LoopId = context.LoopId,
            ClaimId = context.ClaimId,
            SegmentErrorCode = "8",
            ElementPosition = element,
            ComponentPosition = component,
            RepetitionPosition = repetition,
            DataElementReference = dataElement,
            ElementReference = reference,
            ElementErrorCode = code,
            BadValue = badValue is { Length: > 99 } ? badValue[..99] : badValue,
        });

    public void Envelope(in FindingContext context, string code, string message) =>
        Add(new X12Finding
        {
            Snip = SnipLevel.Syntax,
            Scope = FindingScope.TransactionSet,
            Message = message,
            SegmentId = context.SegmentId,
            SegmentPosition = context.SegmentPosition,
            Offset = context.Offset,
            EnvelopeErrorCode = code,
        });

    private void Add(X12Finding finding)
    {
        Reported++;
        if (findings.Count >= limit)
        {
            Truncated = true;
            return;
        }

        findings.Add(finding);
    }
}
