namespace SubmissionGateway.Intake;

/// <summary>The envelope of one payer's interchange: receiver id, our ISA13, the first GS06 (one per source group), date.</summary>
internal sealed record PayerEnvelope(string ReceiverId, long InterchangeNumber, long FirstGroupNumber, DateTimeOffset Created);
