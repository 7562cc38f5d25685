namespace SubmissionGateway.Persistence;

/// <summary>
/// A writer's turn at a SQLite database (see <see cref="SqliteWriteGate"/>); a turn that was never needed (PostgreSQL,
/// which keeps its own row locks and real concurrency) holds nothing. Ending it twice ends it once.
/// </summary>
public sealed class WriteTurn : IAsyncDisposable, IDisposable
{
    /// <summary>A turn that holds nothing.</summary>
    public static readonly WriteTurn None = new(null);

    private SemaphoreSlim? _turn;

    internal WriteTurn(SemaphoreSlim? turn)
    {
        _turn = turn;
    }

    public void Dispose() => Interlocked.Exchange(ref _turn, null)?.Release();

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
