using System.Security.Cryptography;
using SubmissionGateway.X12.Attachments;
using SubmissionGateway.X12.Claims;
using SubmissionGateway.X12.Guides;
using SubmissionGateway.X12.Reading;

namespace SubmissionGateway.X12.Validation;

/// <summary>
/// Validates X12 interchanges at WEDI SNIP levels 1 and 2 in one forward pass: envelopes (ISA/IEA, GS/GE,
/// ST/SE counts and control numbers), segment placement against the implementation guide, and every element.
/// Builds the typed claim and attachment views in the same pass; for a large input the 837 claim views and their edits
/// are built on a second thread fed in file order (<see cref="ClaimLane"/>, <see cref="X12ValidatorOptions.ParallelThresholdBytes"/>),
/// with the same report. Memory for reading does not grow with the file's size.
/// </summary>
public sealed class X12Validator
{
    private static readonly int Isa = SegmentKey.Of("ISA");
    private static readonly int Iea = SegmentKey.Of("IEA");
    private static readonly int Gs = SegmentKey.Of("GS");
    private static readonly int Ge = SegmentKey.Of("GE");
    private static readonly int St = SegmentKey.Of("ST");
    private static readonly int Se = SegmentKey.Of("SE");
    private static readonly int Ta1 = SegmentKey.Of("TA1");
    private static readonly int Hl = SegmentKey.Of("HL");
    private static readonly int Bht = SegmentKey.Of("BHT");
    private static readonly int Stc = SegmentKey.Of("STC");
    private static readonly int Clm = SegmentKey.Of("CLM");

    private const int EnvelopeFindingLimit = 20;

    private readonly GuideCatalog _catalog;
    private readonly X12ValidatorOptions _options;

    public X12Validator(GuideCatalog? catalog = null, X12ValidatorOptions? options = null)
    {
        _catalog = catalog ?? GuideCatalog.Embedded;
        _options = options ?? X12ValidatorOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(_options.ParallelThresholdBytes, nameof(options));
    }

    public ValidationReport Validate(Stream input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var run = new Run(this, cancellationToken);
        run.Execute(input);
        return run.Report;
    }

    private sealed class Run(X12Validator owner, CancellationToken cancellationToken)
    {
        private readonly Dictionary<ImplementationGuide, TransactionWalker> _walkers = [];
        private readonly HashSet<string> _interchangeNumbers = new(StringComparer.Ordinal);
        private readonly HashSet<string> _groupNumbers = new(StringComparer.Ordinal);
        private readonly HashSet<string> _transactionNumbers = new(StringComparer.Ordinal);
        private readonly HierarchyCheck _hierarchy = new();
        private readonly CleanSegmentCache _clean = CleanSegmentCache.Rent();
        private InterchangeResult? _interchange;
        private FunctionalGroupResult? _group;
        private TransactionSetResult? _transaction;
        private TransactionWalker? _walker;
        private Dictionary<int, Edits.SituationalRule[]> _situational = [];
        private readonly Dictionary<Guides.LoopDefinition, int?> _parentLevels = [];
        private FindingSink? _sink;
        private ClaimViewBuilder? _claims;
        private ClaimLane? _lane;
        private bool _claimViews;
        // The input offset from which 837 claim views go to the lane: 0 when the input is known to be large, the threshold
        // when its length is unknown (a request body, a decrypting stream), never when it is known to be small or when
        // there is no second processor.
        private long _laneFrom = long.MaxValue;
        // CLM01 of the claim being read, for findings; the Claim object itself is the builder's to make and fill.
        private string? _claimId;
        private AttachmentViewBuilder? _attachment;
        private int _position;
        private int _groupTransactionCount;
        private int _interchangeGroupCount;

        public ValidationReport Report { get; } = new();

