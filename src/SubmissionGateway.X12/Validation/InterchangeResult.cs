namespace SubmissionGateway.X12.Validation;

/// <summary>The verdict on one ISA…IEA interchange.</summary>
public sealed class InterchangeResult
{
    internal InterchangeResult(long offset) => Offset = offset;

    public long Offset { get; }

    /// <summary>ISA13.</summary>
    public string ControlNumber { get; internal set; } = string.Empty;

    public string SenderQualifier { get; internal set; } = string.Empty;

    /// <summary>ISA06, trimmed.</summary>
    public string SenderId { get; internal set; } = string.Empty;

    public string ReceiverQualifier { get; internal set; } = string.Empty;

    /// <summary>ISA08, trimmed.</summary>
    public string ReceiverId { get; internal set; } = string.Empty;

    /// <summary>ISA09 as written (YYMMDD).</summary>
    public string Date { get; internal set; } = string.Empty;

    /// <summary>ISA10 as written (HHMM).</summary>
    public string Time { get; internal set; } = string.Empty;

    /// <summary>ISA12.</summary>
    public string Version { get; internal set; } = string.Empty;

    /// <summary>ISA14 = 1: the sender asked for a TA1.</summary>
    public bool AcknowledgmentRequested { get; internal set; }

    /// <summary>ISA15: P production, T test.</summary>
    public char UsageIndicator { get; internal set; } = 'P';

    public Reading.X12Delimiters Delimiters { get; internal set; }

    /// <summary>True when the interchange itself carries a TA1 (an acknowledgment interchange).</summary>
    public bool HasTa1 { get; internal set; }

    /// <summary>Interchange-level findings (TA1).</summary>
    public List<X12Finding> Findings { get; } = [];

    public List<FunctionalGroupResult> Groups { get; } = [];

    /// <summary>The TA1 note code (TA105): 000 when there is no interchange error.</summary>
    public string NoteCode => Findings.FirstOrDefault()?.EnvelopeErrorCode ?? "000";

    /// <summary>True when the interchange envelope itself is acceptable.</summary>
    public bool EnvelopeAccepted => Findings.Count == 0;

    /// <summary>
    /// Whether the acknowledgments leave <paramref name="group"/>'s claims open to acceptance: the TA1 does not reject the
    /// interchange and the 999 does not reject the group itself (AK9 R for a group finding, such as a missing GE). Only
    /// there is a claim accepted for processing, and then by its own edits: the 277CA and the gateway's routing both ask this.
    /// </summary>
    public bool AcceptsClaimsOf(FunctionalGroupResult group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return EnvelopeAccepted && group.Findings.Count == 0;
    }

    /// <summary>A TA1 is due when the sender asked for one or the envelope has errors.</summary>
    public bool NeedsTa1 => AcknowledgmentRequested || Findings.Count > 0;
}
