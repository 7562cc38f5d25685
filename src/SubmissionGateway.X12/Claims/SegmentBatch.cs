using SubmissionGateway.X12.Guides;
using SubmissionGateway.X12.Reading;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.X12.Claims;

/// <summary>Placed segments copied out of the reader's buffer (which the next read overwrites), with what the claim
/// view builder needs to know about each, and the validator's own findings about claims, handed from the validating
/// thread to the <see cref="ClaimLane"/> in the order they were made.</summary>
/// <remarks>An entry holds no object reference: the loop goes as its ordinal in the guide, and the rare objects (a
/// builder, a finding) sit in a side array. Copying a segment in then costs no GC write barrier,
/// and a used batch needs clearing only where objects were.</remarks>
internal sealed class SegmentBatch
{
    private const int ByteCapacity = 32 * 1024;
    private const int EntryCapacity = 1024;

    private byte[] _bytes = new byte[ByteCapacity];
    private int[] _starts = new int[EntryCapacity * 8];
    private object?[] _objects = new object?[64];
    private int _byteCount;
    private int _startCount;
    private int _objectCount;

    public Entry[] Entries { get; } = new Entry[EntryCapacity];

    public int Count { get; private set; }

    private bool IsFull => Count == Entries.Length;

    /// <summary>Copies a segment in; false when it does not fit (the caller hands the batch over and retries in an empty one).</summary>
    public bool TryAdd(in X12Segment segment, int key, LoopDefinition loop, long offset, int position)
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
        Entries[Count++] = new Entry(EntryKind.Segment, false, key, _byteCount, raw.Length, _startCount, starts.Length, loop.Ordinal, position, -1,
            segment.Delimiters, offset);
        _byteCount += raw.Length;
        _startCount += starts.Length;
        return true;
    }

    /// <summary>Adds the marker of a transaction set's beginning, with its builder; false when the batch is full.</summary>
    public bool TryAddBegin(ClaimViewBuilder builder) => TryAddMarker(EntryKind.Begin, false, builder);

    /// <summary>Adds the marker of a transaction set's end, with whether its syntax was accepted; false when the batch is full.</summary>
    public bool TryAddEnd(bool accepted) => TryAddMarker(EntryKind.End, accepted, null);

    /// <summary>Adds a finding the validator made about the current claim (a situational rule); false when the batch is full.</summary>
    public bool TryAddFinding(X12Finding finding) => TryAddMarker(EntryKind.Finding, false, finding);

    private bool TryAddMarker(EntryKind kind, bool accepted, object? value)
    {
        if (IsFull)
        {
            return false;
        }

        Entries[Count++] = new Entry(kind, accepted, 0, 0, 0, 0, 0, 0, 0, value is null ? -1 : Keep(value), default, 0);
        return true;
    }

    public X12Segment Segment(in Entry entry) =>
        new(_bytes.AsSpan(entry.ByteStart, entry.ByteLength), _starts.AsSpan(entry.StartIndex, entry.StartCount), entry.Delimiters);

    public ClaimViewBuilder BuilderOf(in Entry entry) => (ClaimViewBuilder)_objects[entry.ObjectIndex]!;

    public X12Finding FindingOf(in Entry entry) => (X12Finding)_objects[entry.ObjectIndex]!;

    public void Clear()
    {
        // Drop the references so a finished transaction set's builder and findings are not kept by a batch in the lane.
        Array.Clear(_objects, 0, _objectCount);
        _objectCount = 0;
        Count = 0;
        _byteCount = 0;
        _startCount = 0;
    }

    private int Keep(object value)
    {
        if (_objectCount == _objects.Length)
        {
            Array.Resize(ref _objects, _objects.Length * 2);
        }

        _objects[_objectCount] = value;
        return _objectCount++;
    }

    internal enum EntryKind : byte
    {
        Segment,
        Begin,
        End,
        Finding,
    }

    /// <summary>One hand-over: a placed segment (where its bytes and element starts are, its key, loop ordinal and position
    /// in the set), a transaction set's beginning (its builder) or end (whether its syntax was accepted), or a finding.</summary>
    internal readonly record struct Entry(EntryKind Kind, bool Accepted, int Key, int ByteStart, int ByteLength, int StartIndex, int StartCount,
        int LoopOrdinal, int Position, int ObjectIndex, X12Delimiters Delimiters, long Offset);
}
