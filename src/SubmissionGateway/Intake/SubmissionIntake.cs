using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SubmissionGateway.Claims;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Forwarding;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.PhiFields;
using SubmissionGateway.Telemetry;
using SubmissionGateway.X12.Acknowledgments;
using SubmissionGateway.X12.Claims;
using SubmissionGateway.X12.Validation;

using SubmissionGateway.Limits;

namespace SubmissionGateway.Intake;

/// <summary>
/// The path an 837 walks: stored encrypted, validated (SNIP 1-5), answered (TA1/999, 277CA), its accepted claims
/// indexed, split per payer and re-enveloped under the gateway's own control numbers, each payer's interchange
/// stored, recorded in the disclosure ledger and queued, all in one database transaction. A repeat of the same
/// submission (same bytes under a used Idempotency-Key or ISA13) returns the first answer and discloses nothing again;
/// a different body under a used key or ISA13 is refused, never answered with another file's result.
/// </summary>
public sealed class SubmissionIntake
{
    /// <summary>Associated data for the stored answer.</summary>
    public const string ResultPurpose = "submissions.result";

    private const string TransactionType = "837";
    private const string ContentType = "application/edi-x12";

    private static readonly JsonSerializerOptions ResultJson = new(JsonSerializerDefaults.Web);

    // Every submission asks one of these before anything is written: compiled once, not translated per call.
    private static readonly CompiledPerModel<Func<GatewayDbContext, string, string, CancellationToken, Task<Submission?>>> ByIdempotencyKey =
        new(() => EF.CompileAsyncQuery((GatewayDbContext db, string submitterId, string key, CancellationToken _) =>
            db.Set<Submission>().AsNoTracking().Where(s => s.SubmitterId == submitterId && s.IdempotencyKey == key)
                .OrderBy(s => s.ReceivedAt).FirstOrDefault()));

    private static readonly CompiledPerModel<Func<GatewayDbContext, string, string, CancellationToken, Task<Submission?>>> ByInterchange =
        new(() => EF.CompileAsyncQuery((GatewayDbContext db, string submitterId, string controlNumber, CancellationToken _) =>
            db.Set<Submission>().AsNoTracking().Where(s => s.SubmitterId == submitterId && s.InterchangeControlNumber == controlNumber)
                .OrderBy(s => s.ReceivedAt).FirstOrDefault()));

    private readonly IDbContextFactory<GatewayDbContext> _databases;
    private readonly IAttachmentStore _store;
    private readonly ClaimIndex _claims;
    private readonly DisclosureForwarder _forwarder;
    private readonly PayerRegistry _payers;
    private readonly ControlNumbers _controlNumbers;
    private readonly PhiFieldProtector _protector;
    private readonly X12Validator _validator;
    private readonly IntakeOptions _options;
    private readonly TimeProvider _time;
    private readonly GatewayMetrics? _metrics;

    public SubmissionIntake(
        IDbContextFactory<GatewayDbContext> databases,
        IAttachmentStore store,
        ClaimIndex claims,
        DisclosureForwarder forwarder,
        PayerRegistry payers,
        ControlNumbers controlNumbers,
        PhiFieldProtector protector,
        X12Validator validator,
        IOptions<IntakeOptions> options,
        TimeProvider time,
        GatewayMetrics? metrics = null)
    {
        _databases = databases ?? throw new ArgumentNullException(nameof(databases));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _claims = claims ?? throw new ArgumentNullException(nameof(claims));
        _forwarder = forwarder ?? throw new ArgumentNullException(nameof(forwarder));
        _payers = payers ?? throw new ArgumentNullException(nameof(payers));
        _controlNumbers = controlNumbers ?? throw new ArgumentNullException(nameof(controlNumbers));
        _protector = protector ?? throw new ArgumentNullException(nameof(protector));
        _validator = validator ?? throw new ArgumentNullException(nameof(validator));
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _metrics = metrics;
    }