        public void Execute(Stream input)
        {
            using var reader = new X12Reader(input, owner._options.Reader, leaveOpen: true);
            if (owner._options.TypedViews && Environment.ProcessorCount > 1)
            {
                var length = RemainingLength(input);
                var threshold = owner._options.ParallelThresholdBytes;
                _laneFrom = length < 0 ? threshold : length >= threshold ? 0 : long.MaxValue;
            }

            try
            {
                Read(reader);
                _lane?.Complete();
            }
            finally
            {
                _lane?.Dispose();
                CleanSegmentCache.Return(_clean);
            }
        }

        private static long RemainingLength(Stream input)
        {
            try
            {
                return input.CanSeek ? input.Length - input.Position : -1;
            }
            catch (NotSupportedException)
            {
                return -1;
            }
        }

        private void Read(X12Reader reader)
        {
            long lastOffset = 0;
            try
            {
                while (reader.Read())
                {
                    if ((reader.SegmentNumber & 0x3FF) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    lastOffset = reader.SegmentOffset;
                    OnSegment(reader);
                }

                lastOffset = reader.SegmentOffset;
            }
            catch (X12FormatException ex)
            {
                Report.Unreadable = ex.Message;
                Report.UnreadableOffset = ex.Offset;
                lastOffset = ex.Offset;
                if (_transaction is not null && _sink is not null)
                {
                    _sink.Envelope(Context("SE", lastOffset), "2",
                        $"The transaction set {_transaction.ControlNumber} could not be read to its end: {ex.Message}");
                }
            }

            CloseAll(lastOffset);
            if (Report.Interchanges.Count == 0)
            {
                Report.Unreadable ??= "The file is empty: it holds no X12 interchange.";
            }
        }

        private void OnSegment(X12Reader reader)
        {
            var segment = reader.Segment;
            var key = segment.IdKey;
            var offset = reader.SegmentOffset;

            if (_transaction is not null && key != Se && key != St && key != Ge && key != Gs && key != Iea && key != Isa)
            {
                OnTransactionSegment(reader, segment, key, offset);
                return;
            }

            if (key == Isa)
            {
                OnInterchangeStart(segment, offset, reader.Delimiters);
            }
            else if (key == Iea)
            {
                OnInterchangeEnd(segment, offset);
            }
            else if (key == Gs)
            {
                OnGroupStart(segment, offset);
            }
            else if (key == Ge)
            {
                OnGroupEnd(segment, offset);
            }
            else if (key == St)
            {
                OnTransactionStart(segment, offset);
            }
            else if (key == Se)
            {
                OnTransactionEnd(segment, offset);
            }
            else if (key == Ta1 && _interchange is not null && _group is null)
            {
                // A TA1 between ISA and the first GS is an acknowledgment, legal in any interchange.
                _interchange.HasTa1 = true;
            }
            else
            {
                OutsideEnvelope(segment, offset);
            }
        }

        private void OnInterchangeStart(in X12Segment isa, long offset, X12Delimiters delimiters)
        {
            if (_interchange is not null)
            {
                CloseAll(offset);
                AddInterchangeFinding(Report.Interchanges[^1], "023", "ISA", offset,
                    "The interchange ended without its IEA trailer before the next ISA began.");
            }

            var interchange = new InterchangeResult(offset)
            {
                ControlNumber = isa.GetString(13),
                SenderQualifier = isa.GetString(5),
                SenderId = isa.GetString(6).TrimEnd(),
                ReceiverQualifier = isa.GetString(7),
                ReceiverId = isa.GetString(8).TrimEnd(),
                Date = isa.GetString(9),
                Time = isa.GetString(10),
                Version = isa.GetString(12),
                AcknowledgmentRequested = X12Text.Is(isa[14], "1"),
                UsageIndicator = isa[15].Length == 1 ? (char)isa[15][0] : 'P',
                Delimiters = delimiters,
            };
            Report.Interchanges.Add(interchange);
            _interchange = interchange;
            _interchangeGroupCount = 0;
            _groupNumbers.Clear();
            EnvelopeRules.CheckInterchangeHeader(isa, (code, message) => AddInterchangeFinding(interchange, code, "ISA", offset, message));
            if (!_interchangeNumbers.Add(interchange.ControlNumber))
            {
                AddInterchangeFinding(interchange, "025", "ISA", offset,
                    $"Interchange control number {interchange.ControlNumber} is used twice in this file.");
            }
        }

        private void OnInterchangeEnd(in X12Segment iea, long offset)
        {
            if (_interchange is null)
            {
                OutsideEnvelope(iea, offset);
                return;
            }

            if (_group is not null)
            {
                CloseGroup(offset, missingTrailer: true);
            }

            var interchange = _interchange;
            if (!X12Text.TryParseDigits(iea[1], out var count) || count != _interchangeGroupCount)
            {
                AddInterchangeFinding(interchange, "021", "IEA", offset,
                    $"IEA01 says {X12Text.ToText(iea[1])} functional group(s); the interchange has {_interchangeGroupCount}.");
            }

            if (!X12Text.Is(iea[2], interchange.ControlNumber))
            {
                AddInterchangeFinding(interchange, "001", "IEA", offset,
                    $"IEA02 '{X12Text.ToText(iea[2])}' does not match the ISA13 control number '{interchange.ControlNumber}'.");
            }

            _interchange = null;
        }

        private void OnGroupStart(in X12Segment gs, long offset)
        {
            if (_interchange is null)
            {
                OutsideEnvelope(gs, offset);
                return;
            }

            if (_group is not null)
            {
                CloseGroup(offset, missingTrailer: true);
            }

            var group = new FunctionalGroupResult(gs.GetString(1), gs.GetString(2), gs.GetString(3), gs.GetString(6), gs.GetString(8));
            _interchange.Groups.Add(group);
            _interchangeGroupCount++;
            _group = group;
            _groupTransactionCount = 0;
            _transactionNumbers.Clear();
            EnvelopeRules.CheckGroupHeader(gs, (code, message) => AddGroupFinding(group, code, "GS", offset, message));
            if (!_groupNumbers.Add(group.ControlNumber))
            {
                AddGroupFinding(group, "19", "GS", offset, $"Group control number {group.ControlNumber} is used twice in this interchange.");
            }

            if (owner._catalog.Find(group.Version) is null)
            {
                AddGroupFinding(group, "2", "GS", offset,
                    $"Version {group.Version} (GS08) is not a guide this gateway supports; supported: {string.Join(", ", owner._catalog.Guides.Select(g => g.Id))}.");
            }
        }

        private void OnGroupEnd(in X12Segment ge, long offset)
        {
            if (_group is null)
            {
                OutsideEnvelope(ge, offset);
                return;
            }

            if (_transaction is not null)
            {
                CloseTransaction(offset, missingTrailer: true);
            }

            var group = _group;
            if (!X12Text.TryParseDigits(ge[1], out var count) || count != _groupTransactionCount)
            {
                AddGroupFinding(group, "5", "GE", offset,
                    $"GE01 says {X12Text.ToText(ge[1])} transaction set(s); the group has {_groupTransactionCount}.");
            }

            if (!X12Text.Is(ge[2], group.ControlNumber))
            {
                AddGroupFinding(group, "4", "GE", offset,
                    $"GE02 '{X12Text.ToText(ge[2])}' does not match the GS06 control number '{group.ControlNumber}'.");
            }

            _group = null;
        }

        private void OnTransactionStart(in X12Segment st, long offset)
        {
            if (_group is null)
            {
                OutsideEnvelope(st, offset);
                return;
            }

            if (_transaction is not null)
            {
                CloseTransaction(offset, missingTrailer: true);
            }

            var implementation = st[3].IsEmpty ? _group.Version : st.GetString(3);
            var transaction = new TransactionSetResult(st.GetString(1), st.GetString(2), implementation, offset);
            _group.Transactions.Add(transaction);
            _groupTransactionCount++;
            _transaction = transaction;
            _position = 1;
            _sink = new FindingSink(transaction.Findings, owner._options.MaxFindingsPerTransaction);
            _claims = null;
            _claimViews = false;
            _claimId = null;
            _attachment = null;
            _clean.Reset();
            var context = Context("ST", offset);

            if (st[2].Length is < 4 or > 9)
            {
                _sink.Envelope(context, "7", $"Transaction set control number (ST02) '{transaction.ControlNumber}' must be 4 to 9 characters.");
            }
            else if (!_transactionNumbers.Add(transaction.ControlNumber))
            {
                _sink.Envelope(context, "23", $"Transaction set control number {transaction.ControlNumber} is used twice in this group.");
            }

            var guide = owner._catalog.Find(implementation);
            if (guide is null)
            {
                _sink.Envelope(context, "I6",
                    $"Implementation guide '{implementation}' is not supported; supported: {string.Join(", ", owner._catalog.Guides.Select(g => g.Id))}.");
                _walker = null;
                return;
            }

            if (!X12Text.Is(st[1], guide.TransactionSet))
            {
                _sink.Envelope(context, "6",
                    $"Transaction set {transaction.SetId} does not match its implementation guide {guide.Id}, which is for {guide.TransactionSet}.");
                _walker = null;
                return;
            }

            if (!string.Equals(_group.FunctionalId, guide.FunctionalGroup, StringComparison.Ordinal))
            {
                _sink.Envelope(context, "6",
                    $"Transaction set {transaction.SetId} belongs in a {guide.FunctionalGroup} functional group, not {_group.FunctionalId} (GS01).");
            }

            if (!st[3].IsEmpty && !string.Equals(st.GetString(3), _group.Version, StringComparison.Ordinal) &&
                owner._catalog.Find(_group.Version) != guide)
            {
                _sink.Envelope(context, "19", $"ST03 '{st.GetString(3)}' does not match the group's version '{_group.Version}' (GS08).");
            }

            transaction.Guide = guide;
            if (!_walkers.TryGetValue(guide, out var walker))
            {
                walker = new TransactionWalker(guide);
                _walkers[guide] = walker;
            }

            _walker = walker;
            _situational = Edits.SituationalRuleBook.Embedded.ForGuide(guide.Id);
            walker.Begin(_sink);
            _hierarchy.Begin(_sink);
            ElementRules.Check(st, guide.Transaction.Trigger, context with { LoopId = guide.Transaction.Id }, _sink);
            if (!owner._options.TypedViews)
            {
                return;
            }

            if (guide.TransactionSet == "837")
            {
                var today = DateOnly.FromDateTime(owner._options.Clock.GetUtcNow().UtcDateTime);
                var builder = new ClaimViewBuilder(guide, transaction.Claims, owner._options.CodeSets, today, Report.Notes);
                _claimViews = true;
                _claims = builder;
                if (_lane is not null || offset >= _laneFrom)
                {
                    MoveClaimsToLane();
                }
            }
            else if (guide.TransactionSet == "275")
            {
                transaction.Attachment = new AttachmentTransaction();
                _attachment = new AttachmentViewBuilder(transaction.Attachment);
            }
        }

        private void OnTransactionSegment(X12Reader reader, in X12Segment segment, int key, long offset)
        {
            _position++;
            if (_walker is null)
            {
                return;
            }

            var claimId = _claimId;
            var context = new FindingContext(key == 0 ? X12Text.ToText(segment.Id) : null, key, _position, offset, _walker.CurrentLoop.Id, claimId);
            var definition = _walker.Accept(segment, key, context);
            if (definition is null)
            {
                return;
            }

            var loop = definition.Loop;
            if (_claimViews)
            {
                OnClaimSegment(segment, key, loop, offset);
            }

            if (_attachment is not null)
            {
                var before = _attachment.CurrentDocument?.LoincCodes.Count ?? 0;
                _attachment.OnSegment(segment, key, offset);
                if (key == Stc && _attachment.CurrentDocument is { } document)
                {
                    CheckLoincCodes(document, before, context with { LoopId = loop.Id });
                }
            }
            if (!loop.IsClaimScope)
            {
                claimId = null;
            }
            else if (_claimId is { } current)
            {
                claimId = current;
            }

            var placed = context with { LoopId = loop.Id, ClaimId = claimId };
            var raw = segment.Raw;
            if (!_clean.Contains(definition, raw, out var hash))
            {
                var reported = _sink!.Reported;
                ElementRules.Check(segment, definition, placed, _sink);
                if (_sink.Reported == reported)
                {
                    _clean.Add(definition, raw, hash);
                }
            }

            if (owner._options.TypedViews)
            {
                ApplySituationalRules(segment, key, definition, placed);
            }

            if (key == Hl)
            {
                if (!_parentLevels.TryGetValue(loop, out var parentLevel))
                {
                    // Once per loop and run: a large batch has tens of thousands of HL segments in a handful of loops.
                    parentLevel = ParentLevel(loop);
                    _parentLevels[loop] = parentLevel;
                }

                _hierarchy.OnLevel(segment, context with { LoopId = loop.Id }, parentLevel);
            }
            else if (key == Bht && _position == 2)
            {
                _transaction!.Reference = segment.GetString(3);
            }

            if (reader.HasBinaryPayload)
            {
                if (reader.BinaryPayloadLength == 0)
                {
                    _sink!.Element(placed, SnipLevel.Implementation, segment.ElementCount, 0, 0, null,
                        $"{definition.Id}{segment.ElementCount:00}", "1", null, $"{definition.Name} ({definition.Id}) declares an empty payload: the attachment has no content.");
                }

                ConsumePayload(reader);
            }
        }

        /// <summary>The validator tracks the current claim's id itself (a CLM starts one, an HL ends it) so that findings
        /// name it without waiting for the claim view, which may be built on another thread.</summary>
        private void OnClaimSegment(in X12Segment segment, int key, Guides.LoopDefinition loop, long offset)
        {
            if (_claims is not null && offset >= _laneFrom)
            {
                MoveClaimsToLane();
            }

            if (key == Clm)
            {
                _claimId = X12Text.ToText(segment[1]);
            }
            else if (key == Hl)
            {
                _claimId = null;
            }

            if (_claims is not null)
            {
                _claims.OnSegment(segment, key, loop, offset, _position);
            }
            else
            {
                _lane!.Add(segment, key, loop, offset, _position);
            }
        }

        /// <summary>From here on the builder works on the lane's thread, also when that happens in the middle of a transaction
        /// set: everything it was handed so far happened before the lane takes it (the hand-over is a memory barrier).</summary>
        private void MoveClaimsToLane()
        {
            _lane ??= new ClaimLane(cancellationToken);
            _lane.Begin(_claims!);
            _claims = null;
            Report.ClaimsBuiltAlongside = true;
        }

        /// <summary>The HL level code (HL03) of the loop that holds this level's loop in the guide: 837 subscriber (22)
        /// sits under billing provider (20), patient (23) under subscriber (22); the first level has no parent.</summary>
        private static int? ParentLevel(Guides.LoopDefinition loop)
        {
            for (var parent = loop.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent.Trigger.Id == "HL" && parent.Trigger.QualifierCodes is { Count: 1 } codes)
                {
                    return SegmentKey.Of(codes.Codes[0]);
                }
            }

            return null;
        }

