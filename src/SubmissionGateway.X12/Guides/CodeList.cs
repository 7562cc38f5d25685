using System.Text;

namespace SubmissionGateway.X12.Guides;

/// <summary>The code values an element allows, searchable by the element's bytes without allocating.</summary>
public sealed class CodeList
{
    private const int LinearScanLimit = 8;
    private readonly byte[][] _sorted;

    // Nearly every X12 code is at most 8 bytes: packed into a ulong, a lookup compares numbers instead of byte arrays.
    // The length is kept beside each key because a value padded with NULs would pack like a shorter code.
    private readonly ulong[] _packed;
    private readonly byte[] _packedLengths;
    private readonly bool _hasLongCodes;

    public CodeList(IEnumerable<string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        Codes = [.. codes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        _sorted = [.. Codes.Select(Encoding.ASCII.GetBytes)];
        Array.Sort(_sorted, static (a, b) => a.AsSpan().SequenceCompareTo(b));
        var shortCodes = _sorted.Where(c => c.Length is > 0 and <= 8).Select(c => (Key: Pack(c), Length: (byte)c.Length)).OrderBy(c => c.Key).ToArray();
        _packed = [.. shortCodes.Select(c => c.Key)];
        _packedLengths = [.. shortCodes.Select(c => c.Length)];
        _hasLongCodes = shortCodes.Length != _sorted.Length;
    }

    public IReadOnlyList<string> Codes { get; }

    public int Count => _sorted.Length;

    public bool Contains(ReadOnlySpan<byte> value)
    {
        if (value.Length is 0 or > 8 || _hasLongCodes)
        {
            return ContainsBytes(value);
        }

        var key = Pack(value);
        var packed = _packed;
        if (packed.Length <= LinearScanLimit)
        {
            for (var i = 0; i < packed.Length; i++)
            {
                if (packed[i] == key)
                {
                    return _packedLengths[i] == value.Length;
                }
            }

            return false;
        }

        var at = Array.BinarySearch(packed, key);
        return at >= 0 && _packedLengths[at] == value.Length;
    }

    public override string ToString() => Count <= 12 ? string.Join(", ", Codes) : string.Join(", ", Codes.Take(12)) + ", …";

    private static ulong Pack(ReadOnlySpan<byte> value)
    {
        ulong key = 0;
        for (var i = value.Length - 1; i >= 0; i--)
        {
            key = (key << 8) | value[i];
        }

        return key;
    }

    private bool ContainsBytes(ReadOnlySpan<byte> value)
    {
        var lo = 0;
        var hi = _sorted.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var cmp = _sorted[mid].AsSpan().SequenceCompareTo(value);
            if (cmp == 0)
            {
                return true;
            }

            if (cmp < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return false;
    }
}
