using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.PhiFields;

namespace SubmissionGateway.Disclosures;

/// <summary>
/// The accounting of disclosures for one patient: found through the blind index (no clear text is searched),
/// streamed row by row so a large history never sits in memory. Outcomes and incidents are included, so the
/// patient sees what was sent, whether it arrived, and any misdirection.
/// </summary>
public sealed class DisclosureAccounting
{
    private readonly IDbContextFactory<GatewayDbContext> _databases;
    private readonly PatientBlindIndex _index;
    private readonly DisclosureLedger _ledger;

    public DisclosureAccounting(IDbContextFactory<GatewayDbContext> databases, PatientBlindIndex index, DisclosureLedger ledger)
    {
        _databases = databases ?? throw new ArgumentNullException(nameof(databases));
        _index = index ?? throw new ArgumentNullException(nameof(index));
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
    }

    public async IAsyncEnumerable<AccountingLine> StreamAsync(AccountingQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.To < query.From)
        {
            throw new ArgumentException("The accounting period ends before it starts.", nameof(query));
        }

        var index = _index.Compute(query.MemberId, query.BirthDate);
        var from = query.From.UtcDateTime;
        var to = query.To.UtcDateTime;
        await using var db = _databases.CreateDbContext();
        var rows = db.DisclosureEntries.AsNoTracking()
            .Where(e => e.PatientIndex == index && e.RecordedAt >= from && e.RecordedAt < to);
        if (query.Purpose is { } purpose)
        {
            rows = rows.Where(e => e.Purpose == purpose);
        }

        await foreach (var entry in rows.OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var patient = _ledger.RevealPatient(entry);
            yield return new AccountingLine(
                entry.Sequence,
                new DateTimeOffset(DateTime.SpecifyKind(entry.RecordedAt, DateTimeKind.Utc)),
                entry.Kind,
                entry.RefersToSequence,
                patient.Name,
                entry.RecipientName,
                entry.RecipientAddress,
                entry.PayerId,
                entry.TransactionType,
                entry.Description,
                entry.Purpose,
                entry.LegalBasis,
                entry.Actor,
                entry.SubmissionId,
                entry.Outcome,
                entry.Detail);
        }
    }
}