        /// <summary>SNIP 4 rules stated as data: inside a claim they reject the claim (277CA), elsewhere the transaction set.</summary>
        private void ApplySituationalRules(in X12Segment segment, int key, SegmentDefinition definition, in FindingContext context)
        {
            if (!_situational.TryGetValue(key, out var rules))
            {
                return;
            }

            foreach (var rule in rules)
            {
                if (!rule.Applies(segment))
                {
                    continue;
                }

                var position = rule.FirstViolation(segment, out var missing);
                if (position == 0)
                {
                    continue;
                }

                var element = position <= definition.Elements.Count ? definition.Elements[position - 1] : null;
                if (!missing && element?.Usage == Usage.NotUsed)
                {
                    // The guide never uses this element here: SNIP 2 has already said so.
                    continue;
                }

                var message = rule.Describe(segment);
                if (definition.Loop.IsClaimScope && _claimId is { } claimId)
                {
                    var finding = new X12Finding
                    {
                        Snip = SnipLevel.Situational,
                        Scope = FindingScope.Claim,
                        Rule = rule.Id,
                        Message = $"Claim {claimId}: {message}",
                        ClaimId = claimId,
                        SegmentId = definition.Id,
                        SegmentPosition = context.SegmentPosition,
                        Offset = context.Offset,
                        LoopId = context.LoopId,
                        ElementPosition = position,
                        ElementReference = element?.Reference,
                        ClaimStatusCode = rule.StatusCode,
                    };

                    // The claim is the builder's: with a lane, on the lane's thread, where the finding goes over in file
                    // order and lands where the one-thread path puts it.
                    if (_claims is not null)
                    {
                        _claims.AddFinding(finding);
                    }
                    else
                    {
                        _lane!.AddFinding(finding);
                    }
                }
                else
                {
                    _sink!.Element(context, SnipLevel.Situational, position, 0, 0, element?.DataElement, element?.Reference, missing ? "2" : "10",
                        missing ? null : X12Text.ToText(segment[position]), message);
                }
            }
        }

