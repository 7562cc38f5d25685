using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SubmissionGateway.AttachmentRequests;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Forwarding;
using SubmissionGateway.Intake;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.ProvingGrounds.Harness;

/// <summary>
/// What must hold whatever happened to the process or the payer, checked against the gateway's own database (read
/// with its EF context) and the payer stand-in's record of what reached it.
/// </summary>
internal static class GatewayInvariants
{
    /// <summary>Waits until no outbox item is pending; returns how many still are when the time is up.</summary>
    public static async Task<int> WaitForDrainAsync(GatewayDbContextFactory databases, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            await using var db = databases.CreateDbContext();
            var pending = await db.OutboxItems.CountAsync(i => i.Status == OutboxStatus.Pending, cancellationToken);
            if (pending == 0 || DateTimeOffset.UtcNow > deadline)
            {
                return pending;
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Every invariant; an empty <see cref="InvariantReport.Violations"/> means all hold.</summary>
    public static async Task<InvariantReport> CheckAsync(
        GatewayDbContextFactory databases, PayerStandIn payer, IReadOnlyCollection<AnsweredSubmission> answered, bool expectAllDelivered,
        CancellationToken cancellationToken, IReadOnlyCollection<string>? submittedRequests = null)
    {
        ArgumentNullException.ThrowIfNull(payer);
        ArgumentNullException.ThrowIfNull(answered);
        var violations = new List<string>();
        await using var db = databases.CreateDbContext();
        // Read in causal order (the payer's record, then the outbox, then the ledger) so a gateway still at work
        // cannot make a consistent state look broken: a call precedes its item's close, which commits with its outcome.
        var calls = payer.Calls;
        var accepted = payer.Accepted;
        var submissions = (await db.Set<Submission>().AsNoTracking().Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var requestsSubmitted = await db.AttachmentRequests.AsNoTracking().Where(r => r.State == AttachmentRequestState.Submitted)
            .Select(r => r.Id).ToListAsync(cancellationToken);
        var items = await db.OutboxItems.AsNoTracking().ToListAsync(cancellationToken);
        var entries = await db.DisclosureEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var disclosures = entries.Where(e => e.Kind == DisclosureEntryKind.Disclosure).ToDictionary(e => e.Sequence);
        var outcomes = entries.Where(e => e.Kind == DisclosureEntryKind.DeliveryOutcome).ToList();
        var itemsByKey = items.ToDictionary(i => i.IdempotencyKey, StringComparer.Ordinal);

        // 1. Every submission answered 2xx is still there, and its disclosure was recorded once.
        foreach (var submission in answered)
        {
            if (!submissions.Contains(submission.SubmissionId))
            {
                violations.Add($"Lost: submission {submission.SubmissionId} ({submission.IdempotencyKey}) was answered 2xx but is not in the database.");
                continue;
            }

            var recorded = disclosures.Values.Count(d => d.SubmissionId == submission.SubmissionId);
            if (recorded != 1)
            {
                violations.Add($"Submission {submission.SubmissionId} has {recorded} disclosure entries (one payer, one patient: expected 1).");
            }
        }

        // 1b. Every attachment request the gateway called submitted (answer or state) has its 275 recorded, once.
        foreach (var request in requestsSubmitted.Union(submittedRequests ?? [], StringComparer.Ordinal))
        {
            var recorded = disclosures.Values.Count(d => d.SubmissionId == request && d.TransactionType == "275");
            if (recorded != 1)
            {
                violations.Add($"Attachment request {request} is submitted but has {recorded} recorded 275 disclosures (expected 1).");
            }
        }

        // 2. Nothing reached the payer without a committed ledger entry, and what reached it is what the entry describes.
        foreach (var call in calls)
        {
            if (!itemsByKey.TryGetValue(call.IdempotencyKey, out var item))
            {
                violations.Add($"Forward without record: the payer received key '{call.IdempotencyKey}', which no outbox item carries.");
            }
            else if (!disclosures.TryGetValue(item.DisclosureSequence, out var disclosure) || disclosure.PayerId != item.PayerId)
            {
                violations.Add($"Forward without record: key '{call.IdempotencyKey}' names ledger entry {item.DisclosureSequence}, which is not a committed disclosure to {item.PayerId}.");
            }
            else if (call.PayloadSha256 != item.PayloadSha256)
            {
                violations.Add($"Key '{call.IdempotencyKey}' carried bytes (sha256 {call.PayloadSha256}) other than those the ledger describes ({item.PayloadSha256}).");
            }
        }

        // 3. No ledger entry claims a delivery that did not happen; at most one outcome per disclosure.
        var itemsBySequence = items.ToLookup(i => i.DisclosureSequence);
        foreach (var outcome in outcomes)
        {
            if (outcome.RefersToSequence is not { } sequence || !disclosures.ContainsKey(sequence))
            {
                violations.Add($"Outcome entry {outcome.Sequence} refers to no disclosure.");
                continue;
            }

            var item = itemsBySequence[sequence].FirstOrDefault();
            if (outcome.Outcome == nameof(DeliveryOutcome.Delivered) && (item is null || !accepted.Contains(item.IdempotencyKey)))
            {
                violations.Add($"Outcome entry {outcome.Sequence} says disclosure {sequence} was delivered, but the payer never accepted its key.");
            }
        }

        foreach (var repeated in outcomes.GroupBy(o => o.RefersToSequence).Where(g => g.Count() > 1))
        {
            violations.Add($"Disclosure {repeated.Key} has {repeated.Count()} outcome entries (expected one).");
        }

        // 4. Every queued delivery was made, under its one idempotency key, and recorded.
        if (expectAllDelivered)
        {
            var outcomeFor = outcomes.Where(o => o.RefersToSequence is not null).ToLookup(o => o.RefersToSequence!.Value);
            foreach (var item in items)
            {
                if (item.Status != OutboxStatus.Delivered)
                {
                    violations.Add($"Outbox item {item.Id} ({item.IdempotencyKey}) ended {item.Status}: {item.LastError}");
                }
                else if (!accepted.Contains(item.IdempotencyKey))
                {
                    violations.Add($"Outbox item {item.Id} ({item.IdempotencyKey}) is marked delivered but the payer never accepted it.");
                }
                else if (!outcomeFor[item.DisclosureSequence].Any(o => o.Outcome == nameof(DeliveryOutcome.Delivered)))
                {
                    violations.Add($"Outbox item {item.Id} was delivered but the ledger has no Delivered outcome for entry {item.DisclosureSequence}.");
                }
            }
        }

        var perKey = calls.GroupBy(c => c.IdempotencyKey).ToList();
        return new InvariantReport(
            violations,
            Submissions: submissions.Count,
            AttachmentRequestsSubmitted: requestsSubmitted.Count,
            LedgerEntries: entries.Count,
            OutboxItems: items.Count,
            Delivered: items.Count(i => i.Status == OutboxStatus.Delivered),
            PayerCalls: calls.Count,
            DistinctKeysAccepted: accepted.Count,
            KeysAcceptedMoreThanOnce: perKey.Count(g => g.Count(c => c.Answer.Status is >= 200 and < 300) > 1));
    }
}
