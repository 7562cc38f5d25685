using System.Buffers;
using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Disclosures;

/// <summary>
/// Recomputes the ledger's Merkle tree from the entries themselves and checks every signed tree head against it.
/// An edited row no longer matches its leaf; a deleted row leaves a gap in the sequence or a head the ledger no
/// longer reaches; a reordered row hashes differently because its sequence is part of its bytes. A row whose
/// stored leaf hash was forged along with its content is caught by the first head that covers it.
/// Leaf hashes are computed in parallel batches (they are independent); the tree and the checks run in order,
/// so the first bad entry reported is the first in sequence.
/// </summary>
public sealed class LedgerVerifier
{
    private const int BatchSize = 8192;
    private const int RangeSize = 4 * BatchSize;
    private static readonly int RangesAhead = Math.Max(2, Environment.ProcessorCount);

    private readonly SignedTreeHead[] _heads;
    private readonly TreeHeadVerifier _key;

    public LedgerVerifier(IEnumerable<SignedTreeHead> heads, TreeHeadVerifier trustedKey)
    {
        ArgumentNullException.ThrowIfNull(heads);
        _heads = heads.OrderBy(h => h.TreeSize).ToArray();
        _key = trustedKey ?? throw new ArgumentNullException(nameof(trustedKey));
    }