    /// <summary>Processes one interchange posted by <paramref name="submitterId"/>.</summary>
    /// <exception cref="SubmissionRefusedException">Not X12, more than one interchange, or sent under another submitter's id; nothing was stored.</exception>
    public async Task<SubmissionResult> SubmitAsync(Stream x12, string submitterId, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(x12);
        ArgumentException.ThrowIfNullOrWhiteSpace(submitterId);
        using var activity = GatewayActivities.Source.StartActivity("sgw.intake.submit");
        activity?.SetTag(GatewayMetrics.TransactionTypeTag, TransactionType);
        _metrics?.SubmissionReceived(TransactionType);
        submitterId = submitterId.Trim();
        idempotencyKey = string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey.Trim();
        if (idempotencyKey is { Length: > 200 })
        {
            throw new RequestRefusedException("idempotency-key-too-long", "The idempotency key is longer than 200 characters.", nameof(idempotencyKey));
        }

        // A small body is kept in memory for this request: it is validated and re-enveloped from that copy while its
        // encrypted original is being stored. A larger one goes to the encrypted store first and every later pass
        // reads it back from there, so it is never held whole in memory. The body's hash is what tells a true repeat
        // (answered with the first answer) from a different file under a used key or ISA13 (refused).
        var (body, rest) = await ReadIfSmallAsync(x12, _options.InMemoryBodyLimit, cancellationToken).ConfigureAwait(false);
        // A small original is sealed into the database with the ledger entries (nothing to store before, nothing to
        // remove after a refusal); any other goes to the store while it is being validated.
        var inline = _store as InlinePayloadStore;
        var originalInline = inline is not null && body is not null && body.Length <= _options.InlinePayloadLimit;
        var storingOriginal = originalInline ? null
            : body is null ? _store.PutAsync(rest!, cancellationToken)
            : Task.Run(() => _store.PutAsync(new MemoryStream(body, writable: false), cancellationToken), cancellationToken);
        var stored = new List<AttachmentId>();
        var inlineRows = new List<InlinePayload>();
        var committed = false;
        string? interchangeControlNumber = null;
        try
        {
            var original = body is null ? await storingOriginal!.ConfigureAwait(false) : null;
            var bodySha256 = original?.Sha256 ?? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body!));
            Func<CancellationToken, Task<Stream>> openOriginal = body is null
                ? ct => _store.OpenReadAsync(original!.Id, ct)
                : _ => Task.FromResult<Stream>(new MemoryStream(body, writable: false));
            if (idempotencyKey is not null
                && await RepeatOfAsync((db, ct) => ByIdempotencyKey.For(db)(db, submitterId, idempotencyKey, ct), bodySha256,
                    SubmissionRefusal.IdempotencyKeyReused, "The Idempotency-Key", cancellationToken).ConfigureAwait(false) is { } earlier)
            {
                return earlier;
            }

            var report = await ValidateAsync(openOriginal, cancellationToken).ConfigureAwait(false);
            var interchange = PostedInterchange.Single(report, "submission");
            interchangeControlNumber = interchange.ControlNumber;
            if (!string.Equals(interchange.SenderId.Trim(), submitterId, StringComparison.Ordinal))
            {
                throw new SubmissionRefusedException(SubmissionRefusal.SubmitterMismatch,
                    $"The interchange's sender (ISA06 '{interchange.SenderId.Trim()}') is not the submitter '{submitterId}' this client is authorized for.");
            }

            if (await RepeatOfAsync((db, ct) => ByInterchange.For(db)(db, submitterId, interchange.ControlNumber, ct), bodySha256,
                    SubmissionRefusal.InterchangeReused, $"The interchange control number (ISA13) {interchange.ControlNumber}", cancellationToken)
                    .ConfigureAwait(false) is { } repeat)
            {
                return repeat;
            }

