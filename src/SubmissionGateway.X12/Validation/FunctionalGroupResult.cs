namespace SubmissionGateway.X12.Validation;

/// <summary>The verdict on one GS…GE functional group.</summary>
public sealed class FunctionalGroupResult
{
    internal FunctionalGroupResult(string functionalId, string senderCode, string receiverCode, string controlNumber, string version)
    {
        FunctionalId = functionalId;
        SenderCode = senderCode;
        ReceiverCode = receiverCode;
        ControlNumber = controlNumber;
        Version = version;
    }

    /// <summary>GS01: HC, PI, FA…</summary>
    public string FunctionalId { get; }

    public string SenderCode { get; }

    public string ReceiverCode { get; }

    /// <summary>GS06.</summary>
    public string ControlNumber { get; }

    /// <summary>GS08.</summary>
    public string Version { get; }

    public List<X12Finding> Findings { get; } = [];

    public List<TransactionSetResult> Transactions { get; } = [];

    /// <summary>AK9-01: A accepted, P partially accepted, R rejected.</summary>
    public char AcknowledgmentCode
    {
        get
        {
            if (Findings.Count > 0 || Transactions.Count == 0)
            {
                return 'R';
            }

            var accepted = Transactions.Count(t => t.SyntaxAccepted);
            return accepted == Transactions.Count ? 'A' : accepted == 0 ? 'R' : 'P';
        }
    }
}