    /// <summary>
    /// Verifies the ledger as stored, reading its rows straight into leaf inputs: no entity is materialized, which is
    /// most of what reading a million rows through EF costs. SQLite: ranges read side by side (see VerifySqliteAsync);
    /// PostgreSQL: one forward-only reader whose next batch is read while the previous one is hashed.
    /// </summary>
    public async Task<LedgerVerificationResult> VerifyStoredAsync(IDbContextFactory<GatewayDbContext> databases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(databases);
        var run = new Run(this);
        if (run.CheckSignatures() is { } badHead)
        {
            return badHead;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var pipeline = new BatchPipeline(run);
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            return await VerifySqliteAsync(run, sqlite, cancellationToken).ConfigureAwait(false);
        }

        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = DisclosureEntryCanonicalForm.SelectRowsInSequence;
            await using var rows = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (ReadRow(rows, pipeline.Filling) is { } unreadable)
                {
                    return await pipeline.StopAsync(unreadable).ConfigureAwait(false);
                }

                if (await pipeline.HandOverIfFullAsync(cancellationToken).ConfigureAwait(false) is { } broken)
                {
                    return broken;
                }
            }
        }

        return await pipeline.FinishAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// SQLite: the ledger is cut into ranges of sequences, each read on its own connection (WAL lets readers run side
    /// by side) and hashed on the pool, a few ranges ahead of the check; the check itself still takes every leaf in
    /// sequence order, so the first bad entry reported is the first in sequence. The ranges are fixed from the bounds
    /// seen at the start: entries appended meanwhile are past the end and wait for the next verification.
    /// </summary>
    private static async Task<LedgerVerificationResult> VerifySqliteAsync(Run run, SqliteConnection sqlite, CancellationToken cancellationToken)
    {
        long from, to;
        await using (var bounds = sqlite.CreateCommand())
        {
            bounds.CommandText = "SELECT MIN(\"Sequence\"), MAX(\"Sequence\") FROM disclosure_entries";
            await using var reader = await bounds.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (reader.IsDBNull(0))
            {
                return run.Finish();
            }

            (from, to) = (reader.GetInt64(0), reader.GetInt64(1) + 1);
        }

        var connectionString = sqlite.ConnectionString;
        var ahead = new Queue<Task<HashedRange>>();
        var next = from;
        while (next < to || ahead.Count > 0)
        {
            while (next < to && ahead.Count < RangesAhead)
            {
                var (start, end) = (next, Math.Min(to, next + RangeSize));
                ahead.Enqueue(Task.Run(() => HashedRange.Read(connectionString, start, end, cancellationToken), cancellationToken));
                next = end;
            }

            var range = await ahead.Dequeue().ConfigureAwait(false);
            foreach (var part in range.Parts)
            {
                if (run.Accept(part) is { } broken)
                {
                    return broken;
                }
            }

            if (range.Unreadable is { } unreadable)
            {
                return run.Unreadable(unreadable);
            }
        }

        return run.Finish();
    }

    private static string? ReadRow(DbDataReader rows, LedgerLeafBatch batch)
    {
        try
        {
            batch.BeginRow();
            var sequence = DisclosureEntryCanonicalForm.WriteRow(rows, batch.LeafInputs);
            batch.EndRow(sequence, rows.IsDBNull(18) ? [] : rows.GetFieldValue<byte[]>(18));
            return null;
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
        {
            // A value of the wrong type forced into a column: the row cannot be what was recorded.
            return $"a column no longer holds a value of its type ({e.GetType().Name})";
        }
    }

    public LedgerVerificationResult Verify(IEnumerable<DisclosureEntry> entriesInSequence)
    {
        ArgumentNullException.ThrowIfNull(entriesInSequence);
        var run = new Run(this);
        if (run.CheckSignatures() is { } badHead)
        {
            return badHead;
        }

        foreach (var batch in entriesInSequence.Chunk(BatchSize))
        {
            if (run.Accept(batch) is { } broken)
            {
                return broken;
            }
        }

        return run.Finish();
    }

    private sealed class Run(LedgerVerifier owner)
    {
        private readonly MerkleTreeBuilder _tree = new();
        private readonly byte[] _leaves = new byte[BatchSize * MerkleTree.HashSize];
        private int _nextHead;

        public LedgerVerificationResult? CheckSignatures()
        {
            long previous = -1;
            foreach (var head in owner._heads)
            {
                if (!owner._key.Verify(head))
                {
                    return LedgerVerificationResult.Broken(0, 0, null, $"The signed tree head for size {head.TreeSize} has an invalid signature or an unknown key.");
                }

                if (head.TreeSize == previous)
                {
                    return LedgerVerificationResult.Broken(0, 0, null, $"Two signed tree heads claim size {head.TreeSize}.");
                }

                previous = head.TreeSize;
            }

            return null;
        }

        public LedgerVerificationResult? Accept(IReadOnlyList<DisclosureEntry> batch)
        {
            var leaves = _leaves;
            Parallel.For(0, (batch.Count + 511) / 512, () => new ArrayBufferWriter<byte>(1024), (chunk, _, scratch) =>
            {
                var end = Math.Min(batch.Count, (chunk + 1) * 512);
                for (var i = chunk * 512; i < end; i++)
                {
                    DisclosureEntryCanonicalForm.LeafHash(batch[i], scratch, leaves.AsSpan(i * MerkleTree.HashSize, MerkleTree.HashSize));
                }

                return scratch;
            }, _ => { });

            return Check(new EntryRows(batch), batch.Count, leaves);
        }

        public LedgerVerificationResult? Accept(LedgerLeafBatch batch)
        {
            var leaves = _leaves;
            Parallel.For(0, (batch.Count + 511) / 512, chunk =>
            {
                var end = Math.Min(batch.Count, (chunk + 1) * 512);
                for (var i = chunk * 512; i < end; i++)
                {
                    SHA256.HashData(batch.LeafInput(i), leaves.AsSpan(i * MerkleTree.HashSize, MerkleTree.HashSize));
                }
            });

            return Check(batch, batch.Count, leaves);
        }

        public LedgerVerificationResult? Accept(HashedRows rows) => Check(rows, rows.Count, rows.Leaves);

        public LedgerVerificationResult Unreadable(string why) =>
            LedgerVerificationResult.Broken(_tree.Size, _nextHead, _tree.Size, $"Entry {_tree.Size} was altered: {why}.");

        private LedgerVerificationResult? Check<TRows>(TRows rows, int count, byte[] leaves)
            where TRows : ILeafRows
        {
            for (var i = 0; i < count; i++)
            {
                var expected = _tree.Size;
                var sequence = rows.Sequence(i);
                if (sequence != expected)
                {
                    return LedgerVerificationResult.Broken(expected, _nextHead, expected,
                        $"Entry {expected} is missing: the next entry found is {sequence}.");
                }

                var leaf = leaves.AsSpan(i * MerkleTree.HashSize, MerkleTree.HashSize);
                if (!rows.StoredLeafMatches(i, leaf))
                {
                    return LedgerVerificationResult.Broken(expected, _nextHead, expected,
                        $"Entry {expected} was altered: its content no longer hashes to its recorded leaf.");
                }

                _tree.Append(leaf);
                if (CheckHeads() is { } broken)
                {
                    return broken;
                }
            }

            return null;
        }

        private LedgerVerificationResult? CheckHeads()
        {
            while (_nextHead < owner._heads.Length && owner._heads[_nextHead].TreeSize == _tree.Size)
            {
                var head = owner._heads[_nextHead];
                if (!CryptographicOperations.FixedTimeEquals(_tree.Root(), head.RootHash))
                {
                    var from = _nextHead == 0 ? 0 : owner._heads[_nextHead - 1].TreeSize;
                    return LedgerVerificationResult.Broken(_tree.Size, _nextHead, from,
                        $"The signed tree head for size {head.TreeSize} (signed {head.Timestamp:u}) does not match: " +
                        $"an entry from {from} to {head.TreeSize - 1} was altered or replaced; the first entry not vouched for by an earlier head is {from}.");
                }

                _nextHead++;
            }

            return null;
        }

        public LedgerVerificationResult Finish()
        {
            if (_nextHead < owner._heads.Length)
            {
                var head = owner._heads[_nextHead];
                return LedgerVerificationResult.Broken(_tree.Size, _nextHead, _tree.Size,
                    $"The ledger ends at {_tree.Size} entries but a signed tree head vouches for {head.TreeSize}: entries from {_tree.Size} were deleted.");
            }

            return LedgerVerificationResult.Intact(_tree.Size, _nextHead, _tree.Root());
        }
    }

    /// <summary>
    /// Two batches in turn: one fills from the database while the other is hashed and checked on the pool. Batches
    /// are still checked one after another, so the first bad entry reported is the first in sequence.
    /// </summary>
    private sealed class BatchPipeline(Run run)
    {
        private LedgerLeafBatch _spare = new(BatchSize);
        private Task<LedgerVerificationResult?> _checking = Task.FromResult<LedgerVerificationResult?>(null);

        public LedgerLeafBatch Filling { get; private set; } = new(BatchSize);

        public async Task<LedgerVerificationResult?> HandOverIfFullAsync(CancellationToken cancellationToken)
        {
            if (!Filling.IsFull)
            {
                return null;
            }

            if (await _checking.ConfigureAwait(false) is { } broken)
            {
                return broken;
            }

            var full = Filling;
            Filling = _spare;
            Filling.Clear();
            _spare = full;
            _checking = Task.Run(() => run.Accept(full), cancellationToken);
            return null;
        }

        /// <summary>A row could not be read: entries before it are checked first, so an earlier bad entry is still the one reported.</summary>
        public async Task<LedgerVerificationResult> StopAsync(string unreadable) =>
            await _checking.ConfigureAwait(false) ?? run.Accept(Filling) ?? run.Unreadable(unreadable);

        public async Task<LedgerVerificationResult> FinishAsync() =>
            await _checking.ConfigureAwait(false) ?? run.Accept(Filling) ?? run.Finish();
    }

    private readonly struct EntryRows(IReadOnlyList<DisclosureEntry> entries) : ILeafRows
    {
        public long Sequence(int index) => entries[index].Sequence;

        public bool StoredLeafMatches(int index, ReadOnlySpan<byte> leaf) => CryptographicOperations.FixedTimeEquals(leaf, entries[index].LeafHash);
    }
}