        /// <summary>SNIP 5 for a 275: each attachment type it names is a LOINC code with a true check digit.</summary>
        private void CheckLoincCodes(AttachmentDocument document, int from, in FindingContext context)
        {
            // Codes reach here only in the LOINC shape (at most 7 digits, a hyphen, a check digit).
            Span<byte> buffer = stackalloc byte[16];
            for (var i = from; i < document.LoincCodes.Count; i++)
            {
                var code = document.LoincCodes[i];
                var length = System.Text.Encoding.ASCII.GetBytes(code, buffer);
                if (CodeSets.LoincCode.Check(buffer[..length]) != CodeSets.CodeCheckResult.Valid)
                {
                    _sink!.Element(context, SnipLevel.CodeSets, 1, 2, 0, "1271", "STC01-02", "7", code,
                        $"Attachment type '{code}' is not a LOINC code: its check digit is wrong.");
                }
            }
        }

        private void ConsumePayload(X12Reader reader)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var payload = new HashingReadStream(reader.OpenBinaryPayload(), hash);
            var document = _attachment?.CurrentDocument;
            var info = new BinaryPayload(_transaction!.ControlNumber, _position, document?.Number ?? 0, reader.BinaryPayloadLength);
            owner._options.BinaryPayloadSink?.Invoke(info, payload);
            payload.CopyTo(Stream.Null);
            if (document is not null)
            {
                document.Length = reader.BinaryPayloadLength;
                document.Sha256 = hash.GetHashAndReset();
            }
        }

