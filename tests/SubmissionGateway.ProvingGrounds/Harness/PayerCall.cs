namespace SubmissionGateway.ProvingGrounds.Harness;

/// <summary>One POST as the payer saw it: which key, which bytes, the how-manieth for that key, what it answered.</summary>
internal sealed record PayerCall(string IdempotencyKey, string PayloadSha256, int PayloadBytes, int Attempt, DateTimeOffset At, PayerAnswer Answer);
