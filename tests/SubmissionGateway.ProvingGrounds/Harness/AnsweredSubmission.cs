namespace SubmissionGateway.ProvingGrounds.Harness;

/// <summary>A submission the gateway answered 2xx: the gateway owes it to the payer from then on.</summary>
internal sealed record AnsweredSubmission(string IdempotencyKey, int Number, string SubmissionId);