            var receivedAt = _time.GetUtcNow();
            // Time-ordered (UUIDv7): the submission's rows and its index entries land at the ends of their indexes.
            var submissionId = Guid.CreateVersion7(receivedAt).ToString("N");
            var (acknowledgment, claimAcknowledgment) = await AcknowledgeAsync(interchange, cancellationToken).ConfigureAwait(false);
            var allClaims = interchange.Groups.SelectMany(g => g.Transactions).SelectMany(t => t.Claims).ToList();
            var rejectedAround = RejectedWithTheirEnvelope(report, interchange);
            bool Accepted(Claim claim) => claim.Accepted && !rejectedAround.ContainsKey(claim);
            var routed = allClaims
                .Where(c => Accepted(c) && c.Payer?.Id is { Length: > 0 } payer && _payers.Refusal(payer, TransactionType, 0) is null)
                .ToHashSet();
            var payloads = await WritePayerInterchangesAsync(openOriginal, interchange, [.. allClaims.Where(routed.Contains)], cancellationToken).ConfigureAwait(false);
            var requests = new List<ForwardingRequest>();
            foreach (var payload in payloads.Values)
            {
                AttachmentReceipt receipt;
                if (inline is not null && payload.Bytes.Length <= _options.InlinePayloadLimit)
                {
                    var draft = await inline.SealAsync(payload.Bytes, deliveryFinishedAt: null, cancellationToken).ConfigureAwait(false);
                    inlineRows.Add(draft.Row);
                    receipt = draft.Receipt;
                }
                else
                {
                    receipt = await _store.PutAsync(new MemoryStream(payload.Bytes, writable: false), cancellationToken).ConfigureAwait(false);
                    stored.Add(receipt.Id);
                }

                payload.Reference = receipt.Id.Value;
                payload.Sha256 = receipt.Sha256;
                // One ledger entry per patient in the payload: the accounting of disclosures is kept per patient.
                foreach (var patientClaims in allClaims.Where(c => routed.Contains(c) && c.Payer!.Id == payload.PayerId).GroupBy(ClaimIndex.PatientOf))
                {
                    requests.Add(new ForwardingRequest(
                        patientClaims.Key, payload.PayerId, TransactionType, payload.ControlNumber, payload.Reference, ContentType,
                        new DisclosedContent(
                            [.. patientClaims.Select(c => c.Id)],
                            [.. patientClaims.SelectMany(ServiceDates).Distinct().Order()],
                            [new DisclosedDocument("837", null, receipt.Size, receipt.Sha256)]),
                        DisclosurePurpose.Payment, _options.LegalBasis, submitterId, submissionId)
                    {
                        Stored = receipt,
                    });
                }
            }

            // The original itself is never sent (payers get the re-enveloped copies, whose clocks start when their
            // delivery ends), so its retention clock starts at receipt, accepted or rejected; the answer and the body
            // hash stay in the database for replays. Before the commit, so a failure here leaves nothing behind.
            AttachmentId originalId;
            if (originalInline)
            {
                var draft = await inline!.SealAsync(body!, deliveryFinishedAt: receivedAt, cancellationToken).ConfigureAwait(false);
                inlineRows.Add(draft.Row);
                originalId = draft.Receipt.Id;
            }
            else
            {
                var storedOriginal = original ?? await storingOriginal!.ConfigureAwait(false);
                await _store.MarkDeliveryFinishedAsync(storedOriginal.Id, receivedAt, cancellationToken).ConfigureAwait(false);
                originalId = storedOriginal.Id;
            }

            var outcomes = allClaims.Select(c => new ClaimOutcome(c.Id, c.Payer?.Id, Accepted(c), Reasons(c, rejectedAround), routed.Contains(c))).ToList();
            SubmissionResult? result = null;
            await _forwarder.ForwardTogetherAsync(requests, (db, pending, ct) =>
            {
                db.Set<InlinePayload>().AddRange(inlineRows);
                var keys = new Dictionary<string, string>(StringComparer.Ordinal);
                var sequences = new Dictionary<string, List<long>>(StringComparer.Ordinal);
                for (var i = 0; i < requests.Count; i++)
                {
                    keys[requests[i].PayloadReference] = pending[i].IdempotencyKey;
                    if (!sequences.TryGetValue(requests[i].PayloadReference, out var list))
                    {
                        sequences[requests[i].PayloadReference] = list = [];
                    }

                    list.Add(pending[i].Sequence);
                }

                foreach (var claim in allClaims.Where(Accepted))
                {
                    var forwarded = routed.Contains(claim) ? payloads[claim.Payer!.Id!] : null;
                    db.Set<IndexedClaim>().Add(_claims.Draft(submissionId, submitterId, claim,
                        forwarded is null ? ClaimDeliveryStatus.NoPayerRoute : ClaimDeliveryStatus.Queued,
                        forwarded is null ? null : keys[forwarded.Reference]));
                }

                result = new SubmissionResult(
                    submissionId, submitterId, interchange.ControlNumber, receivedAt, acknowledgment, claimAcknowledgment, outcomes,
                    [.. payloads.Values.Select(p => new PayerForward(
                        p.PayerId, p.ControlNumber, p.ClaimIds, p.Reference, p.Sha256, keys[p.Reference], sequences[p.Reference]))]);

                // Saved with everything else: its unique indexes decide a race between two equal posts.
                db.Set<Submission>().Add(new Submission
                {
                    Id = submissionId,
                    SubmitterId = submitterId,
                    IdempotencyKey = idempotencyKey,
                    InterchangeControlNumber = interchange.ControlNumber,
                    ReceivedAt = receivedAt.UtcDateTime,
                    OriginalPayload = originalId.Value,
                    BodySha256 = bodySha256,
                    ClaimCount = allClaims.Count,
                    AcceptedClaimCount = allClaims.Count(Accepted),
                    ResultCiphertext = _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(result, ResultJson), ResultPurpose),
                });
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);

