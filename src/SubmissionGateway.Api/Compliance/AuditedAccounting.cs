using SubmissionGateway.Disclosures;
using SubmissionGateway.Protection.PhiFields;

namespace SubmissionGateway.Api.Compliance;

/// <summary>
/// The accounting of disclosures as the API and the console both hand it out: every pull is itself recorded in the
/// access audit first, naming the patient by blind index only (the audit log is read by more people than the PHI is).
/// </summary>
public sealed class AuditedAccounting(DisclosureAccounting accounting, AccessAuditLog audit, PatientBlindIndex patients)
{
    public async Task<IAsyncEnumerable<AccountingLine>> OpenAsync(
        string actor, string memberId, DateOnly birthDate, DateOnly from, DateOnly to, DisclosurePurpose? purpose, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(memberId);
        await audit.RecordAsync(actor, AccessAction.Read, "disclosure-accounting",
            Convert.ToHexStringLower(patients.Compute(memberId.Trim(), birthDate)), "accounting of disclosures", resourceClosed: false, cancellationToken)
            .ConfigureAwait(false);
        var period = new WholeDays(from, to);
        var query = new AccountingQuery(memberId.Trim(), birthDate, period.Start, period.EndExclusive, purpose);
        return accounting.StreamAsync(query, cancellationToken);
    }
}
