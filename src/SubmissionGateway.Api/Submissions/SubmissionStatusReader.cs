using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SubmissionGateway.Claims;
using SubmissionGateway.Intake;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.PhiFields;

namespace SubmissionGateway.Api.Submissions;

/// <summary>Reads a stored submission back for the submitter that posted it, with each claim's current delivery status.</summary>
public sealed class SubmissionStatusReader(IDbContextFactory<GatewayDbContext> databases, PhiFieldProtector protector, ClaimIndex claims)
{
    private static readonly JsonSerializerOptions ResultJson = new(JsonSerializerDefaults.Web);

    /// <summary>The answer as first given (POST), with each forwarded claim's initial status.</summary>
    public static SubmissionResponse Describe(SubmissionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return ToResponse(result, result.Claims.Select(c => Initial(c)?.ToString()).ToList());
    }

    /// <summary>Null when there is no such submission or another submitter posted it: the caller cannot tell which.</summary>
    public async Task<SubmissionResponse?> FindAsync(string submissionId, string submitterId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var submission = await db.Set<Submission>().AsNoTracking()
            .SingleOrDefaultAsync(s => s.Id == submissionId && s.SubmitterId == submitterId, cancellationToken).ConfigureAwait(false);
        if (submission is null)
        {
            return null;
        }

        var result = JsonSerializer.Deserialize<SubmissionResult>(protector.Unprotect(submission.ResultCiphertext, SubmissionIntake.ResultPurpose), ResultJson)
            ?? throw new InvalidOperationException($"Submission {submission.Id} has no stored answer.");
        var indexed = await db.Set<IndexedClaim>().AsNoTracking().Where(c => c.SubmissionId == submissionId).OrderBy(c => c.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var statuses = new List<string?>(result.Claims.Count);
        foreach (var outcome in result.Claims)
        {
            // The index holds accepted claims only, in claim order; take each match once (CLM01 may repeat).
            var row = indexed.FirstOrDefault(c => c.ClaimId == outcome.ClaimId);
            if (row is null)
            {
                statuses.Add(Initial(outcome)?.ToString());
                continue;
            }

            indexed.Remove(row);
            statuses.Add((await claims.DeliveryStatusAsync(row, cancellationToken).ConfigureAwait(false)).ToString());
        }

        return ToResponse(result with { Replayed = false }, statuses);
    }

    private static ClaimDeliveryStatus? Initial(ClaimOutcome claim) =>
        !claim.Accepted ? null : claim.Forwarded ? ClaimDeliveryStatus.Queued : ClaimDeliveryStatus.NoPayerRoute;

    private static SubmissionResponse ToResponse(SubmissionResult result, IReadOnlyList<string?> statuses) => new(
        result.SubmissionId,
        result.InterchangeControlNumber,
        result.ReceivedAt,
        result.Replayed,
        [.. result.Claims.Select((c, i) => new ClaimStatus(c.ClaimId, c.PayerId, c.Accepted, c.Reasons, c.Forwarded, statuses[i]))],
        Encoding.UTF8.GetString(result.Acknowledgment),
        Encoding.UTF8.GetString(result.ClaimAcknowledgment));
}
