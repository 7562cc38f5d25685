using System.Diagnostics;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Disclosures;

/// <summary>
/// One caller's append waiting for a ledger transaction: its drafts, the rows it adds beside them (given the
/// transaction's context) and where its answer goes. <see cref="Work"/> may run more than once (a shared batch that
/// failed is retried one append at a time), so it must only add rows, never act outside the transaction.
/// </summary>
internal sealed class PendingAppend(
    IReadOnlyList<DisclosureEntry> drafts,
    Func<GatewayDbContext, IReadOnlyList<DisclosureEntry>, CancellationToken, Task<bool>>? work)
{
    private readonly TaskCompletionSource<IReadOnlyList<DisclosureEntry>> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<DisclosureEntry> Drafts { get; } = drafts;

    public Func<GatewayDbContext, IReadOnlyList<DisclosureEntry>, CancellationToken, Task<bool>>? Work { get; } = work;

    /// <summary>The caller's trace span, so the transaction that carries this append can name it (parent or link).</summary>
    public ActivityContext Caller { get; } = Activity.Current?.Context ?? default;

    /// <summary>The entries as committed, or none when <see cref="Work"/> declined.</summary>
    public Task<IReadOnlyList<DisclosureEntry>> Answer => _answer.Task;

    public void Committed(IReadOnlyList<DisclosureEntry> entries) => _answer.TrySetResult(entries);

    public void Failed(Exception error) => _answer.TrySetException(error);
}
