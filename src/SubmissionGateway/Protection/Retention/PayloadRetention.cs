using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SubmissionGateway.Protection.Attachments;

namespace SubmissionGateway.Protection.Retention;

/// <summary>Retention over an <see cref="IAttachmentStore"/>, timed by <see cref="TimeProvider"/>.</summary>
public sealed partial class PayloadRetention(
    IAttachmentStore store, IOptions<ProtectionOptions> options, TimeProvider time, ILogger<PayloadRetention> logger) : IPayloadRetention
{
    public Task RecordDeliveryFinishedAsync(AttachmentId id, DateTimeOffset finishedAt, CancellationToken cancellationToken)
        => store.MarkDeliveryFinishedAsync(id, finishedAt, cancellationToken);

    public async Task<RetentionSweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddDays(-options.Value.RetentionDays);
        var examined = 0;
        var shredded = 0;
        var due = new List<AttachmentId>();
        await foreach (var item in store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            examined++;
            if (item.DeliveryFinishedAt is { } finished && finished < cutoff)
            {
                due.Add(item.Id);
            }
        }

        // Collected first, shredded after: deleting while a blob listing pages is not guaranteed stable.
        var failed = 0;
        foreach (var id in due)
        {
            try
            {
                if (await store.DeleteAsync(id, cancellationToken).ConfigureAwait(false))
                {
                    shredded++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Azure.RequestFailedException)
            {
                // One payload that cannot be shredded now must not keep the others past their retention.
                failed++;
                LogShredFailed(logger, id.Value, e);
            }
        }

        LogSwept(logger, examined, shredded, cutoff);
        return new RetentionSweepResult(cutoff, examined, shredded, failed);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention could not shred payload {AttachmentId}; the next sweep retries it.")]
    private static partial void LogShredFailed(ILogger logger, string attachmentId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep examined {Examined} payloads and shredded {Shredded} delivered before {Cutoff:O}.")]
    private static partial void LogSwept(ILogger logger, int examined, int shredded, DateTimeOffset cutoff);
}