        private void OnTransactionEnd(in X12Segment se, long offset)
        {
            if (_transaction is null)
            {
                OutsideEnvelope(se, offset);
                return;
            }

            _position++;
            var transaction = _transaction;
            var context = Context("SE", offset);
            if (_walker is not null)
            {
                var definition = _walker.Accept(se, SegmentKey.Of("SE"u8), context);
                if (definition is not null)
                {
                    ElementRules.Check(se, definition, context with { LoopId = definition.Loop.Id }, _sink!);
                }
            }

            _hierarchy.End(context);
            if (!X12Text.TryParseDigits(se[1], out var count) || count != _position)
            {
                _sink!.Envelope(context, "4", $"SE01 says {X12Text.ToText(se[1])} segments; the transaction set has {_position} (ST to SE).");
            }

            if (!X12Text.Is(se[2], transaction.ControlNumber))
            {
                _sink!.Envelope(context, "3",
                    $"SE02 '{X12Text.ToText(se[2])}' does not match the ST02 control number '{transaction.ControlNumber}'.");
            }

            FinishTransaction();
        }

        private void CloseTransaction(long offset, bool missingTrailer)
        {
            if (_transaction is null)
            {
                return;
            }

            if (missingTrailer)
            {
                _walker?.End(Context("SE", offset));
                _sink!.Envelope(Context("SE", offset), "2", $"Transaction set {_transaction.ControlNumber} has no SE trailer.");
            }

            FinishTransaction();
        }

