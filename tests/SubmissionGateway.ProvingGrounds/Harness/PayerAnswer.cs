namespace SubmissionGateway.ProvingGrounds.Harness;

/// <summary>What the payer stand-in answers, after an optional delay.</summary>
internal sealed record PayerAnswer(int Status, TimeSpan Delay = default, int? RetryAfterSeconds = null)
{
    public static PayerAnswer Accept { get; } = new(200);

    public static PayerAnswer ServerError { get; } = new(500);
}
