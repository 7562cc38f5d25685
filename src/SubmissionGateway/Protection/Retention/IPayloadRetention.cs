using SubmissionGateway.Protection.Attachments;

namespace SubmissionGateway.Protection.Retention;

/// <summary>
/// Retention of stored payloads. Forwarding reports when delivery of a payload finished; the sweep shreds
/// payloads whose delivery finished more than <see cref="ProtectionOptions.RetentionDays"/> days ago.
/// </summary>
public interface IPayloadRetention
{
    /// <summary>Starts the retention clock of a payload (call when its delivery reached a final outcome).</summary>
    Task RecordDeliveryFinishedAsync(AttachmentId id, DateTimeOffset finishedAt, CancellationToken cancellationToken);

    /// <summary>Shreds every payload past retention; payloads not yet delivered are kept.</summary>
    Task<RetentionSweepResult> SweepAsync(CancellationToken cancellationToken);
}
