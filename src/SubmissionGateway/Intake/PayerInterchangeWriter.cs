using System.Buffers;
using System.Globalization;
using System.Text;
using SubmissionGateway.X12.Reading;

namespace SubmissionGateway.Intake;

/// <summary>
/// Re-envelopes claims per payer in one forward pass over the original interchange: for each claim chosen by its
/// CLM byte offset it copies the claim (2300 and its lines) with the HL blocks that own it (2000A billing
/// provider, 2000B subscriber, 2000C patient), renumbering HLs and wrapping them in the gateway's own ISA/GS/ST.
/// Only the chosen claims and their ancestors are held in memory, never the whole original.
/// </summary>
internal static class PayerInterchangeWriter
{
    public static Dictionary<string, byte[]> Write(
        Stream original,
        IReadOnlyDictionary<long, string> payerByClaimOffset,
        IReadOnlyDictionary<string, PayerEnvelope> envelopes,
        string senderQualifier,
        string senderId,
        CancellationToken cancellationToken)
    {
        var outputs = new Dictionary<string, PayerOutput>(StringComparer.Ordinal);
        using var reader = new X12Reader(original, leaveOpen: true);
        var delimiters = default(X12Delimiters);
        var usage = 'P';
        var groupIndex = -1;
        string groupVersion = "";
        List<byte[]>? header = null;
        string implementation = "";
        var inHeader = false;
        var transactionIndex = -1;
        HlBlock? billing = null, subscriber = null, patient = null, current = null;
        List<object>? claimTarget = null;

        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var segment = reader.Segment;
            var id = segment.Id;
            if (id.SequenceEqual("ISA"u8))
            {
                delimiters = segment.Delimiters;
                usage = segment[15] is [var u] ? (char)u : 'P';
                continue;
            }

            if (id.SequenceEqual("IEA"u8) || id.SequenceEqual("GE"u8))
            {
                continue;
            }

            if (id.SequenceEqual("GS"u8))
            {
                groupIndex++;
                groupVersion = segment.GetString(8);
                continue;
            }

            if (id.SequenceEqual("ST"u8))
            {
                transactionIndex++;
                implementation = segment.GetString(3);
                header = [];
                inHeader = true;
                billing = subscriber = patient = current = null;
                claimTarget = null;
                continue;
            }

            if (id.SequenceEqual("SE"u8))
            {
                claimTarget = null;
                current = null;
                inHeader = false;
                continue;
            }

            if (id.SequenceEqual("HL"u8))
            {
                inHeader = false;
                claimTarget = null;
                var block = new HlBlock(segment.GetString(3));
                switch (block.Level)
                {
                    case "20":
                        billing = block;
                        subscriber = patient = null;
                        break;
                    case "22":
                        subscriber = block;
                        patient = null;
                        break;
                    default:
                        patient = block;
                        break;
                }

                current = block;
                continue;
            }

            var raw = segment.Raw.ToArray();
            if (id.SequenceEqual("CLM"u8))
            {
                current = null;
                claimTarget = null;
                if (payerByClaimOffset.TryGetValue(reader.SegmentOffset, out var payerId))
                {
                    if (!outputs.TryGetValue(payerId, out var output))
                    {
                        output = new PayerOutput();
                        outputs.Add(payerId, output);
                    }

                    var transaction = output.TransactionFor(groupIndex, groupVersion, transactionIndex, implementation, header!);
                    var parent = transaction.Emit(billing, null);
                    parent = transaction.Emit(subscriber, parent);
                    transaction.Emit(patient, parent);
                    claimTarget = transaction.Items;
                    claimTarget.Add(raw);
                }

                continue;
            }

            if (inHeader)
            {
                header!.Add(raw);
            }
            else if (claimTarget is not null)
            {
                claimTarget.Add(raw);
            }
            else
            {
                current?.Segments.Add(raw);
            }
        }