        private void FinishTransaction()
        {
            var transaction = _transaction!;
            transaction.SegmentCount = _position;
            if (_sink!.Truncated)
            {
                transaction.Findings.Add(new X12Finding
                {
                    Snip = SnipLevel.Syntax,
                    Scope = FindingScope.TransactionSet,
                    Message = $"More than {owner._options.MaxFindingsPerTransaction} problems; the rest are not listed.",
                    SegmentId = "SE",
                    SegmentPosition = _position,
                    EnvelopeErrorCode = "5",
                });
            }

            // The claims' edits run as each claim completes, on the lane's thread when there is one; the builder also
            // marks every claim of a set whose syntax failed.
            var accepted = transaction.SyntaxAccepted;
            if (_claims is not null)
            {
                _claims.Finish(accepted);
            }
            else if (_claimViews)
            {
                _lane!.End(accepted);
            }

            _transaction = null;
            _walker = null;
            _claims = null;
            _claimViews = false;
            _claimId = null;
            _attachment = null;
        }

        private void CloseGroup(long offset, bool missingTrailer)
        {
            CloseTransaction(offset, missingTrailer: true);
            if (_group is null)
            {
                return;
            }

            if (missingTrailer)
            {
                AddGroupFinding(_group, "3", "GE", offset, $"Functional group {_group.ControlNumber} has no GE trailer.");
            }

            _group = null;
        }

