using System.Text;

namespace SubmissionGateway.X12.Guides;

/// <summary>The code values an element allows, searchable by the element's bytes without allocating.</summary>
public sealed class CodeList
{
    private readonly byte[][] _sorted;

    public CodeList(IEnumerable<string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        Codes = [.. codes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        _sorted = [.. Codes.Select(Encoding.ASCII.GetBytes)];
        Array.Sort(_sorted, static (a, b) => a.AsSpan().SequenceCompareTo(b));
    }

    public IReadOnlyList<string> Codes { get; }

    public int Count => _sorted.Length;

    public bool Contains(ReadOnlySpan<byte> value)
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

    public override string ToString() => Count <= 12 ? string.Join(", ", Codes) : string.Join(", ", Codes.Take(12)) + ", …";
}
