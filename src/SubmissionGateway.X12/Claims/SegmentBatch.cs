using SubmissionGateway.X12.Guides;
using SubmissionGateway.X12.Reading;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.X12.Claims;

/// <summary>Placed segments copied out of the reader's buffer (which the next read overwrites), with what the claim
/// view builder needs to know about each, and the validator's own findings about claims, handed from the validating
/// thread to the <see cref="ClaimLane"/> in the order they were made.</summary>
internal sealed class SegmentBatch
{
    private const int ByteCapacity = 32 * 1024;
    private const int EntryCapacity = 1024;

    private byte[] _bytes = new byte[ByteCapacity];
    private int[] _starts = new int[EntryCapacity * 8];
    private int _byteCount;
    private int _startCount;

    public Entry[] Entries { get; } = new Entry[EntryCapacity];

    public int Count { get; private set; }

    public bool IsFull => Count == Entries.Length;

    /// <summary>Copies a segment in; false when it does not fit (the caller hands the batch over and retries in an empty one).</summary>
    public bool TryAdd(in X12Segment segment, int key, LoopDefinition loop, long offset, Claim? claim)
    {
        var raw = segment.Raw;
        var starts = segment.ElementStarts;
        if (Count == Entries.Length || _byteCount + raw.Length > _bytes.Length || _startCount + starts.Length > _starts.Length)
        {
            if (Count > 0)
            {
                return false;
            }

            // A segment larger than an empty batch: make room for it alone.
            _bytes = new byte[Math.Max(_bytes.Length, raw.Length)];
            _starts = new int[Math.Max(_starts.Length, starts.Length)];
        }

        raw.CopyTo(_bytes.AsSpan(_byteCount));
        starts.CopyTo(_starts.AsSpan(_startCount));
        Entries[Count++] = new Entry(EntryKind.Segment, _byteCount, raw.Length, _startCount, starts.Length, key, segment.Delimiters, loop, offset, claim, null, null);
        _byteCount += raw.Length;
        _startCount += starts.Length;
        return true;
    }

    /// <summary>Adds a marker (a transaction set's builder begins, or its set ends); false when the batch is full.</summary>
    public bool TryAddMarker(EntryKind kind, ClaimViewBuilder? builder)
    {
        if (IsFull)
        {
            return false;
        }

        Entries[Count++] = new Entry(kind, 0, 0, 0, 0, 0, default, null, 0, null, builder, null);
        return true;
    }

    /// <summary>Adds a finding the validator made about a claim (a situational rule); false when the batch is full.</summary>
    public bool TryAddFinding(Claim claim, X12Finding finding)
    {
        if (IsFull)
        {
            return false;
        }

        Entries[Count++] = new Entry(EntryKind.Finding, 0, 0, 0, 0, 0, default, null, 0, claim, null, finding);
        return true;
    }

    public X12Segment Segment(in Entry entry) =>
        new(_bytes.AsSpan(entry.ByteStart, entry.ByteLength), _starts.AsSpan(entry.StartIndex, entry.StartCount), entry.Delimiters);

    public void Clear()
    {
        // Drop the references so a finished transaction set's builder and claims are not kept by a pooled batch.
        Array.Clear(Entries, 0, Count);
        Count = 0;
        _byteCount = 0;
        _startCount = 0;
    }

    internal enum EntryKind
    {
        Segment,
        Begin,
        End,
        Finding,
    }

    internal readonly record struct Entry(EntryKind Kind, int ByteStart, int ByteLength, int StartIndex, int StartCount, int Key,
        X12Delimiters Delimiters, LoopDefinition? Loop, long Offset, Claim? Claim, ClaimViewBuilder? Builder, X12Finding? Finding);
}
