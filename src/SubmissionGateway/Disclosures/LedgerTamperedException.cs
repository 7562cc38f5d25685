namespace SubmissionGateway.Disclosures;

/// <summary>The ledger failed verification; <see cref="Result"/> names the first bad entry.</summary>
public sealed class LedgerTamperedException : Exception
{
    public LedgerTamperedException()
    {
    }

    public LedgerTamperedException(LedgerVerificationResult result)
        : base(result?.Problem)
    {
        Result = result;
    }

    public LedgerTamperedException(string message)
        : base(message)
    {
    }

    public LedgerTamperedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LedgerVerificationResult? Result { get; }
}