        return outputs.ToDictionary(
            o => o.Key,
            o => o.Value.Serialize(envelopes[o.Key], delimiters, usage, senderQualifier, senderId),
            StringComparer.Ordinal);
    }

    private sealed class HlBlock(string level)
    {
        public string Level { get; } = level;

        public List<byte[]> Segments { get; } = [];
    }

    private sealed class HlOut(int number, int? parent, string level)
    {
        public int Number { get; } = number;

        public int? Parent { get; } = parent;

        public string Level { get; } = level;

        public bool HasChildren { get; set; }
    }

    private sealed class TransactionOut(string implementation, List<byte[]> header)
    {
        private readonly Dictionary<HlBlock, HlOut> _emitted = new(ReferenceEqualityComparer.Instance);
        private int _nextHl = 1;

        public string Implementation { get; } = implementation;

        public List<byte[]> Header { get; } = header;

        public List<object> Items { get; } = [];

        /// <summary>Writes the HL block the first time one of its claims goes to this payer; returns it as the next parent.</summary>
        public HlOut? Emit(HlBlock? block, HlOut? parent)
        {
            if (block is null)
            {
                return parent;
            }

            if (_emitted.TryGetValue(block, out var done))
            {
                return done;
            }

            var hl = new HlOut(_nextHl++, parent?.Number, block.Level);
            parent?.HasChildren = true;
            Items.Add(hl);
            Items.AddRange(block.Segments);
            _emitted.Add(block, hl);
            return hl;
        }
    }

    private sealed class GroupOut(string version)
    {
        public string Version { get; } = version;

        public Dictionary<int, TransactionOut> Transactions { get; } = [];
    }

    private sealed class PayerOutput
    {
        private readonly SortedDictionary<int, GroupOut> _groups = [];

        public TransactionOut TransactionFor(int groupIndex, string version, int transactionIndex, string implementation, List<byte[]> header)
        {
            if (!_groups.TryGetValue(groupIndex, out var group))
            {
                group = new GroupOut(version);
                _groups.Add(groupIndex, group);
            }

            if (!group.Transactions.TryGetValue(transactionIndex, out var transaction))
            {
                transaction = new TransactionOut(implementation, header);
                group.Transactions.Add(transactionIndex, transaction);
            }

            return transaction;
        }

        public byte[] Serialize(PayerEnvelope envelope, X12Delimiters delimiters, char usage, string senderQualifier, string senderId)
        {
            var text = new ArrayBufferWriter<byte>(EstimateSize());
            var e = (char)delimiters.Element;
            var isa13 = ControlNumbers.ToControlNumber(envelope.InterchangeNumber).ToString("000000000", CultureInfo.InvariantCulture);
            var created = envelope.Created;

            void Segment(params string[] elements)
            {
                var line = string.Join(e, elements);
                var span = text.GetSpan(line.Length + 2);
                var written = Encoding.Latin1.GetBytes(line, span);
                span[written] = delimiters.Segment;
                span[written + 1] = (byte)'\n';
                text.Advance(written + 2);
            }

            void Copy(byte[] raw)
            {
                var span = text.GetSpan(raw.Length + 2);
                raw.CopyTo(span);
                span[raw.Length] = delimiters.Segment;
                span[raw.Length + 1] = (byte)'\n';
                text.Advance(raw.Length + 2);
            }

            Segment("ISA", "00", new string(' ', 10), "00", new string(' ', 10), senderQualifier, Fixed(senderId, 15), "ZZ", Fixed(envelope.ReceiverId, 15),
                created.ToString("yyMMdd", CultureInfo.InvariantCulture), created.ToString("HHmm", CultureInfo.InvariantCulture),
                ((char)delimiters.Repetition).ToString(), "00501", isa13, "0", usage.ToString(), ((char)delimiters.Component).ToString());
            var groupNumber = envelope.FirstGroupNumber;
            foreach (var group in _groups.Values)
            {
                var gs06 = ControlNumbers.ToControlNumber(groupNumber++).ToString(CultureInfo.InvariantCulture);
                Segment("GS", "HC", senderId, envelope.ReceiverId, created.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                    created.ToString("HHmm", CultureInfo.InvariantCulture), gs06, "X", group.Version);
                var setNumber = 0;
                foreach (var transaction in group.Transactions.Values)
                {
                    var st02 = (++setNumber).ToString("0000", CultureInfo.InvariantCulture);
                    Segment("ST", "837", st02, transaction.Implementation);
                    var count = 1;
                    foreach (var segment in transaction.Header)
                    {
                        Copy(segment);
                        count++;
                    }

                    foreach (var item in transaction.Items)
                    {
                        if (item is HlOut hl)
                        {
                            Segment("HL", hl.Number.ToString(CultureInfo.InvariantCulture), hl.Parent?.ToString(CultureInfo.InvariantCulture) ?? "", hl.Level,
                                hl.HasChildren ? "1" : "0");
                        }
                        else
                        {
                            Copy((byte[])item);
                        }

                        count++;
                    }

                    Segment("SE", (count + 1).ToString(CultureInfo.InvariantCulture), st02);
                }

                Segment("GE", setNumber.ToString(CultureInfo.InvariantCulture), gs06);
            }

            Segment("IEA", _groups.Count.ToString(CultureInfo.InvariantCulture), isa13);
            return text.WrittenSpan.ToArray();
        }

        private int EstimateSize()
        {
            var size = 1024;
            foreach (var group in _groups.Values)
            {
                foreach (var transaction in group.Transactions.Values)
                {
                    size += 64 + transaction.Header.Sum(h => h.Length + 2);
                    size += transaction.Items.Sum(i => i is byte[] raw ? raw.Length + 2 : 32);
                }
            }

            return size;
        }

        private static string Fixed(string value, int width) => value.Length >= width ? value[..width] : value.PadRight(width);
    }
}
