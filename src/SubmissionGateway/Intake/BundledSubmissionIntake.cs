using SubmissionGateway.Claims;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.X12.Claims;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.Intake;

/// <summary>
/// An 837 posted together with the unsolicited 275s that answer its own PWKs. Every 275 is validated and matched
/// against the claims of that 837 before anything is recorded: one disagreeing 275 refuses the whole post. Then the
/// 837 walks the usual intake and each 275 is taken against the claims just indexed for it.
/// </summary>
public sealed class BundledSubmissionIntake
{
    private readonly SubmissionIntake _submissions;
    private readonly AttachmentIntake _attachments;
    private readonly IAttachmentStore _store;
    private readonly X12Validator _validator;

    public BundledSubmissionIntake(SubmissionIntake submissions, AttachmentIntake attachments, IAttachmentStore store, X12Validator validator)
    {
        _submissions = submissions ?? throw new ArgumentNullException(nameof(submissions));
        _attachments = attachments ?? throw new ArgumentNullException(nameof(attachments));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _validator = validator ?? throw new ArgumentNullException(nameof(validator));
    }

    /// <summary>
    /// <paramref name="claims"/> and <paramref name="attachments"/> are payloads already in the encrypted store (the
    /// caller streamed each part there); they are read back from it and left for the caller to delete.
    /// </summary>
    /// <exception cref="SubmissionRefusedException">The 837 is not one interchange or is sent under another submitter's id.</exception>
    public async Task<BundledSubmissionResult> SubmitAsync(
        AttachmentId claims, IReadOnlyList<AttachmentId> attachments, string submitterId, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        ArgumentException.ThrowIfNullOrWhiteSpace(submitterId);
        submitterId = submitterId.Trim();

        var report = await ValidateAsync(claims, cancellationToken).ConfigureAwait(false);
        if (report.Interchanges.Count != 1)
        {
            throw new SubmissionRefusedException(SubmissionRefusal.Unreadable, report.Interchanges.Count == 0
                ? "The first part is not an X12 interchange; it must be the 837."
                : $"The first part holds {report.Interchanges.Count} interchanges; send one 837 interchange (ISA to IEA).");
        }

        if (!string.Equals(report.Interchanges[0].SenderId.Trim(), submitterId, StringComparison.Ordinal))
        {
            throw new SubmissionRefusedException(SubmissionRefusal.SubmitterMismatch,
                $"The interchange's sender (ISA06 '{report.Interchanges[0].SenderId.Trim()}') is not the submitter '{submitterId}' this client is authorized for.");
        }

        var accepted = report.Transactions.SelectMany(t => t.Claims).Where(c => c.Accepted).ToList();
        var refusals = new List<BundledPartRefusal>();
        for (var i = 0; i < attachments.Count; i++)
        {
            if (await PrecheckAsync(attachments[i], accepted, submitterId, cancellationToken).ConfigureAwait(false) is { } refusal)
            {
                refusals.Add(new(i + 1, refusal));
            }
        }

        if (refusals.Count > 0)
        {
            return new(null, [], refusals);
        }

        SubmissionResult submission;
        var stream = await _store.OpenReadAsync(claims, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            submission = await _submissions.SubmitAsync(stream, submitterId, idempotencyKey, cancellationToken).ConfigureAwait(false);
        }

        var results = new List<AttachmentIntakeResult>(attachments.Count);
        foreach (var attachment in attachments)
        {
            var part = await _store.OpenReadAsync(attachment, cancellationToken).ConfigureAwait(false);
            await using (part.ConfigureAwait(false))
            {
                results.Add(await _attachments.SubmitAsync(part, submitterId, submission.SubmissionId, cancellationToken).ConfigureAwait(false));
            }
        }

        return new(submission, results, []);
    }

    // The same checks the attachment intake makes later, against the 837 in hand instead of the claim index.
    private async Task<AttachmentRefusal?> PrecheckAsync(AttachmentId id, List<Claim> claims, string submitterId, CancellationToken cancellationToken)
    {
        var report = await ValidateAsync(id, cancellationToken).ConfigureAwait(false);
        if (report.Interchanges.Count != 1 || !report.Accepted)
        {
            return AttachmentRefusal.Rejected(
                [.. new[] { report.Unreadable }.OfType<string>(), .. report.Findings.Take(20).Select(f => $"{f.SegmentId}: {f.Message}")]);
        }

        if (!string.Equals(report.Interchanges[0].SenderId.Trim(), submitterId, StringComparison.Ordinal))
        {
            return AttachmentRefusal.NotAttachment($"The 275's sender (ISA06) is not the submitter '{submitterId}'.");
        }

        var transactions = report.Transactions.ToList();
        if (transactions.Count != 1 || transactions[0].Attachment is not { } view)
        {
            return AttachmentRefusal.NotAttachment("Each part after the 837 is one 275 (005010X210) transaction set.");
        }

        if (view.IsSolicited)
        {
            return AttachmentRefusal.NotAttachment("A 275 sent with its 837 answers that 837's PWK: TRN01 must be 1 (unsolicited). Post solicited 275s to /attachments.");
        }

        var controlNumber = view.TraceNumber?.Trim() ?? "";
        var claim = claims.LastOrDefault(c => c.Attachments.Any(a => a.ControlNumber == controlNumber) && c.Id == view.PatientControlNumber?.Trim())
            ?? claims.LastOrDefault(c => c.Attachments.Any(a => a.ControlNumber == controlNumber));
        if (claim is null)
        {
            return AttachmentRefusal.Mismatch([new("attachmentControlNumber",
                $"No accepted claim in this 837 announced attachment control number '{controlNumber}' (TRN02) in a PWK06.")]);
        }

        var dates = claim.DatesOfService;
        var mismatches = AttachmentIntake.CompareWithClaim(view, AttachmentIntake.DocumentsOf(view), claim.Id, claim.Payer?.Id ?? "",
            ClaimIndex.PatientOf(claim), dates?.From ?? default, dates?.To ?? default);
        return mismatches.Count > 0 ? AttachmentRefusal.Mismatch(mismatches) : null;
    }

    private async Task<ValidationReport> ValidateAsync(AttachmentId id, CancellationToken cancellationToken)
    {
        var stream = await _store.OpenReadAsync(id, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return _validator.Validate(stream, cancellationToken);
        }
    }
}
