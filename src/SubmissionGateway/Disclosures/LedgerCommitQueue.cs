using System.Threading.Channels;

namespace SubmissionGateway.Disclosures;

/// <summary>
/// Group commit for the ledger. Appends that arrive while a transaction is being written wait for it and then go
/// together in the next one, each with its own rows: concurrent submissions share one write turn, one transaction and
/// one disk sync instead of taking one each. Nobody waits for a batch to fill: a lone append is written at once.
/// </summary>
internal sealed class LedgerCommitQueue(Func<IReadOnlyList<PendingAppend>, Task> commit, int maxBatch)
{
    private readonly Channel<PendingAppend> _pending = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private int _draining;

    /// <summary>Queues <paramref name="append"/>; its <see cref="PendingAppend.Answer"/> completes when it is committed or has failed.</summary>
    public void Enqueue(PendingAppend append)
    {
        if (!_pending.Writer.TryWrite(append))
        {
            throw new InvalidOperationException("The ledger's commit queue is closed.");
        }

        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            // The first caller to find nobody draining starts the drain; it runs until the queue is empty. Not in that
            // caller's execution context: the drain serves everyone's appends, so it carries nobody's ambient state.
            ThreadPool.UnsafeQueueUserWorkItem(static queue => _ = queue.DrainAsync(), this, preferLocal: false);
        }
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            var batch = new List<PendingAppend>();
            while (batch.Count < maxBatch && _pending.Reader.TryRead(out var append))
            {
                batch.Add(append);
            }

            if (batch.Count == 0)
            {
                Volatile.Write(ref _draining, 0);
                // An append queued between the empty read and the reset found the drain still running: pick it up.
                if (!_pending.Reader.TryPeek(out _) || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
                {
                    return;
                }

                continue;
            }

            try
            {
                await commit(batch).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The commit answers each append itself; anything escaping it still answers them, never stops the drain.
            catch (Exception e)
#pragma warning restore CA1031
            {
                foreach (var append in batch)
                {
                    append.Failed(e);
                }
            }
        }
    }
}
