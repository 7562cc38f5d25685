using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using SubmissionGateway.X12.Guides;
using SubmissionGateway.X12.Reading;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.X12.Claims;

/// <summary>
/// Builds 837 claim views and runs their edits on a second thread while the validator reads and checks SNIP 1–2 on
/// its own: placed segments go over in batches, in file order, to one worker, so every claim, finding and note comes
/// out exactly as the sequential path makes them. Every claim handed over belongs to the worker alone until
/// <see cref="Complete"/> returns: the validator sends its own findings about a claim through the lane too. A few batches circulate, so memory stays flat whatever the size.
/// The validator waits for the worker before it returns; a failure on either side stops both.
/// </summary>
internal sealed class ClaimLane : IDisposable
{
    private const int BatchCount = 4;

    private readonly BlockingCollection<SegmentBatch> _full = new(BatchCount);
    private readonly BlockingCollection<SegmentBatch> _empty = new(BatchCount);
    private readonly CancellationTokenSource _abort;
    private readonly Task _worker;
    private readonly CancellationToken _cancellationToken;
    private SegmentBatch _batch = new();
    private bool _completed;

    public ClaimLane(CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        for (var i = 1; i < BatchCount; i++)
        {
            _empty.Add(new SegmentBatch());
        }

        _worker = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>A transaction set begins: its segments go to this builder until <see cref="End"/>.</summary>
    public void Begin(ClaimViewBuilder builder)
    {
        while (!_batch.TryAddBegin(builder))
        {
            HandOver();
        }
    }

    public void Add(in X12Segment segment, int key, LoopDefinition loop, long offset, int position)
    {
        while (!_batch.TryAdd(segment, key, loop, offset, position))
        {
            HandOver();
        }
    }

    /// <summary>A finding of the validator's about the current claim: added to the claim's findings on the lane's thread,
    /// after everything handed over before it, so no two threads ever touch a claim.</summary>
    public void AddFinding(X12Finding finding)
    {
        while (!_batch.TryAddFinding(finding))
        {
            HandOver();
        }
    }

    /// <summary>The transaction set has ended: its last claim is complete, and its claims learn whether its syntax was accepted.</summary>
    public void End(bool syntaxAccepted)
    {
        while (!_batch.TryAddEnd(syntaxAccepted))
        {
            HandOver();
        }
    }

    /// <summary>Hands over what is left and waits until every claim is built and edited; rethrows the worker's failure.</summary>
    public void Complete()
    {
        if (_batch.Count > 0)
        {
            HandOver();
        }

        _completed = true;
        _full.CompleteAdding();
        _worker.GetAwaiter().GetResult();
    }

    /// <summary>Stops the worker (after a failure or cancellation on the validating side) and waits for it to end.</summary>
    public void Dispose()
    {
        if (!_completed)
        {
            _abort.Cancel();
            if (!_full.IsAddingCompleted)
            {
                _full.CompleteAdding();
            }

            try
            {
                _worker.Wait();
            }
            catch (AggregateException)
            {
                // The validating side is already failing with its own exception.
            }
        }

        _abort.Dispose();
        _full.Dispose();
        _empty.Dispose();
    }

    private void HandOver()
    {
        try
        {
            _full.Add(_batch, _abort.Token);
            _batch = _empty.Take(_abort.Token);
        }
        catch (OperationCanceledException)
        {
            // Either the caller cancelled or the worker failed and cancelled the lane: once it has ended, it tells which.
            try
            {
                _worker.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
            }

            if (_worker.Exception?.InnerException is { } failure)
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            _cancellationToken.ThrowIfCancellationRequested();
            throw;
        }
    }

    private void Work()
    {
        ClaimViewBuilder? builder = null;
        try
        {
            foreach (var batch in _full.GetConsumingEnumerable(_abort.Token))
            {
                var entries = batch.Entries;
                for (var i = 0; i < batch.Count; i++)
                {
                    ref readonly var entry = ref entries[i];
                    switch (entry.Kind)
                    {
                        case SegmentBatch.EntryKind.Segment:
                            builder!.OnSegment(batch.Segment(entry), entry.Key, builder.LoopAt(entry.LoopOrdinal), entry.Offset, entry.Position);
                            break;
                        case SegmentBatch.EntryKind.Begin:
                            builder = batch.BuilderOf(entry);
                            break;
                        case SegmentBatch.EntryKind.Finding:
                            builder!.AddFinding(batch.FindingOf(entry));
                            break;
                        default:
                            builder!.Finish(entry.Accepted);
                            builder = null;
                            break;
                    }
                }

                batch.Clear();
                _empty.Add(batch);
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Stopped by the validating side.
        }
        catch
        {
            _abort.Cancel();
            throw;
        }
    }
}
