using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SubmissionGateway.AttachmentRequests;
using SubmissionGateway.Claims;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Forwarding;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.PhiFields;
using SubmissionGateway.X12.Acknowledgments;
using SubmissionGateway.X12.Attachments;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.Intake;

/// <summary>
/// A 275 posted directly by a billing system: validated (999 back), then matched before anything is kept. An
/// unsolicited 275 (TRN01=1) must answer a PWK06 attachment control number of one of the submitter's own claims; a
/// solicited one (TRN01=2) the payer's request number of an open attachment request about one of them. Patient,
/// claim id, payer and dates of service must agree, and for a request its LOINC codes, counts and sizes must fit
/// the scope. On success the 275 is recorded in the ledger and queued in one transaction; on refusal nothing of it
/// stays.
/// </summary>
public sealed partial class AttachmentIntake
{
    private const string TransactionType = "275";
    private const string Implementation = "005010X210";
    private const string ContentType = "application/edi-x12";

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

    public AttachmentIntake(
        IDbContextFactory<GatewayDbContext> databases,
        IAttachmentStore store,
        ClaimIndex claims,
        DisclosureForwarder forwarder,
        PayerRegistry payers,
        ControlNumbers controlNumbers,
        PhiFieldProtector protector,
        X12Validator validator,
        IOptions<IntakeOptions> options,
        TimeProvider time)
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
    }

    /// <summary>Takes one 275 interchange posted by <paramref name="submitterId"/>.</summary>
    /// <exception cref="SubmissionRefusedException">Not one X12 interchange, or sent under another submitter's id; nothing was kept.</exception>
    public Task<AttachmentIntakeResult> SubmitAsync(Stream x12, string submitterId, CancellationToken cancellationToken) =>
        SubmitAsync(x12, submitterId, submissionId: null, cancellationToken);

    /// <summary>As <see cref="SubmitAsync(Stream, string, CancellationToken)"/>, matching only the claims of <paramref name="submissionId"/> when given.</summary>
    internal async Task<AttachmentIntakeResult> SubmitAsync(Stream x12, string submitterId, string? submissionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(x12);
        ArgumentException.ThrowIfNullOrWhiteSpace(submitterId);
        submitterId = submitterId.Trim();

        // Stored encrypted first and read back from there: a 275 may carry tens of megabytes of documents.
        var original = await _store.PutAsync(x12, cancellationToken).ConfigureAwait(false);
        var committed = false;
        try
        {
            ValidationReport report;
            var stream = await _store.OpenReadAsync(original.Id, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                report = _validator.Validate(stream, cancellationToken);
            }

            var interchange = PostedInterchange.Single(report, "request");
            if (!string.Equals(interchange.SenderId.Trim(), submitterId, StringComparison.Ordinal))
            {
                throw new SubmissionRefusedException(SubmissionRefusal.SubmitterMismatch,
                    $"The interchange's sender (ISA06 '{interchange.SenderId.Trim()}') is not the submitter '{submitterId}' this client is authorized for.");
            }

            var acknowledgment = await AcknowledgeAsync(interchange, cancellationToken).ConfigureAwait(false);
            if (!report.Accepted)
            {
                return new(acknowledgment, null, AttachmentRefusal.Rejected(
                    [.. report.Findings.Take(20).Select(f => $"{f.SegmentId} (position {f.SegmentPosition.ToString(CultureInfo.InvariantCulture)}): {f.Message}")]));
            }

            var transactions = interchange.Groups.SelectMany(g => g.Transactions).ToList();
            if (transactions.Count != 1 || transactions[0].SetId != TransactionType || transactions[0].Implementation != Implementation
                || transactions[0].Attachment is not { } view)
            {
                return new(acknowledgment, null, AttachmentRefusal.NotAttachment(
                    $"Post one 275 ({Implementation}) transaction set per request; this interchange holds {transactions.Count} transaction set(s): "
                    + string.Join(", ", transactions.Select(t => $"{t.SetId} {t.Implementation}")) + "."));
            }

            var documents = DocumentsOf(view);
            var traceNumber = view.TraceNumber?.Trim() ?? "";
            var controlNumber = ControlNumberPattern().IsMatch(traceNumber) ? traceNumber : "ISA" + interchange.ControlNumber;

            // The same file again: answer with the first delivery, disclose nothing twice.
            var key = $"{controlNumber}:{original.Sha256}";
            if (await ReplayAsync(key, view, documents, cancellationToken).ConfigureAwait(false) is { } replay)
            {
                return new(acknowledgment, replay, null);
            }

            var subject = view.IsSolicited
                ? await MatchRequestAsync(view, documents, submitterId, submissionId, cancellationToken).ConfigureAwait(false)
                : await MatchClaimAsync(view, documents, submitterId, submissionId, cancellationToken).ConfigureAwait(false);
            if (subject.Refusal is not null)
            {
                return new(acknowledgment, null, subject.Refusal);
            }

            if (_payers.Refusal(subject.PayerId, TransactionType, 0) is { } payerRefusal)
            {
                return new(acknowledgment, null, AttachmentRefusal.PayerRefused(payerRefusal));
            }

            if (_payers.Refusal(subject.PayerId, TransactionType, original.Size) is not null)
            {
                return new(acknowledgment, null, AttachmentRefusal.Mismatch(
                    [new("size", string.Create(CultureInfo.InvariantCulture, $"The 275 is {original.Size} bytes; its payer accepts at most {_payers.Find(subject.PayerId)!.MaxPayloadBytes}."))]));
            }

            var attachmentId = Guid.NewGuid().ToString("N");
            var request = new ForwardingRequest(
                subject.Patient!, subject.PayerId, TransactionType, controlNumber, original.Id.Value, ContentType,
                new DisclosedContent(
                    [subject.ClaimId],
                    view.ServiceDateFrom is { } from ? [.. new[] { from, view.ServiceDateTo ?? from }.Distinct()] : [],
                    [.. documents.Select(d => new DisclosedDocument(d.Format ?? "275", d.LoincCode, d.Size, d.Sha256 ?? ""))]),
                subject.Purpose, _options.LegalBasis, submitterId, subject.RequestId ?? attachmentId);

            IReadOnlyList<ForwardingReceipt> receipts;
            try
            {
                receipts = await _forwarder.ForwardTogetherAsync([request], async (db, _, ct) =>
                {
                    // A solicited 275 closes the request it answers, in the same transaction as its ledger entry.
                    if (subject.RequestId is { } requestId)
                    {
                        var moved = await db.AttachmentRequests.Where(r => r.Id == requestId && r.State == AttachmentRequestState.Open)
                            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, AttachmentRequestState.Submitted)
                                .SetProperty(r => r.SubmittedAtMs, _time.GetUtcNow().ToUnixTimeMilliseconds()), ct).ConfigureAwait(false);
                        if (moved != 1)
                        {
                            throw new RequestClosedMeanwhileException();
                        }
                    }
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestClosedMeanwhileException)
            {
                return new(acknowledgment, null, AttachmentRefusal.RequestNotOpen("submitted"));
            }
            catch (PayerRefusedException ex)
            {
                return new(acknowledgment, null, AttachmentRefusal.PayerRefused(ex.Message));
            }

            committed = true;
            return new(acknowledgment, new AcceptedAttachment(
                attachmentId, view.IsSolicited, traceNumber, subject.ClaimId, subject.PayerId, subject.RequestId, documents,
                receipts[0].DisclosureSequence, receipts[0].IdempotencyKey, Replayed: false), null);
        }
        finally
        {
            if (!committed)
            {
                await _store.DeleteAsync(original.Id, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task<Subject> MatchClaimAsync(
        AttachmentTransaction view, List<AttachedDocument> documents, string submitterId, string? submissionId, CancellationToken cancellationToken)
    {
        var controlNumber = view.TraceNumber?.Trim() ?? "";
        var candidates = (await _claims.FindByAttachmentControlNumberAsync(controlNumber, cancellationToken).ConfigureAwait(false))
            .Where(c => c.SubmitterId == submitterId && (submissionId is null || c.SubmissionId == submissionId))
            .ToList();
        if (candidates.Count == 0)
        {
            // Another submitter's claim is answered exactly like no claim at all.
            return Subject.Refused(AttachmentRefusal.Mismatch([new("attachmentControlNumber",
                $"No claim {(submissionId is null ? "you submitted" : "in this submission")} announced attachment control number '{controlNumber}' (TRN02) in a PWK06.")]));
        }

        // A resubmission indexes the claim again: the latest claim naming this control number is the one the payer holds.
        var claim = candidates.LastOrDefault(c => c.ClaimId == view.PatientControlNumber?.Trim()) ?? candidates[^1];
        var patient = _claims.RevealPatient(claim);
        var mismatches = CompareWithClaim(view, documents, claim.ClaimId, claim.PayerId, patient, claim.ServiceFrom, claim.ServiceTo);
        return mismatches.Count > 0
            ? Subject.Refused(AttachmentRefusal.Mismatch(mismatches))
            : new Subject(null, claim.ClaimId, claim.PayerId, patient, null, DisclosurePurpose.Payment);
    }

    /// <summary>What an unsolicited 275 must agree with: the claim that announced its attachment control number.</summary>
    internal static List<AttachmentMismatch> CompareWithClaim(
        AttachmentTransaction view, IEnumerable<AttachedDocument> documents, string claimId, string payerId, PatientIdentity patient, DateOnly from, DateOnly to)
    {
        var mismatches = new List<AttachmentMismatch>();
        const string Against = "claim";
        AttachmentSubjectCheck.ClaimId(view, claimId, Against, mismatches);
        AttachmentSubjectCheck.Payer(view, payerId, Against, mismatches);
        AttachmentSubjectCheck.Patient(view.Patient, patient, Against, mismatches);
        AttachmentSubjectCheck.ServiceDates(view, from, to, Against, mismatches);
        foreach (var document in documents.Where(d => d.LoincCode is null))
        {
            mismatches.Add(new($"documents[{document.Number}].loinc", $"Document {document.Number} names no LOINC attachment code (STC01-2)."));
        }

        return mismatches;
    }

    internal static List<AttachedDocument> DocumentsOf(AttachmentTransaction view) =>
    [
        .. view.Documents.Select(d => new AttachedDocument(
            d.Number, d.LoincCodes.FirstOrDefault(), Format(d.Format), d.Length, d.Sha256 is null ? null : Convert.ToHexStringLower(d.Sha256))),
    ];

    private async Task<Subject> MatchRequestAsync(
        AttachmentTransaction view, List<AttachedDocument> documents, string submitterId, string? submissionId, CancellationToken cancellationToken)
    {
        var number = view.TraceNumber?.Trim() ?? "";
        AttachmentRequest? request;
        await using (var db = _databases.CreateDbContext())
        {
            request = await db.AttachmentRequests.AsNoTracking().Include(r => r.RequestedTypes).Include(r => r.Documents)
                .Where(r => r.PayerRequestNumber == number).OrderByDescending(r => r.CreatedAtMs)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }

        if (request is null || !await ConcernsAsync(request, submitterId, submissionId, cancellationToken).ConfigureAwait(false))
        {
            // A request about another submitter's claim is answered exactly like no request at all.
            return Subject.Refused(AttachmentRefusal.Mismatch([new("payerRequestNumber",
                $"No attachment request about a claim you submitted has the payer's request number '{number}' (TRN02).")]));
        }

        if (request.State != AttachmentRequestState.Open)
        {
            return Subject.Refused(AttachmentRefusal.RequestNotOpen(request.State.ToString().ToLowerInvariant()));
        }

        var expires = DateTimeOffset.FromUnixTimeMilliseconds(request.ExpiresAtMs);
        if (_time.GetUtcNow() >= expires)
        {
            return Subject.Refused(AttachmentRefusal.RequestExpired(expires));
        }

        var patient = new PatientIdentity(
            _protector.UnprotectString(request.PatientNameProtected, AttachmentRequestService.NamePurpose),
            _protector.UnprotectString(request.PatientMemberIdProtected, AttachmentRequestService.MemberIdPurpose),
            DateOnly.ParseExact(_protector.UnprotectString(request.PatientBirthDateProtected, AttachmentRequestService.BirthDatePurpose), "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var mismatches = new List<AttachmentMismatch>();
        const string Against = "request";
        AttachmentSubjectCheck.ClaimId(view, request.ClaimId, Against, mismatches);
        AttachmentSubjectCheck.Payer(view, request.PayerId, Against, mismatches);
        AttachmentSubjectCheck.Patient(view.Patient, patient, Against, mismatches);
        AttachmentSubjectCheck.ServiceDates(view, request.ServiceDateFrom, request.ServiceDateTo, Against, mismatches);
        Scope(request, documents, mismatches);

        return mismatches.Count > 0
            ? Subject.Refused(AttachmentRefusal.Mismatch(mismatches))
            : new Subject(null, request.ClaimId ?? request.PayerClaimControlNumber ?? "", request.PayerId, patient, request.Id, request.Purpose switch
            {
                AttachmentRequestPurpose.Appeal => DisclosurePurpose.Appeal,
                AttachmentRequestPurpose.DenialResponse => DisclosurePurpose.DenialResponse,
                _ => DisclosurePurpose.PayerRequestResponse,
            });
    }

    // Minimum necessary: only the document types asked for, no more of each than asked, none larger than allowed.
    private static void Scope(AttachmentRequest request, List<AttachedDocument> documents, List<AttachmentMismatch> mismatches)
    {
        var used = request.Documents.GroupBy(d => d.LoincCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var field = $"documents[{document.Number}]";
            var wanted = request.RequestedTypes.FirstOrDefault(t => t.LoincCode == document.LoincCode);
            if (wanted is null)
            {
                mismatches.Add(new(field + ".loinc", $"Document {document.Number}: the request does not ask for LOINC {document.LoincCode ?? "(none)"} (STC01-2)."));
            }
            else
            {
                used[wanted.LoincCode] = used.GetValueOrDefault(wanted.LoincCode) + 1;
                if (used[wanted.LoincCode] == wanted.Count + 1)
                {
                    mismatches.Add(new(field + ".loinc", string.Create(CultureInfo.InvariantCulture,
                        $"Document {document.Number}: the request takes {wanted.Count} document(s) of LOINC {wanted.LoincCode}; this one is more.")));
                }
            }

            if (document.Size > request.MaxDocumentBytes)
            {
                mismatches.Add(new(field + ".size", string.Create(CultureInfo.InvariantCulture,
                    $"Document {document.Number} is {document.Size} bytes; the request allows {request.MaxDocumentBytes} per document.")));
            }
        }

        var remaining = request.MaxTotalBytes - request.Documents.Sum(d => d.Size);
        var total = documents.Sum(d => d.Size);
        if (total > remaining)
        {
            mismatches.Add(new("size", string.Create(CultureInfo.InvariantCulture,
                $"The documents total {total} bytes; the request has {remaining} bytes left.")));
        }
    }

    // The request must be about a claim this submitter sent (in this submission, when one is given).
    private async Task<bool> ConcernsAsync(AttachmentRequest request, string submitterId, string? submissionId, CancellationToken cancellationToken)
    {
        var claims = request.ClaimId is { } claimId
            ? await _claims.FindByClaimIdAsync(submitterId, claimId, cancellationToken).ConfigureAwait(false)
            : request.PayerClaimControlNumber is { } pccn
                ? await _claims.FindByPayerClaimControlNumberAsync(request.PayerId, pccn, cancellationToken).ConfigureAwait(false)
                : [];
        return claims.Any(c => c.SubmitterId == submitterId && c.PayerId == request.PayerId && (submissionId is null || c.SubmissionId == submissionId));
    }

    private async Task<AcceptedAttachment?> ReplayAsync(string key, AttachmentTransaction view, List<AttachedDocument> documents, CancellationToken cancellationToken)
    {
        await using var db = _databases.CreateDbContext();
        var item = await db.OutboxItems.AsNoTracking().Where(i => i.IdempotencyKey == key).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return null;
        }

        var entry = await db.DisclosureEntries.AsNoTracking().SingleAsync(e => e.Sequence == item.DisclosureSequence, cancellationToken).ConfigureAwait(false);
        var claimId = DisclosedContent.FromJson(entry.Description).ClaimIds.FirstOrDefault() ?? "";
        var requestId = await db.AttachmentRequests.AsNoTracking().Where(r => r.Id == entry.SubmissionId).Select(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return new AcceptedAttachment(entry.SubmissionId, view.IsSolicited, view.TraceNumber?.Trim() ?? "",
            claimId, item.PayerId, requestId, documents, item.DisclosureSequence, key, Replayed: true);
    }

    private async Task<byte[]> AcknowledgeAsync(InterchangeResult interchange, CancellationToken cancellationToken)
    {
        var options = await _controlNumbers.ReserveForAcknowledgmentsAsync(interchange, 1, _options, _time, cancellationToken).ConfigureAwait(false);
        return AcknowledgmentWriter.Write(interchange, options);
    }

    // CAT02 (AE:PDF): the format the payer is told.
    private static string? Format(string? cat) => cat is null ? null : cat[(cat.IndexOf(':', StringComparison.Ordinal) + 1)..];

    [GeneratedRegex("^[A-Za-z0-9-]{1,50}$")]
    private static partial Regex ControlNumberPattern();

    private sealed record Subject(AttachmentRefusal? Refusal, string ClaimId, string PayerId, PatientIdentity? Patient, string? RequestId, DisclosurePurpose Purpose)
    {
        public static Subject Refused(AttachmentRefusal refusal) => new(refusal, "", "", null, null, default);
    }

    private sealed class RequestClosedMeanwhileException : Exception;
}
