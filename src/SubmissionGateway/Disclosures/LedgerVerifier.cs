using System.Buffers;
using System.Security.Cryptography;

namespace SubmissionGateway.Disclosures;

/// <summary>
/// Recomputes the ledger's Merkle tree from the entries themselves and checks every signed tree head against it.
/// An edited row no longer matches its leaf; a deleted row leaves a gap in the sequence or a head the ledger no
/// longer reaches; a reordered row hashes differently because its sequence is part of its bytes. A row whose
/// stored leaf hash was forged along with its content is caught by the first head that covers it.
/// </summary>
public sealed class LedgerVerifier
{
    private readonly SignedTreeHead[] _heads;
    private readonly TreeHeadVerifier _key;

    public LedgerVerifier(IEnumerable<SignedTreeHead> heads, TreeHeadVerifier trustedKey)
    {
        ArgumentNullException.ThrowIfNull(heads);
        _heads = heads.OrderBy(h => h.TreeSize).ToArray();
        _key = trustedKey ?? throw new ArgumentNullException(nameof(trustedKey));
    }

    public async Task<LedgerVerificationResult> VerifyAsync(IAsyncEnumerable<DisclosureEntry> entriesInSequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entriesInSequence);
        var run = new Run(this);
        if (run.CheckSignatures() is { } badHead)
        {
            return badHead;
        }

        await foreach (var entry in entriesInSequence.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (run.Accept(entry) is { } broken)
            {
                return broken;
            }
        }

        return run.Finish();
    }

    public LedgerVerificationResult Verify(IEnumerable<DisclosureEntry> entriesInSequence)
    {
        ArgumentNullException.ThrowIfNull(entriesInSequence);
        var run = new Run(this);
        if (run.CheckSignatures() is { } badHead)
        {
            return badHead;
        }

        foreach (var entry in entriesInSequence)
        {
            if (run.Accept(entry) is { } broken)
            {
                return broken;
            }
        }

        return run.Finish();
    }

    private sealed class Run(LedgerVerifier owner)
    {
        private readonly MerkleTreeBuilder _tree = new();
        private readonly ArrayBufferWriter<byte> _buffer = new(1024);
        private readonly byte[] _leaf = new byte[MerkleTree.HashSize];
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

        public LedgerVerificationResult? Accept(DisclosureEntry entry)
        {
            var expected = _tree.Size;
            if (entry.Sequence != expected)
            {
                return LedgerVerificationResult.Broken(expected, _nextHead, expected,
                    $"Entry {expected} is missing: the next entry found is {entry.Sequence}.");
            }

            DisclosureEntryCanonicalForm.Write(entry, _buffer);
            MerkleTree.LeafHash(_buffer.WrittenSpan, _leaf);
            if (!CryptographicOperations.FixedTimeEquals(_leaf, entry.LeafHash))
            {
                return LedgerVerificationResult.Broken(expected, _nextHead, expected,
                    $"Entry {expected} was altered: its content no longer hashes to its recorded leaf.");
            }

            _tree.Append(_leaf);
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
}