            committed = true;
            activity?.SetTag("sgw.submission.id", submissionId);
            activity?.SetTag("sgw.claims", allClaims.Count);
            RecordVerdict(report, allClaims, Accepted);
            return result!;
        }
        catch (SubmissionRefusedException refused)
        {
            _metrics?.SubmissionRefused(TransactionType, refused.Reason switch
            {
                SubmissionRefusal.SubmitterMismatch => "submitter-mismatch",
                SubmissionRefusal.InterchangeReused => "interchange-reused",
                SubmissionRefusal.IdempotencyKeyReused => "idempotency-key-reused",
                _ => "unreadable",
            });
            throw;
        }
        catch (DbUpdateException) when (!committed)
        {
            // Lost a race with an identical post: the unique index kept the other one; answer with its result.
            // The winner's body is compared like any earlier one's: a different file that lost the race is refused.
            var bodySha256 = body is null ? (await storingOriginal!.ConfigureAwait(false)).Sha256
                : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body));
            if (await FindRepeatAsync(submitterId, idempotencyKey, interchangeControlNumber, bodySha256, cancellationToken).ConfigureAwait(false) is { } winner)
            {
                return winner;
            }

            throw;
        }
        finally
        {
            if (!committed)
            {
                // The original may still be on its way into the store (a small body, refused early): wait for it, so
                // it is shredded too. A put that failed stored nothing.
                if (storingOriginal is not null)
                {
                    await Task.WhenAny(storingOriginal).ConfigureAwait(false);
                    if (storingOriginal.IsCompletedSuccessfully)
                    {
                        stored.Add(storingOriginal.Result.Id);
                    }
                    else
                    {
                        _ = storingOriginal.Exception;
                    }
                }

                foreach (var id in stored)
                {
                    await _store.DeleteAsync(id, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }

    private void RecordVerdict(ValidationReport report, List<Claim> claims, Func<Claim, bool> accepted)
    {
        if (_metrics is null)
        {
            return;
        }

        // SNIP 1 when nothing more specific is known (the input stopped being readable part-way).
        var findings = report.Findings.ToList();
        var lowest = findings.Count == 0 ? SnipLevel.Syntax : findings.Min(f => f.Snip);
        foreach (var claim in claims.Where(c => !accepted(c)))
        {
            // A claim rejected with its transaction set has no findings of its own: the set's level is its level.
            _metrics.ClaimRejected(TransactionType, claim.Findings.Count == 0 ? lowest : claim.Findings.Min(f => f.Snip));
        }

        if (report.Accepted)
        {
            _metrics.SubmissionAccepted(TransactionType);
        }
        else
        {
            _metrics.SubmissionRejected(TransactionType, lowest);
        }
    }

    /// <summary>
    /// The whole body when it ends within <paramref name="limit"/> bytes; otherwise null and a stream that reads the
    /// body from its start (what was read so far, then the rest), so a large body is never held whole.
    /// </summary>
    private static async Task<(byte[]? Body, Stream? Stream)> ReadIfSmallAsync(Stream x12, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return (null, x12);
        }

        var buffer = new byte[Math.Min(limit + 1, 16 * 1024)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limit)
                {
                    return (null, new PrefixedReadStream(buffer.AsMemory(0, length), x12));
                }

                Array.Resize(ref buffer, Math.Min(limit + 1, buffer.Length * 2));
            }

            var read = await x12.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return (length == buffer.Length ? buffer : buffer[..length], null);
            }

            length += read;
        }
    }

    private async Task<ValidationReport> ValidateAsync(Func<CancellationToken, Task<Stream>> openOriginal, CancellationToken cancellationToken)
    {
        using var activity = GatewayActivities.Source.StartActivity("sgw.intake.validate");
        var stream = await openOriginal(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return _validator.Validate(stream, cancellationToken);
        }
    }

    private async Task<(byte[] Acknowledgment, byte[] ClaimAcknowledgment)> AcknowledgeAsync(InterchangeResult interchange, CancellationToken cancellationToken)
    {
        // The 999 and the 277CA: their numbers are reserved together.
        var options = await _controlNumbers.ReserveForAcknowledgmentsAsync(interchange, 2, _options, _time, cancellationToken).ConfigureAwait(false);
        return (AcknowledgmentWriter.Write(interchange, options), ClaimAcknowledgmentWriter.Write(interchange, options));
    }

    private async Task<Dictionary<string, PayerPayload>> WritePayerInterchangesAsync(
        Func<CancellationToken, Task<Stream>> openOriginal, InterchangeResult interchange, IReadOnlyList<Claim> routed, CancellationToken cancellationToken)
    {
        var payers = routed.Select(c => c.Payer!.Id!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (payers.Count == 0)
        {
            return [];
        }

        var perPayer = 1 + interchange.Groups.Count;
        var first = await _controlNumbers.ReserveAsync(payers.Count * perPayer, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var envelopes = payers.Select((p, i) => (p, e: new PayerEnvelope(p, first + (i * perPayer), first + (i * perPayer) + 1, now)))
            .ToDictionary(x => x.p, x => x.e, StringComparer.Ordinal);
        var stream = await openOriginal(cancellationToken).ConfigureAwait(false);
        Dictionary<string, byte[]> written;
        await using (stream.ConfigureAwait(false))
        {
            written = PayerInterchangeWriter.Write(
                stream, routed.ToDictionary(c => c.Offset, c => c.Payer!.Id!), envelopes, _options.SenderQualifier, _options.SenderId, cancellationToken);
        }

        var payloads = new Dictionary<string, PayerPayload>(StringComparer.Ordinal);
        foreach (var payer in payers)
        {
            var claimIds = routed.Where(c => c.Payer!.Id == payer).Select(c => c.Id).ToList();
            var bytes = written[payer];

            // What leaves must pass our own engine as the original did: a writer bug must never reach a payer.
            using var check = new MemoryStream(bytes, writable: false);
            var report = _validator.Validate(check, cancellationToken);
            var claims = report.Transactions.SelectMany(t => t.Claims).ToList();
            if (!report.Accepted || claims.Count != claimIds.Count || !claims.TrueForAll(c => c.Accepted))
            {
                var finding = report.Findings.FirstOrDefault()?.Message ?? "its claims do not match the original's";
                throw new InvalidOperationException($"The interchange written for payer {payer} does not validate: {finding}");
            }

            var controlNumber = ControlNumbers.ToControlNumber(envelopes[payer].InterchangeNumber).ToString("000000000", CultureInfo.InvariantCulture);
            payloads.Add(payer, new PayerPayload(payer, controlNumber, bytes, claimIds));
        }

        return payloads;
    }

    private static IReadOnlyList<string> Reasons(Claim claim, Dictionary<Claim, string> rejectedAround)
    {
        var reasons = claim.Findings.Where(f => f.Scope == FindingScope.Claim).Select(f => f.Message).Distinct().ToList();
        if (!claim.SyntaxAccepted && reasons.Count == 0)
        {
            reasons.Add("The transaction set holding this claim was rejected (see the 999).");
        }

        if (rejectedAround.TryGetValue(claim, out var around))
        {
            reasons.Add(around);
        }

        return reasons;
    }

    /// <summary>
    /// The claims whose interchange the TA1 rejects, whose functional group the 999 rejects, or whose file could not be read
    /// to its end, with why. None of them goes to a payer, whatever its own edits say: fuzzing the intake found a cut-off
    /// file whose envelope was rejected but whose one claim was routed, and re-reading that file for the payer failed.
    /// </summary>
    private static Dictionary<Claim, string> RejectedWithTheirEnvelope(ValidationReport report, InterchangeResult interchange)
    {
        var rejected = new Dictionary<Claim, string>(ReferenceEqualityComparer.Instance);
        foreach (var group in interchange.Groups)
        {
            if (report.Unreadable is null && interchange.AcceptsClaimsOf(group))
            {
                continue;
            }

            var reason = report.Unreadable is not null ? "The file could not be read to its end, so nothing in it is sent (see the acknowledgments)."
                : !interchange.EnvelopeAccepted ? "The interchange envelope was rejected (see the TA1)."
                : "The functional group holding this claim was rejected (see the 999).";
            foreach (var claim in group.Transactions.SelectMany(t => t.Claims))
            {
                rejected[claim] = reason;
            }
        }

        return rejected;
    }

    private static IEnumerable<DateOnly> ServiceDates(Claim claim) =>
        claim.DatesOfService is { } dates ? [dates.From, dates.To] : [];

    private async Task<SubmissionResult?> FindRepeatAsync(
        string submitterId, string? idempotencyKey, string? interchangeControlNumber, string bodySha256, CancellationToken cancellationToken) =>
        (idempotencyKey is null ? null
            : await RepeatOfAsync((db, ct) => ByIdempotencyKey.For(db)(db, submitterId, idempotencyKey, ct), bodySha256,
                SubmissionRefusal.IdempotencyKeyReused, "The Idempotency-Key", cancellationToken).ConfigureAwait(false))
        ?? (interchangeControlNumber is null ? null
            : await RepeatOfAsync((db, ct) => ByInterchange.For(db)(db, submitterId, interchangeControlNumber, ct), bodySha256,
                SubmissionRefusal.InterchangeReused, $"The interchange control number (ISA13) {interchangeControlNumber}", cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// The first answer when an earlier submission matches and its body is the same bytes; null when none matches.
    /// </summary>
    /// <exception cref="SubmissionRefusedException">An earlier submission matches but its body differs.</exception>
    private async Task<SubmissionResult?> RepeatOfAsync(
        Func<GatewayDbContext, CancellationToken, Task<Submission?>> find, string bodySha256, SubmissionRefusal reuse, string what,
        CancellationToken cancellationToken)
    {
        await using var db = _databases.CreateDbContext();
        var submission = await find(db, cancellationToken).ConfigureAwait(false);
        if (submission is null)
        {
            return null;
        }

        var earlierSha256 = submission.BodySha256 ?? await HashOriginalAsync(submission, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(earlierSha256, bodySha256, StringComparison.OrdinalIgnoreCase))
        {
            // Answering the first file's result here would tell the sender a file was taken that was never read.
            throw new SubmissionRefusedException(reuse,
                $"{what} was already used by this submitter for submission {submission.Id}, received {submission.ReceivedAt:yyyy-MM-dd'T'HH:mm:ss'Z'}, "
                + "with a different body. Nothing was stored or sent: resend the same bytes to get the first answer, or send a corrected file "
                + (reuse == SubmissionRefusal.InterchangeReused ? "under a new ISA13." : "under a new Idempotency-Key."));
        }

        var result = JsonSerializer.Deserialize<SubmissionResult>(_protector.Unprotect(submission.ResultCiphertext, ResultPurpose), ResultJson)
            ?? throw new InvalidOperationException($"Submission {submission.Id} has no stored answer.");
        return result with { Replayed = true };
    }

    /// <summary>
    /// Rows written before the body hash was kept: the stored original is hashed instead. When retention has already
    /// removed it, sameness cannot be shown, so the repeat is treated as a different body.
    /// </summary>
    private async Task<string?> HashOriginalAsync(Submission submission, CancellationToken cancellationToken)
    {
        if (!AttachmentId.TryParse(submission.OriginalPayload, out var id))
        {
            return null;
        }

        Stream stream;
        try
        {
            stream = await _store.OpenReadAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (AttachmentNotFoundException)
        {
            return null;
        }

        await using (stream.ConfigureAwait(false))
        {
            var hash = await System.Security.Cryptography.SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return Convert.ToHexStringLower(hash);
        }
    }
}
