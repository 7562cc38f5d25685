using Microsoft.EntityFrameworkCore;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Forwarding;
using SubmissionGateway.Persistence;
using SubmissionGateway.ProvingGrounds.Harness;

namespace SubmissionGateway.ProvingGrounds.PayerFaults;

/// <summary>
/// One gateway process (SQLite) shared by the payer-fault scenarios, which run one after another and each set
/// how the payer misbehaves. Starting the process once keeps the suite inside its CI budget.
/// </summary>
public sealed class PayerFaultGateway : IAsyncLifetime
{
    private readonly List<AnsweredSubmission> _answered = [];
    private GatewayUnderTest? _gateway;
    private HttpClient? _client;
    private int _next = 500_000;

    internal GatewayUnderTest Gateway => _gateway ?? throw new InvalidOperationException("Not started.");

    internal IReadOnlyList<AnsweredSubmission> Answered
    {
        get
        {
            lock (_answered)
            {
                return [.. _answered];
            }
        }
    }

    public async ValueTask InitializeAsync()
    {
        _gateway = await GatewayUnderTest.StartAsync(DatabaseProvider.Sqlite, PortBlock.At(2), null, TestContext.Current.CancellationToken);
        _client = _gateway.Process.Client(_gateway.Token("submitter", Repository.SampleSubmitter));
    }

    /// <summary>Posts <paramref name="count"/> new 837s (each must be answered 2xx) and returns the outbox items they queued.</summary>
    internal async Task<IReadOnlyList<OutboxItem>> SubmitAsync(int count, CancellationToken cancellationToken)
    {
        var driver = new SubmissionDriver();
        for (var i = 0; i < count; i++)
        {
            await driver.SubmitAsync(_client!, Interlocked.Increment(ref _next), cancellationToken);
        }

        if (driver.Refused.Count > 0 || driver.Unanswered.Count > 0 || driver.Answered.Count != count)
        {
            throw new InvalidOperationException($"The gateway did not answer every submission: {string.Join("; ", driver.Refused)}");
        }

        lock (_answered)
        {
            _answered.AddRange(driver.Answered);
        }

        var ids = driver.Answered.Select(a => a.SubmissionId).ToList();
        await using var db = Gateway.Database.Factory.CreateDbContext();
        var sequences = await db.DisclosureEntries.AsNoTracking()
            .Where(e => e.Kind == DisclosureEntryKind.Disclosure && ids.Contains(e.SubmissionId)).Select(e => e.Sequence).ToListAsync(cancellationToken);
        return await db.OutboxItems.AsNoTracking().Where(i => sequences.Contains(i.DisclosureSequence)).ToListAsync(cancellationToken);
    }

    /// <summary>Waits until the given items are no longer pending and returns them as they ended.</summary>
    internal async Task<IReadOnlyList<OutboxItem>> SettledAsync(IReadOnlyList<OutboxItem> items, TimeSpan within, CancellationToken cancellationToken)
    {
        var ids = items.Select(i => i.Id).ToList();
        var deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            await using var db = Gateway.Database.Factory.CreateDbContext();
            var now = await db.OutboxItems.AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync(cancellationToken);
            if (now.All(i => i.Status != OutboxStatus.Pending) || DateTimeOffset.UtcNow > deadline)
            {
                return now;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>The ledger's outcome entries for the given items' disclosures.</summary>
    internal async Task<IReadOnlyList<DisclosureEntry>> OutcomesAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken)
    {
        var sequences = items.Select(i => (long?)i.DisclosureSequence).ToList();
        await using var db = Gateway.Database.Factory.CreateDbContext();
        return await db.DisclosureEntries.AsNoTracking()
            .Where(e => e.Kind == DisclosureEntryKind.DeliveryOutcome && sequences.Contains(e.RefersToSequence)).ToListAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }
}
