using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Forwarding;
using SubmissionGateway.Limits;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.PhiFields;
using SubmissionGateway.Telemetry;
using SubmissionGateway.X12.CodeSets;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.AttachmentRequests;

/// <summary>
/// Creates attachment requests, takes documents into them within their scope, and submits them to the payer as a
/// validated 275 through the disclosure forwarder. A refused upload or submission leaves nothing stored or recorded.
/// </summary>
public sealed class AttachmentRequestService
{
    internal const string NamePurpose = "attachment_requests.patient_name";
    internal const string MemberIdPurpose = "attachment_requests.patient_member_id";
    internal const string BirthDatePurpose = "attachment_requests.patient_birth_date";
    private const string TransactionType = "275";

    // Enough to tell every format the gateway takes from its first bytes (and an XML declaration after a long preamble).
    internal const int HeadBytes = 4096;

    private readonly IDbContextFactory<GatewayDbContext> _databases;
    private readonly PhiFieldProtector _protector;
    private readonly PatientBlindIndex _index;
    private readonly IAttachmentStore _store;
    private readonly DisclosureForwarder _forwarder;
    private readonly PayerRegistry _payers;
    private readonly AttachmentRequestOptions _options;
    private readonly TimeProvider _time;
    private readonly GatewayMetrics? _metrics;

    public AttachmentRequestService(
        IDbContextFactory<GatewayDbContext> databases,
        PhiFieldProtector protector,
        PatientBlindIndex index,
        IAttachmentStore store,
        DisclosureForwarder forwarder,
        PayerRegistry payers,
        IOptions<AttachmentRequestOptions> options,
        TimeProvider time,
        GatewayMetrics? metrics = null)
    {
        _databases = databases ?? throw new ArgumentNullException(nameof(databases));
        _protector = protector ?? throw new ArgumentNullException(nameof(protector));
        _index = index ?? throw new ArgumentNullException(nameof(index));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _forwarder = forwarder ?? throw new ArgumentNullException(nameof(forwarder));
        _payers = payers ?? throw new ArgumentNullException(nameof(payers));
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _metrics = metrics;
    }

    /// <summary>Opens a request with the payer's defaults, narrowed where the draft asks.</summary>
    /// <exception cref="RequestRefusedException">The draft names an unknown payer, a bad LOINC code, or widens the payer's limits.</exception>
    public async Task<AttachmentRequest> CreateAsync(AttachmentRequestDraft draft, CancellationToken cancellationToken)
    {
        var request = Build(draft);
        await using var db = _databases.CreateDbContext();
        db.AttachmentRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return request;
    }

