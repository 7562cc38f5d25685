namespace SubmissionGateway.Forwarding;

/// <summary>
/// Gives the worker the bytes to send for an outbox item. The attachment stores implement it (they decrypt); the
/// outbox keeps only the reference, so no payload sits in the database.
/// </summary>
public interface IForwardingPayloadSource
{
    Task<byte[]> ReadAsync(string payloadReference, CancellationToken cancellationToken);

    /// <summary>
    /// The payloads of a batch that can be read together, by reference, before their sends. A reference missing from
    /// the answer (kept elsewhere, unreadable) is read alone through <see cref="ReadAsync"/>, which says what is wrong.
    /// </summary>
    Task<IReadOnlyDictionary<string, byte[]>> ReadTogetherAsync(IReadOnlyCollection<string> payloadReferences, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, byte[]>>(new Dictionary<string, byte[]>());
}
