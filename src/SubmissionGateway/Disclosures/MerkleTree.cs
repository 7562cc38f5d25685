using System.Security.Cryptography;

namespace SubmissionGateway.Disclosures;

/// <summary>
/// The RFC 6962 / RFC 9162 Merkle tree hashes: leaf = SHA-256(0x00 || entry), node = SHA-256(0x01 || left || right),
/// with inclusion proofs and their verification. Pure functions; nothing here touches storage.
/// </summary>
public static class MerkleTree
{
    public const int HashSize = 32;

    /// <summary>The root of the empty tree: SHA-256 of nothing.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData([]);

    public static byte[] LeafHash(ReadOnlySpan<byte> entryBytes)
    {
        var hash = new byte[HashSize];
        LeafHash(entryBytes, hash);
        return hash;
    }

    public static void LeafHash(ReadOnlySpan<byte> entryBytes, Span<byte> destination)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        ReadOnlySpan<byte> prefix = [0x00];
        sha.AppendData(prefix);
        sha.AppendData(entryBytes);
        sha.GetHashAndReset(destination);
    }

    public static void NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[1 + HashSize + HashSize];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        SHA256.HashData(buffer, destination);
    }

    /// <summary>The root over the first <paramref name="size"/> leaf hashes.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leafHashes, long size)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var builder = new MerkleTreeBuilder();
        for (var i = 0; i < size; i++)
        {
            builder.Append(leafHashes[i]);
        }

        return builder.Root();
    }

    /// <summary>The audit path of RFC 6962 section 2.1.1 for leaf <paramref name="index"/> in a tree of <paramref name="size"/>.</summary>
    public static IReadOnlyList<byte[]> InclusionProof(IReadOnlyList<byte[]> leafHashes, long index, long size)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        if (index < 0 || index >= size || size > leafHashes.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Leaf {index} is not in a tree of {size}.");
        }

        // The path's subtrees are disjoint, so their roots are computed side by side.
        var ranges = new List<(long Start, long Count)>();
        Ranges(index, 0, size, ranges);
        var path = new byte[ranges.Count][];
        Parallel.For(0, ranges.Count, i => path[i] = Subtree(leafHashes, ranges[i].Start, ranges[i].Count));
        return path;
    }

    private static void Ranges(long m, long start, long n, List<(long Start, long Count)> ranges)
    {
        if (n <= 1)
        {
            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m < k)
        {
            Ranges(m, start, k, ranges);
            ranges.Add((start + k, n - k));
        }
        else
        {
            Ranges(m - k, start + k, n - k, ranges);
            ranges.Add((start, k));
        }
    }

    private static byte[] Subtree(IReadOnlyList<byte[]> leaves, long start, long count)
    {
        var builder = new MerkleTreeBuilder();
        for (var i = start; i < start + count; i++)
        {
            builder.Append(leaves[(int)i]);
        }

        return builder.Root();
    }

    internal static long LargestPowerOfTwoBelow(long n)
    {
        var k = 1L;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }

    /// <summary>RFC 9162 section 2.1.3.2: does <paramref name="path"/> prove leaf <paramref name="index"/> under <paramref name="root"/>?</summary>
    public static bool VerifyInclusion(ReadOnlySpan<byte> leafHash, long index, long size, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (index < 0 || index >= size || leafHash.Length != HashSize || root.Length != HashSize)
        {
            return false;
        }

        var fn = index;
        var sn = size - 1;
        Span<byte> r = stackalloc byte[HashSize];
        leafHash.CopyTo(r);
        foreach (var p in path)
        {
            if (sn == 0 || p.Length != HashSize)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                NodeHash(p, r, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                NodeHash(r, p, r);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }
}
