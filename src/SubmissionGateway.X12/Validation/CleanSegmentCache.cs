using System.Buffers.Binary;
using System.Numerics;
using SubmissionGateway.X12.Guides;
using SubmissionGateway.X12.Reading;

namespace SubmissionGateway.X12.Validation;

/// <summary>
/// The element rules are a pure function of a segment's bytes, its definition and the delimiters, and a batch repeats
/// many segments word for word (LX*1, the same DTP date, SBR, N4, the payer's NM1). A segment that passed them once in
/// a transaction set is not checked again: a small direct-mapped table remembers passed segments (up to 64 bytes)
/// and is forgotten at each ST, so delimiters never differ within it and memory stays fixed.
/// </summary>
internal sealed class CleanSegmentCache
{
    private const int SlotBits = 12;
    private const int MaxLength = 64;

    // The table is 384 KB (large-object heap): made per validation, a small 837 paid for it twice per submission and
    // the collector for the churn. Validations borrow one from this pool and give it back; a borrowed table is reset,
    // so nothing remembered under one interchange's delimiters is ever matched under another's.
    private static readonly CleanSegmentCache?[] Pool = new CleanSegmentCache?[Math.Max(4, Environment.ProcessorCount * 2)];

    private readonly Slot[] _slots = new Slot[1 << SlotBits];
    private byte[]? _bytes;
    private int _generation = 1;

    private CleanSegmentCache()
    {
    }

    /// <summary>A reset table from the pool, or a new one when all are in use.</summary>
    public static CleanSegmentCache Rent()
    {
        for (var i = 0; i < Pool.Length; i++)
        {
            if (Interlocked.Exchange(ref Pool[i], null) is { } pooled)
            {
                pooled.Reset();
                return pooled;
            }
        }

        return new CleanSegmentCache();
    }

    /// <summary>Gives a table back; the caller must not use it afterwards.</summary>
    public static void Return(CleanSegmentCache cache)
    {
        for (var i = 0; i < Pool.Length; i++)
        {
            if (Interlocked.CompareExchange(ref Pool[i], cache, null) is null)
            {
                return;
            }
        }
    }

    /// <summary>Forgets everything (a new transaction set begins).</summary>
    public void Reset()
    {
        _generation++;
    }

    public bool Contains(SegmentDefinition definition, ReadOnlySpan<byte> raw, out ulong hash)
    {
        hash = 0;
        if (raw.Length > MaxLength)
        {
            return false;
        }

        hash = Hash(raw);
        ref var slot = ref _slots[(int)(hash >> (64 - SlotBits))];
        return slot.Generation == _generation && slot.Hash == hash && ReferenceEquals(slot.Definition, definition) &&
               raw.SequenceEqual(_bytes.AsSpan(slot.Start, slot.Length));
    }

    /// <summary>Remembers a segment that passed every element rule (call only with the hash <see cref="Contains"/> gave).</summary>
    public void Add(SegmentDefinition definition, ReadOnlySpan<byte> raw, ulong hash)
    {
        if (raw.Length > MaxLength)
        {
            return;
        }

        var index = (int)(hash >> (64 - SlotBits));
        ref var slot = ref _slots[index];
        _bytes ??= new byte[_slots.Length * MaxLength];
        slot.Start = index * MaxLength;
        raw.CopyTo(_bytes.AsSpan(slot.Start));
        slot.Length = raw.Length;
        slot.Hash = hash;
        slot.Definition = definition;
        slot.Generation = _generation;
    }

    private static ulong Hash(ReadOnlySpan<byte> raw)
    {
        const ulong Prime = 0x9E3779B97F4A7C15UL;
        var hash = (ulong)raw.Length * Prime;
        while (raw.Length >= 8)
        {
            hash = BitOperations.RotateLeft((hash ^ BinaryPrimitives.ReadUInt64LittleEndian(raw)) * Prime, 29);
            raw = raw[8..];
        }

        ulong tail = 0;
        for (var i = raw.Length - 1; i >= 0; i--)
        {
            tail = (tail << 8) | raw[i];
        }

        hash = (hash ^ tail) * Prime;
        return hash ^ (hash >> 31);
    }

    private struct Slot
    {
        public int Generation;
        public int Start;
        public int Length;
        public ulong Hash;
        public SegmentDefinition? Definition;
    }
}
