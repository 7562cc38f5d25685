using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SubmissionGateway.Forwarding;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.PhiFields;
using SubmissionGateway.X12.Claims;

namespace SubmissionGateway.Claims;

/// <summary>
/// The claims the gateway has accepted, findable by the identifiers attachments and payer requests carry: the
/// submitter's CLM01, a PWK attachment control number, the payer's claim control number, or the patient (through
/// the blind index, never clear text) with a date of service.
/// </summary>
public sealed class ClaimIndex
{
    /// <summary>Associated data for the patient column: a ciphertext moved to another column fails to decrypt.</summary>
    public const string PatientPurpose = "claims.patient";

    private static readonly JsonSerializerOptions PatientJson = new(JsonSerializerDefaults.Web);

    private readonly IDbContextFactory<GatewayDbContext> _databases;
    private readonly PhiFieldProtector _protector;
    private readonly PatientBlindIndex _index;
    private readonly TimeProvider _time;

    public ClaimIndex(IDbContextFactory<GatewayDbContext> databases, PhiFieldProtector protector, PatientBlindIndex index, TimeProvider time)
    {
        _databases = databases ?? throw new ArgumentNullException(nameof(databases));
        _protector = protector ?? throw new ArgumentNullException(nameof(protector));
        _index = index ?? throw new ArgumentNullException(nameof(index));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>
    /// The patient a claim is about: loop 2010CA when present, else the subscriber. A dependent has no member id of
    /// their own in 5010, so the subscriber's is used, as the payer does.
    /// </summary>
    public static PatientIdentity PatientOf(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var person = claim.Patient ?? claim.Subscriber;
        var name = person is null
            ? ""
            : string.Join(' ', new[] { person.FirstName, person.MiddleName }.Where(p => !string.IsNullOrWhiteSpace(p))) is { Length: > 0 } given
                ? $"{person.LastName}, {given}"
                : person.LastName;
        var memberId = person?.MemberId ?? claim.Subscriber?.MemberId ?? "";
        var birthDate = person?.BirthDate ?? (claim.Patient is null ? claim.Subscriber?.BirthDate : null) ?? default;
        return new PatientIdentity(name, memberId, birthDate);
    }

    /// <summary>Adds the accepted claims of one submission in one transaction and returns the stored rows.</summary>
    public async Task<IReadOnlyList<IndexedClaim>> AddAsync(string submissionId, string submitterId, IEnumerable<Claim> claims, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var rows = claims.Select(c => Draft(submissionId, submitterId, c, ClaimDeliveryStatus.Queued, forwardKey: null)).ToList();
        await using var db = _databases.CreateDbContext();
        db.Set<IndexedClaim>().AddRange(rows);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>Builds the row for an accepted claim without saving it, so a caller can save it in its own transaction.</summary>
    public IndexedClaim Draft(string submissionId, string submitterId, Claim claim, ClaimDeliveryStatus status, string? forwardKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(submissionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(submitterId);
        ArgumentNullException.ThrowIfNull(claim);
        if (!claim.Accepted)
        {
            throw new ArgumentException($"Claim {claim.Id} was rejected; only accepted claims are indexed.", nameof(claim));
        }

        var patient = PatientOf(claim);
        var dates = claim.DatesOfService;
        return new IndexedClaim
        {
            SubmissionId = submissionId,
            SubmitterId = submitterId,
            ClaimId = claim.Id,
            PayerId = claim.Payer?.Id ?? "",
            PatientIndex = _index.Compute(patient.MemberId, patient.BirthDate),
            PatientCiphertext = _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(patient, PatientJson), PatientPurpose),
            ServiceFrom = dates?.From ?? default,
            ServiceTo = dates?.To ?? default,
            TotalCharge = claim.TotalCharge,
            PayerClaimControlNumber = string.IsNullOrWhiteSpace(claim.PayerClaimControlNumber) ? null : claim.PayerClaimControlNumber,
            DeliveryStatus = status,
            ForwardKey = forwardKey,
            IndexedAt = _time.GetUtcNow().UtcDateTime,
            Attachments = claim.Attachments
                .Where(a => !string.IsNullOrWhiteSpace(a.ControlNumber))
                .Select(a => new ClaimAttachment { ReportType = a.ReportType, TransmissionCode = a.TransmissionCode, ControlNumber = a.ControlNumber! })
                .ToList(),
        };
    }

    /// <summary>Decrypts the patient of an indexed claim (for matching; never logged).</summary>
    public PatientIdentity RevealPatient(IndexedClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return JsonSerializer.Deserialize<PatientIdentity>(_protector.Unprotect(claim.PatientCiphertext, PatientPurpose), PatientJson)
            ?? throw new PhiFieldTamperedException("The patient value is empty.");
    }

    public Task<IReadOnlyList<IndexedClaim>> FindByClaimIdAsync(string submitterId, string claimId, CancellationToken cancellationToken) =>
        QueryAsync(q => q.Where(c => c.SubmitterId == submitterId && c.ClaimId == claimId), cancellationToken);

    /// <summary>The claims that announced this PWK06 attachment control number (an unsolicited 275 carries it).</summary>
    public Task<IReadOnlyList<IndexedClaim>> FindByAttachmentControlNumberAsync(string controlNumber, CancellationToken cancellationToken) =>
        QueryAsync(q => q.Where(c => c.Attachments.Any(a => a.ControlNumber == controlNumber)), cancellationToken);

    public Task<IReadOnlyList<IndexedClaim>> FindByPayerClaimControlNumberAsync(string payerId, string payerClaimControlNumber, CancellationToken cancellationToken) =>
        QueryAsync(q => q.Where(c => c.PayerId == payerId && c.PayerClaimControlNumber == payerClaimControlNumber), cancellationToken);

    /// <summary>The patient's claims whose dates of service include <paramref name="serviceDate"/>, found through the blind index.</summary>
    public Task<IReadOnlyList<IndexedClaim>> FindByPatientAsync(string memberId, DateOnly birthDate, DateOnly serviceDate, CancellationToken cancellationToken)
    {
        var index = _index.Compute(memberId, birthDate);
        return QueryAsync(q => q.Where(c => c.PatientIndex == index && c.ServiceFrom <= serviceDate && c.ServiceTo >= serviceDate), cancellationToken);
    }

    /// <summary>
    /// The patient of the submitter's claim a payer asks about (by CLM01, else by the payer's claim control number),
    /// the latest one indexed, provided the member id the payer names is the claim's; otherwise null.
    /// </summary>
    public async Task<PatientIdentity?> FindPatientAsync(
        string submitterId, string payerId, string? claimId, string? payerClaimControlNumber, string memberId, CancellationToken cancellationToken)
    {
        var claims = new List<IndexedClaim>();
        if (!string.IsNullOrWhiteSpace(claimId))
        {
            claims.AddRange(await FindByClaimIdAsync(submitterId, claimId.Trim(), cancellationToken).ConfigureAwait(false));
        }

        if (claims.Count == 0 && !string.IsNullOrWhiteSpace(payerClaimControlNumber))
        {
            claims.AddRange(await FindByPayerClaimControlNumberAsync(payerId, payerClaimControlNumber.Trim(), cancellationToken).ConfigureAwait(false));
        }

        var claim = claims.LastOrDefault(c => c.SubmitterId == submitterId && c.PayerId == payerId);
        if (claim is null)
        {
            return null;
        }

        var patient = RevealPatient(claim);
        return PatientBlindIndex.Normalize(patient.MemberId) == PatientBlindIndex.Normalize(memberId) ? patient : null;
    }

    /// <summary>Where the claim's delivery stands now, read from the outbox item that carries it.</summary>
    public async Task<ClaimDeliveryStatus> DeliveryStatusAsync(IndexedClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.ForwardKey is null)
        {
            return claim.DeliveryStatus;
        }

        await using var db = _databases.CreateDbContext();
        var status = await db.OutboxItems.AsNoTracking().Where(i => i.IdempotencyKey == claim.ForwardKey)
            .Select(i => (OutboxStatus?)i.Status).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return status switch
        {
            OutboxStatus.Delivered => ClaimDeliveryStatus.Delivered,
            OutboxStatus.Failed => ClaimDeliveryStatus.Failed,
            OutboxStatus.Abandoned => ClaimDeliveryStatus.Abandoned,
            _ => claim.DeliveryStatus,
        };
    }

    /// <summary>Records the payer's claim control number once the payer has assigned it (a 277CA or 277RFAI).</summary>
    public async Task<bool> SetPayerClaimControlNumberAsync(long claimRowId, string payerClaimControlNumber, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(payerClaimControlNumber);
        await using var db = _databases.CreateDbContext();
        await using var turn = await db.TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
        var changed = await db.Set<IndexedClaim>().Where(c => c.Id == claimRowId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PayerClaimControlNumber, payerClaimControlNumber), cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    private async Task<IReadOnlyList<IndexedClaim>> QueryAsync(Func<IQueryable<IndexedClaim>, IQueryable<IndexedClaim>> filter, CancellationToken cancellationToken)
    {
        await using var db = _databases.CreateDbContext();
        return await filter(db.Set<IndexedClaim>().AsNoTracking().Include(c => c.Attachments))
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
