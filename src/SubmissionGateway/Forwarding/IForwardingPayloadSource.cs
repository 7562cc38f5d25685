namespace SubmissionGateway.Forwarding;

/// <summary>
/// Gives the worker the bytes to send for an outbox item. The attachment stores implement it (they decrypt); the
/// outbox keeps only the reference, so no payload sits in the database.
/// </summary>
public interface IForwardingPayloadSource
{
    Task<byte[]> ReadAsync(string payloadReference, CancellationToken cancellationToken);
}