        private void CloseAll(long offset)
        {
            if (_group is not null)
            {
                CloseGroup(offset, missingTrailer: true);
            }

            if (_interchange is not null)
            {
                AddInterchangeFinding(_interchange, "023", "IEA", offset, "The file ended before the interchange's IEA trailer.");
                _interchange = null;
            }
        }

        private void OutsideEnvelope(in X12Segment segment, long offset)
        {
            var id = X12Text.ToText(segment.Id);
            var message = $"Segment {id} appears outside the envelope that should hold it (ISA → GS → ST … SE → GE → IEA).";
            if (id.Length > 0 && char.IsWhiteSpace(id[0]))
            {
                id = id.Trim();
                message = $"Segment {id} starts with spaces or tabs: X12 allows nothing but line breaks between segments (is the file indented?).";
            }

            if (_interchange is { Findings.Count: >= EnvelopeFindingLimit } || _group is { Findings.Count: >= EnvelopeFindingLimit })
            {
                return;
            }

            if (_group is not null)
            {
                AddGroupFinding(_group, "3", id, offset, message);
            }
            else if (_interchange is not null)
            {
                AddInterchangeFinding(_interchange, "024", id, offset, message);
            }
            else if (Report.Interchanges.Count > 0)
            {
                AddInterchangeFinding(Report.Interchanges[^1], "022", id, offset, message);
            }
            else
            {
                Report.Unreadable ??= message;
            }
        }

        private FindingContext Context(string segmentId, long offset) =>
            new(segmentId, _position, offset, _walker?.Guide.Transaction.Id, null);

        private static void AddInterchangeFinding(InterchangeResult interchange, string code, string segment, long offset, string message) =>
            interchange.Findings.Add(new X12Finding
            {
                Snip = SnipLevel.Syntax,
                Scope = FindingScope.Interchange,
                SegmentId = segment,
                Offset = offset,
                EnvelopeErrorCode = code,
                Message = message,
            });

        private static void AddGroupFinding(FunctionalGroupResult group, string code, string segment, long offset, string message) =>
            group.Findings.Add(new X12Finding
            {
                Snip = SnipLevel.Syntax,
                Scope = FindingScope.FunctionalGroup,
                SegmentId = segment,
                Offset = offset,
                EnvelopeErrorCode = code,
                Message = message,
            });
    }
}