    private AttachmentRequest Build(AttachmentRequestDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (_payers.Find(draft.PayerId) is null)
        {
            throw new RequestRefusedException("attachment-request-invalid", $"Payer '{draft.PayerId}' is not in the payer registry.", nameof(draft));
        }

        if (string.IsNullOrWhiteSpace(draft.ClaimId) && string.IsNullOrWhiteSpace(draft.PayerClaimControlNumber))
        {
            throw new RequestRefusedException("attachment-request-invalid", "A request names its claim: the claim id (CLM01), the payer claim control number, or both.", nameof(draft));
        }

        if (draft.ServiceDateTo < draft.ServiceDateFrom)
        {
            throw new RequestRefusedException("attachment-request-invalid", "The last date of service is before the first.", nameof(draft));
        }

        // Only a payer's request may wait unassigned, for a supervisor to hand out; a user's request is someone's.
        if (string.IsNullOrWhiteSpace(draft.AssignedCoder) && draft.Purpose != AttachmentRequestPurpose.PayerRequest)
        {
            throw new RequestRefusedException("attachment-request-invalid", "A request is assigned to a coder.", nameof(draft));
        }

        if (draft.DocumentTypes.Count == 0)
        {
            throw new RequestRefusedException("attachment-request-invalid", "A request asks for at least one document type.", nameof(draft));
        }

        foreach (var (loinc, count) in draft.DocumentTypes)
        {
            if (LoincCode.Check(Encoding.ASCII.GetBytes(loinc)) is not (CodeCheckResult.Valid or CodeCheckResult.FormatOnly) || count < 1)
            {
                throw new RequestRefusedException("attachment-request-invalid", $"'{loinc}' is not a LOINC code with a valid check digit, or its count ({count}) is below 1.", nameof(draft));
            }
        }

        var defaults = _options.For(draft.PayerId);
        var formats = draft.AllowedFormats ?? (defaults.AllowedFormats | (defaults.AllowCdaXml ? DocumentFormats.CdaXml : DocumentFormats.None));
        var maxDocument = draft.MaxDocumentBytes ?? defaults.MaxDocumentBytes;
        var maxTotal = draft.MaxTotalBytes ?? defaults.MaxTotalBytes;
        var permitted = defaults.AllowedFormats | (defaults.AllowCdaXml ? DocumentFormats.CdaXml : DocumentFormats.None);
        if ((formats & ~permitted) != 0 || formats == DocumentFormats.None || maxDocument < 1 || maxDocument > defaults.MaxDocumentBytes ||
            maxTotal < maxDocument || maxTotal > defaults.MaxTotalBytes)
        {
            throw new RequestRefusedException("attachment-request-invalid", $"The request's formats or limits go beyond what payer '{draft.PayerId}' takes.", nameof(draft));
        }

        var now = _time.GetUtcNow();
        var request = new AttachmentRequest
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            PayerId = draft.PayerId,
            ClaimId = Blank(draft.ClaimId),
            PayerClaimControlNumber = Blank(draft.PayerClaimControlNumber),
            PayerRequestNumber = Blank(draft.PayerRequestNumber),
            PatientIndex = _index.Compute(draft.Patient.MemberId, draft.Patient.BirthDate),
            PatientNameProtected = _protector.ProtectString(draft.Patient.Name, NamePurpose),
            PatientMemberIdProtected = _protector.ProtectString(draft.Patient.MemberId, MemberIdPurpose),
            PatientBirthDateProtected = _protector.ProtectString(draft.Patient.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), BirthDatePurpose),
            ServiceDateFrom = draft.ServiceDateFrom,
            ServiceDateTo = draft.ServiceDateTo,
            Purpose = draft.Purpose,
            MaxDocumentBytes = maxDocument,
            MaxTotalBytes = maxTotal,
            AllowedFormats = formats,
            AssignedCoder = draft.AssignedCoder?.Trim() ?? "",
            CreatedAtMs = now.ToUnixTimeMilliseconds(),
            ExpiresAtMs = now.Add(draft.Lifetime ?? defaults.Lifetime).ToUnixTimeMilliseconds(),
            State = AttachmentRequestState.Open,
            RequestedTypes = draft.DocumentTypes.Select(t => new RequestedDocumentType { LoincCode = t.Key, Count = t.Value }).ToList(),
        };
        return request;
    }

    /// <summary>
    /// Opens one request per claim of a payer's 277RFAI addressed to <paramref name="receiverId"/> (ISA08), in one
    /// transaction: all or none. The patient, birth date included, comes from the claim the request is about, through
    /// <paramref name="patientOf"/> (null: not a claim of this receiver, and nothing is created). Each request is
    /// assigned by <see cref="AttachmentRequestOptions.AssignCoderByPayer"/>, else to
    /// <see cref="AttachmentRequestOptions.DefaultCoder"/>, else left unassigned for a supervisor. A payer request
    /// number already open is answered with the request it opened, not a second one.
    /// </summary>
    /// <exception cref="FormatException">The 277RFAI is not valid, not addressed to the receiver, or asks about a claim the receiver never sent.</exception>
    public async Task<IReadOnlyList<AttachmentRequest>> CreateFromRequestForInformationAsync(
        Stream rfai, string receiverId, Func<RequestedClaim, CancellationToken, Task<PatientIdentity?>> patientOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rfai);
        ArgumentException.ThrowIfNullOrWhiteSpace(receiverId);
        ArgumentNullException.ThrowIfNull(patientOf);

        using var copy = new MemoryStream();
        await rfai.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        copy.Position = 0;
        var report = new X12Validator().Validate(copy, cancellationToken);
        if (!report.Accepted || report.Transactions.Any(t => t.Implementation != "005010X213"))
        {
            throw new FormatException("The file is not an accepted 277RFAI (005010X213): " +
                (report.Unreadable ?? string.Join("; ", report.Findings.Take(3).Select(f => f.SegmentId + ": " + f.Message))));
        }

        if (report.Interchanges.Any(i => !string.Equals(i.ReceiverId.Trim(), receiverId.Trim(), StringComparison.Ordinal)))
        {
            throw new FormatException($"The 277RFAI is addressed to '{report.Interchanges[0].ReceiverId.Trim()}' (ISA08), not to '{receiverId.Trim()}'.");
        }

        copy.Position = 0;
        var claims = RequestForInformationReader.Read(copy);
        var created = new List<AttachmentRequest>(claims.Count);
        await using var db = _databases.CreateDbContext();
        foreach (var claim in claims)
        {
            var existing = await db.AttachmentRequests.AsNoTracking().Include(r => r.RequestedTypes).Include(r => r.Documents)
                .FirstOrDefaultAsync(r => r.PayerId == claim.PayerId && r.PayerRequestNumber == claim.TrackingNumber, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                created.Add(existing);
                continue;
            }

            var patient = await patientOf(claim, cancellationToken).ConfigureAwait(false)
                ?? throw new FormatException($"The 277RFAI asks about claim {claim.ClaimId ?? claim.TrackingNumber} (member id in NM1*QC09), which the gateway does not hold for '{receiverId.Trim()}'.");
            var coder = _options.AssignCoderByPayer.TryGetValue(claim.PayerId, out var assigned) ? assigned : _options.DefaultCoder ?? "";
            var request = Build(new AttachmentRequestDraft(
                claim.PayerId, claim.ClaimId, claim.PayerClaimControlNumber, patient,
                claim.ServiceDateFrom, claim.ServiceDateTo, AttachmentRequestPurpose.PayerRequest,
                claim.LoincCodes.GroupBy(c => c, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
                coder, PayerRequestNumber: claim.TrackingNumber));
            db.AttachmentRequests.Add(request);
            created.Add(request);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return created;
    }

    /// <summary>Requests assigned to <paramref name="assignedCoder"/> ("" for the unassigned), newest first, optionally in one state.</summary>
    public async Task<IReadOnlyList<AttachmentRequest>> ListAsync(string assignedCoder, AttachmentRequestState? state, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignedCoder);
        await using var db = _databases.CreateDbContext();
        var query = AssignedTo(db, assignedCoder);
        if (state is { } wanted)
        {
            query = query.Where(r => r.State == wanted);
        }

        return await query.OrderByDescending(r => r.CreatedAtMs).ThenBy(r => r.Id).Take(Math.Clamp(limit, 1, 500))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hands an open request to <paramref name="coder"/>; null when there is no open request with that id.</summary>
    public async Task<AttachmentRequest?> AssignAsync(string requestId, string coder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(coder);
        await using (var db = _databases.CreateDbContext())
        {
            var moved = await db.AttachmentRequests.Where(r => r.Id == requestId && r.State == AttachmentRequestState.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.AssignedCoder, coder), cancellationToken).ConfigureAwait(false);
            if (moved != 1)
            {
                return null;
            }
        }

        return await FindAsync(requestId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The patient a request names, decrypted.</summary>
    public PatientIdentity PatientOf(AttachmentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new PatientIdentity(
            _protector.UnprotectString(request.PatientNameProtected, NamePurpose),
            _protector.UnprotectString(request.PatientMemberIdProtected, MemberIdPurpose),
            DateOnly.ParseExact(_protector.UnprotectString(request.PatientBirthDateProtected, BirthDatePurpose), "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    public async Task<AttachmentRequest?> FindAsync(string requestId, CancellationToken cancellationToken)
    {
        await using var db = _databases.CreateDbContext();
        return await db.AttachmentRequests.AsNoTracking().Include(r => r.RequestedTypes).Include(r => r.Documents)
            .SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The request if it is assigned to <paramref name="coderId"/>; null when it does not exist or is someone else's,
    /// so a caller cannot tell the two apart.
    /// </summary>
    public async Task<AttachmentRequest?> FindAssignedAsync(string requestId, string coderId, CancellationToken cancellationToken)
    {
        var request = await FindAsync(requestId, cancellationToken).ConfigureAwait(false);
        return request is not null && string.Equals(request.AssignedCoder, coderId, StringComparison.Ordinal) ? request : null;
    }

    /// <summary>The requests assigned to <paramref name="coderId"/>: open ones first, soonest to expire first.</summary>
    public async Task<IReadOnlyList<AttachmentRequest>> ListAssignedAsync(string coderId, CancellationToken cancellationToken)
    {
        await using var db = _databases.CreateDbContext();
        return await AssignedTo(db, coderId).OrderBy(r => r.State).ThenBy(r => r.ExpiresAtMs).Take(500)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private static IQueryable<AttachmentRequest> AssignedTo(GatewayDbContext db, string coder) =>
        db.AttachmentRequests.AsNoTracking().Include(r => r.RequestedTypes).Include(r => r.Documents).Where(r => r.AssignedCoder == coder);

    /// <summary>Where a submitted request's 275 stands with the payer; null until it has been submitted.</summary>
    public async Task<OutboxStatus?> DeliveryStatusAsync(string requestId, CancellationToken cancellationToken)
    {
        await using var db = _databases.CreateDbContext();
        var disclosure = await db.DisclosureEntries.AsNoTracking()
            .Where(e => e.SubmissionId == requestId && e.Kind == DisclosureEntryKind.Disclosure && e.TransactionType == TransactionType)
            .OrderByDescending(e => e.Sequence).Select(e => (long?)e.Sequence)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return disclosure is null
            ? null
            : await db.OutboxItems.AsNoTracking().Where(i => i.DisclosureSequence == disclosure.Value).Select(i => (OutboxStatus?)i.Status)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes one document into a request, reading <paramref name="content"/> only up to the request's limit. The
    /// stated patient, claim and date of service must be the request's; the content must be what its name says.
    /// </summary>
    public async Task<UploadResult> UploadAsync(
        string requestId,
        string coderId,
        string loinc,
        PatientIdentity statedPatient,
        string statedClaimId,
        DateOnly statedServiceDate,
        string fileName,
        Stream content,
        CancellationToken cancellationToken)
    {
        var result = await TakeDocumentAsync(requestId, coderId, loinc, statedPatient, statedClaimId, statedServiceDate, fileName, content, cancellationToken)
            .ConfigureAwait(false);
        if (result.Refusal is { } refusal)
        {
            _metrics?.UploadRefused(refusal.Type);
        }

        return result;
    }

    private async Task<UploadResult> TakeDocumentAsync(
        string requestId,
        string coderId,
        string loinc,
        PatientIdentity statedPatient,
        string statedClaimId,
        DateOnly statedServiceDate,
        string fileName,
        Stream content,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statedPatient);
        ArgumentNullException.ThrowIfNull(content);
        var request = await FindAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return UploadResult.Refused(UploadRefusal.RequestNotFound(requestId));
        }

        if (Standing(request, coderId) is { } standing)
        {
            return UploadResult.Refused(standing);
        }

        if (Mismatch(request, statedPatient, statedClaimId, statedServiceDate) is { } mismatch)
        {
            return UploadResult.Refused(mismatch);
        }

        if (Quota(request, loinc) is { } quota)
        {
            return UploadResult.Refused(quota);
        }

        var name = LastSegment(fileName);
        if (name is null)
        {
            return UploadResult.Refused(UploadRefusal.BadFileName());
        }

        var used = request.Documents.Sum(d => d.Size);
        var remaining = request.MaxTotalBytes - used;
        var limit = Math.Min(request.MaxDocumentBytes, remaining);
        UploadRefusal TooLarge() => limit < request.MaxDocumentBytes ? UploadRefusal.TotalExceeded(remaining) : UploadRefusal.TooLarge(request.MaxDocumentBytes);

        // Read only up to the request's limit, and never held whole: the format is judged from the first bytes, then
        // the document streams into the encrypted store (images, C-CDA) or an encrypted spool (PDFs, which are rewritten).
        await using var limited = new SizeLimitedStream(content, limit);
        var head = ArrayPool<byte>.Shared.Rent(HeadBytes);
        try
        {
            int headLength;
            try
            {
                headLength = await limited.ReadAtLeastAsync(head.AsMemory(0, HeadBytes), HeadBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            }
            catch (SizeLimitExceededException)
            {
                return UploadResult.Refused(TooLarge());
            }

            var format = DocumentInspector.Detect(head.AsSpan(0, headLength));
            if (DocumentInspector.Admit(name, format, request.AllowedFormats) is { } refused)
            {
                return UploadResult.Refused(refused);
            }

            if (format == DocumentFormats.Pdf)
            {
                return await TakePdfAsync(request, coderId, loinc, name, head.AsMemory(0, headLength), limited, remaining, TooLarge, cancellationToken).ConfigureAwait(false);
            }

            AttachmentReceipt receipt;
            try
            {
                await using var whole = new PrefixedReadStream(head.AsMemory(0, headLength), limited);
                receipt = await _store.PutAsync(whole, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (limited.Position > limited.Limit)
            {
                // The store removed what it had written; the limit may surface wrapped by a store's SDK, hence the position.
                return UploadResult.Refused(TooLarge());
            }

            if (format == DocumentFormats.CdaXml && await InspectStoredXmlAsync(receipt.Id, cancellationToken).ConfigureAwait(false) is { } xmlRefusal)
            {
                return UploadResult.Refused(xmlRefusal);
            }

            return await KeepAsync(request, coderId, loinc, name, format, null, receipt, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }
    }

    // The C-CDA is judged as it is read back from the store: XmlReader reads forward, so nothing is held but its buffer.
    private async Task<UploadRefusal?> InspectStoredXmlAsync(AttachmentId id, CancellationToken cancellationToken)
    {
        UploadRefusal? refusal;
        try
        {
            var stored = await _store.OpenReadAsync(id, cancellationToken).ConfigureAwait(false);
            await using (stored.ConfigureAwait(false))
            {
                refusal = DocumentInspector.InspectXml(stored);
            }
        }
        catch
        {
            await _store.DeleteAsync(id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (refusal is not null)
        {
            await _store.DeleteAsync(id, CancellationToken.None).ConfigureAwait(false);
        }

        return refusal;
    }

    /// <summary>
    /// A PDF is spooled encrypted, judged by PdfPig from the spool (it seeks), rewritten without metadata into a second
    /// encrypted spool, and only the rewrite, once it passed every check and fits the limits, goes into the store.
    /// </summary>
    private async Task<UploadResult> TakePdfAsync(
        AttachmentRequest request, string coderId, string loinc, string name, ReadOnlyMemory<byte> head, SizeLimitedStream rest,
        long remaining, Func<UploadRefusal> tooLarge, CancellationToken cancellationToken)
    {
        using var upload = EncryptedSpool.Create();
        await upload.WriteAsync(head, cancellationToken).ConfigureAwait(false);
        try
        {
            await rest.CopyToAsync(upload, cancellationToken).ConfigureAwait(false);
        }
        catch (SizeLimitExceededException)
        {
            return UploadResult.Refused(tooLarge());
        }

        upload.Seal();
        using var rewrite = EncryptedSpool.Create();
        var (pages, refusal) = DocumentInspector.InspectPdf(upload, rewrite);
        if (refusal is not null)
        {
            return UploadResult.Refused(refusal);
        }

        rewrite.Seal();
        var scan = PdfNameScan.Of(rewrite);
        if ((DocumentInspector.RewriteRefusal(scan) ?? DocumentInspector.ReadBackRefusal(rewrite, pages!.Value)) is { } rewriteRefusal)
        {
            return UploadResult.Refused(rewriteRefusal);
        }

        // The rewrite may come out larger than what was read; the limits hold for what will be sent.
        if (rewrite.Length > request.MaxDocumentBytes)
        {
            return UploadResult.Refused(UploadRefusal.TooLarge(request.MaxDocumentBytes));
        }

        if (rewrite.Length > remaining)
        {
            return UploadResult.Refused(UploadRefusal.TotalExceeded(remaining));
        }

        rewrite.Position = 0;
        var receipt = await _store.PutAsync(rewrite, cancellationToken).ConfigureAwait(false);
        return await KeepAsync(request, coderId, loinc, name, DocumentFormats.Pdf, pages, receipt, cancellationToken).ConfigureAwait(false);
    }

    // Records the stored document; whatever stops the record (a refusal on the re-check, a failure) removes the payload.
    private async Task<UploadResult> KeepAsync(
        AttachmentRequest request, string coderId, string loinc, string name, DocumentFormats format, int? pages, AttachmentReceipt receipt,
        CancellationToken cancellationToken)
    {
        var document = new RequestDocument
        {
            RequestId = request.Id,
            LoincCode = loinc,
            Format = format,
            FileName = name,
            Size = receipt.Size,
            Sha256 = receipt.Sha256,
            PageCount = pages,
            AttachmentId = receipt.Id.Value,
            UploadedBy = coderId,
            UploadedAtMs = _time.GetUtcNow().ToUnixTimeMilliseconds(),
        };

        UploadRefusal? refusal;
        try
        {
            refusal = await RecordAsync(request.Id, coderId, loinc, document, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await _store.DeleteAsync(receipt.Id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (refusal is not null)
        {
            await _store.DeleteAsync(receipt.Id, CancellationToken.None).ConfigureAwait(false);
            return UploadResult.Refused(refusal);
        }

        return new UploadResult(document, null);
    }

    /// <summary>
    /// Builds the request's 275, validates it with the gateway's own engine, stores it, and records and queues it
    /// through the disclosure forwarder. A payer that does not take 275s is refused before anything is written.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(string requestId, string coderId, CancellationToken cancellationToken)
    {
        var request = await FindAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return SubmitResult.Refused(UploadRefusal.RequestNotFound(requestId));
        }

        if (Standing(request, coderId) is { } standing)
        {
            return SubmitResult.Refused(standing);
        }

        if (_payers.Refusal(request.PayerId, TransactionType, 0) is { } payerRefusal)
        {
            return SubmitResult.Refused(UploadRefusal.PayerRefused(payerRefusal));
        }

        if (request.Documents.Count == 0)
        {
            return SubmitResult.Refused(UploadRefusal.NothingToSubmit());
        }

        var now = _time.GetUtcNow();
        var payer = _payers.Find(request.PayerId)!;
        var patient = PatientOf(request);
        var controlNumber = RandomNumberGenerator.GetInt32(1, 1_000_000_000).ToString("000000000", CultureInfo.InvariantCulture);
        var attachmentControlNumber = "SGW" + request.Id[..12].ToUpperInvariant();

        AttachmentReceipt stored;
        await using (var interchange = AttachmentInterchange.Open(request, patient, payer, _options, _store, controlNumber, attachmentControlNumber, now))
        {
            stored = await _store.PutAsync(interchange, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            if (await ValidateAsync(stored.Id, cancellationToken).ConfigureAwait(false) is { } invalid)
            {
                throw new InvalidOperationException($"The gateway built a 275 its own validator rejects: {invalid}");
            }

            // The request becomes Submitted in the transaction that records and queues its 275. Moving it first (and
            // back on failure) left it Submitted with nothing queued when the process died in between: a retry got 409
            // and the attachment was never sent nor recorded (found by the crash-consistency suite's reasoning).
            var receipts = await _forwarder.ForwardTogetherAsync([new ForwardingRequest(
                patient,
                request.PayerId,
                TransactionType,
                attachmentControlNumber,
                stored.Id.Value,
                "application/edi-x12",
                new DisclosedContent(
                    [.. new[] { request.ClaimId, request.PayerClaimControlNumber }.OfType<string>()],
                    ServiceDates(request),
                    [.. request.Documents.OrderBy(d => d.Id).Select(d => new DisclosedDocument(d.Format.ToString().ToUpperInvariant(), d.LoincCode, d.Size, d.Sha256))]),
                request.Purpose switch
                {
                    AttachmentRequestPurpose.Appeal => DisclosurePurpose.Appeal,
                    AttachmentRequestPurpose.DenialResponse => DisclosurePurpose.DenialResponse,
                    _ => DisclosurePurpose.PayerRequestResponse,
                },
                "45 CFR 164.506(c)",
                coderId,
                request.Id)],
                async (db, _, ct) =>
                {
                    var moved = await db.AttachmentRequests.Where(r => r.Id == request.Id && r.State == AttachmentRequestState.Open)
                        .ExecuteUpdateAsync(u => u.SetProperty(r => r.State, AttachmentRequestState.Submitted).SetProperty(r => r.SubmittedAtMs, now.ToUnixTimeMilliseconds()), ct)
                        .ConfigureAwait(false);
                    // A document uploaded while the 275 was being built would be marked submitted without having been sent.
                    if (moved != 1 || await db.RequestDocuments.CountAsync(d => d.RequestId == request.Id, ct).ConfigureAwait(false) != request.Documents.Count)
                    {
                        throw new RequestChangedException();
                    }
                },
                cancellationToken).ConfigureAwait(false);

            return new SubmitResult(receipts[0], attachmentControlNumber, stored.Size, stored.Sha256, null);
        }
        catch (RequestChangedException)
        {
            // Another submission of the same request (or an upload) got there first: nothing was written.
            await _store.DeleteAsync(stored.Id, CancellationToken.None).ConfigureAwait(false);
            var current = await FindAsync(request.Id, CancellationToken.None).ConfigureAwait(false);
            return SubmitResult.Refused(UploadRefusal.NotOpen(current?.State ?? AttachmentRequestState.Submitted));
        }
        catch (PayerRefusedException ex)
        {
            await _store.DeleteAsync(stored.Id, CancellationToken.None).ConfigureAwait(false);
            return SubmitResult.Refused(UploadRefusal.PayerRefused(ex.Message));
        }
        catch
        {
            await _store.DeleteAsync(stored.Id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<string?> ValidateAsync(AttachmentId id, CancellationToken cancellationToken)
    {
        var stream = await _store.OpenReadAsync(id, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var report = new X12Validator().Validate(stream, cancellationToken);
            return report.Accepted ? null : report.Unreadable ?? string.Join("; ", report.Findings.Take(5).Select(f => f.SegmentId + ": " + f.Message));
        }
    }

    private UploadRefusal? Standing(AttachmentRequest request, string coderId)
    {
        if (!string.Equals(request.AssignedCoder, coderId, StringComparison.Ordinal))
        {
            // Answered exactly as a request that does not exist (as reading it is): anything else would tell another
            // coder that the id names a real request.
            return UploadRefusal.RequestNotFound(request.Id);
        }

        if (request.State != AttachmentRequestState.Open)
        {
            return UploadRefusal.NotOpen(request.State);
        }

        var expires = DateTimeOffset.FromUnixTimeMilliseconds(request.ExpiresAtMs);
        return _time.GetUtcNow() >= expires ? UploadRefusal.Expired(expires) : null;
    }

    private UploadRefusal? Mismatch(AttachmentRequest request, PatientIdentity stated, string statedClaimId, DateOnly statedServiceDate)
    {
        var patient = PatientOf(request);
        if (PatientBlindIndex.Normalize(stated.MemberId) != PatientBlindIndex.Normalize(patient.MemberId))
        {
            return UploadRefusal.Mismatch("patient.memberId", "The patient's member id on the document is not the one on the request.");
        }

        if (stated.BirthDate != patient.BirthDate)
        {
            return UploadRefusal.Mismatch("patient.birthDate", "The patient's birth date on the document is not the one on the request.");
        }

        if (!string.Equals(NormalizeName(stated.Name), NormalizeName(patient.Name), StringComparison.Ordinal))
        {
            return UploadRefusal.Mismatch("patient.name", "The patient's name on the document is not the one on the request.");
        }

        var claim = statedClaimId?.Trim();
        if (string.IsNullOrEmpty(claim) ||
            !(string.Equals(claim, request.ClaimId, StringComparison.Ordinal) || string.Equals(claim, request.PayerClaimControlNumber, StringComparison.Ordinal)))
        {
            return UploadRefusal.Mismatch("claimId", "The claim on the document is not the request's claim (neither its claim id nor the payer's claim control number).");
        }

        if (statedServiceDate < request.ServiceDateFrom || statedServiceDate > request.ServiceDateTo)
        {
            return UploadRefusal.Mismatch(
                "serviceDate",
                string.Create(CultureInfo.InvariantCulture, $"The date of service {statedServiceDate:yyyy-MM-dd} is outside the request's {request.ServiceDateFrom:yyyy-MM-dd} to {request.ServiceDateTo:yyyy-MM-dd}."));
        }

        return null;
    }

    private static UploadRefusal? Quota(AttachmentRequest request, string loinc)
    {
        var wanted = request.RequestedTypes.FirstOrDefault(t => t.LoincCode == loinc);
        if (wanted is null)
        {
            return UploadRefusal.TypeNotRequested(loinc);
        }

        return request.Documents.Count(d => d.LoincCode == loinc) >= wanted.Count ? UploadRefusal.CountUsedUp(loinc, wanted.Count) : null;
    }

    // Checked again inside the transaction: two uploads racing for the last slot must not both get it.
    private async Task<UploadRefusal?> RecordAsync(string requestId, string coderId, string loinc, RequestDocument document, CancellationToken cancellationToken)
    {
        await using var db = _databases.CreateDbContext();
        // In the write queue like every other SQLite writer, so an upload waits its turn instead of sleeping in busy retries.
        await using var turn = await db.TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsSqlite())
        {
            // Take SQLite's write lock before reading, so the re-check and the insert are one step.
            await db.Database.ExecuteSqlRawAsync("UPDATE attachment_requests SET \"State\" = \"State\" WHERE \"Id\" = {0}", [requestId], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("SELECT 1 FROM attachment_requests WHERE \"Id\" = {0} FOR UPDATE", [requestId], cancellationToken).ConfigureAwait(false);
        }

        var request = await db.AttachmentRequests.AsNoTracking().Include(r => r.RequestedTypes).Include(r => r.Documents)
            .SingleAsync(r => r.Id == requestId, cancellationToken).ConfigureAwait(false);
        var refusal = Standing(request, coderId) ?? Quota(request, loinc);
        if (refusal is null && request.Documents.Sum(d => d.Size) + document.Size > request.MaxTotalBytes)
        {
            refusal = UploadRefusal.TotalExceeded(request.MaxTotalBytes - request.Documents.Sum(d => d.Size));
        }

        if (refusal is not null)
        {
            return refusal;
        }

        db.RequestDocuments.Add(document);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    private static DateOnly[] ServiceDates(AttachmentRequest request) =>
        request.ServiceDateFrom == request.ServiceDateTo ? [request.ServiceDateFrom] : [request.ServiceDateFrom, request.ServiceDateTo];

    // Only the last segment of a name a browser or script sends is kept; it is never joined to a path.
    internal static string? LastSegment(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }

        var last = fileName.Split('/', '\\').Last().Trim();
        if (last.Length == 0 || last is "." or ".." || last.Any(c => char.IsControl(c)))
        {
            return null;
        }

        return last.Length > 255 ? last[^255..] : last;
    }

    private static string NormalizeName(string name) =>
        string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToUpperInvariant();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
