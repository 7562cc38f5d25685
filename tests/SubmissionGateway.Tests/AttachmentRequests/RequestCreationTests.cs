using System.Text;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using SubmissionGateway.AttachmentRequests;
using SubmissionGateway.Protection.PhiFields;

namespace SubmissionGateway.Tests.AttachmentRequests;

public sealed class RequestCreationTests : IAsyncLifetime
{
    private static readonly DateOnly JaneBirthDate = new(1979, 4, 23);

    private RequestsFixture _f = null!;

    public async ValueTask InitializeAsync() => _f = await RequestsFixture.CreateAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _f.DisposeAsync();

    private static FileStream Corpus(string name) => File.OpenRead(Path.Combine(AppContext.BaseDirectory, "corpus", "277RFAI", name));

    // ISA08 of the corpus 277RFAIs: the billing system the payer asks.
    private const string Receiver = "SGWDEMOBILLING";

    // The patient as the claim index holds it: the 277RFAI names the patient but carries no birth date.
    private static PatientIdentity Jane(RequestedClaim claim) => new(claim.PatientName, claim.PatientMemberId, JaneBirthDate);

    private async Task<int> RequestRowsAsync()
    {
        await using var db = _f.Database.Factory.CreateDbContext();
        return await db.AttachmentRequests.CountAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_277rfai_opens_a_request_scoped_to_its_claim_patient_codes_and_dates()
    {
        await using var rfai = Corpus("valid-request-for-operative-note.x12");
        RequestedClaim? asked = null;

        var created = await _f.Service.CreateFromRequestForInformationAsync(
            rfai, Receiver, (claim, _) => { asked = claim; return Task.FromResult<PatientIdentity?>(Jane(claim)); }, TestContext.Current.CancellationToken);

        var request = created.ShouldHaveSingleItem();
        asked!.PatientMemberId.ShouldBe("SGW00012345");
        request.PayerId.ShouldBe("SGWPAYER01");
        request.ClaimId.ShouldBe("SGW-CLAIM-0001");
        request.PayerRequestNumber.ShouldBe("SGW-CLAIM-0001");
        request.ServiceDateFrom.ShouldBe(new DateOnly(2026, 11, 10));
        request.ServiceDateTo.ShouldBe(new DateOnly(2026, 11, 10));
        request.Purpose.ShouldBe(AttachmentRequestPurpose.PayerRequest);
        request.RequestedTypes.ShouldHaveSingleItem().LoincCode.ShouldBe("11506-3");
        request.AssignedCoder.ShouldBe(RequestsFixture.Coder);
        request.State.ShouldBe(AttachmentRequestState.Open);
        // The payer's defaults: CAQH CORE's 64 MB, and C-CDA XML because this payer takes it.
        request.MaxDocumentBytes.ShouldBe(64L * 1024 * 1024);
        request.AllowedFormats.HasFlag(DocumentFormats.CdaXml).ShouldBeTrue();
        request.ExpiresAtMs.ShouldBe(_f.Time.GetUtcNow().AddDays(30).ToUnixTimeMilliseconds());

        var patient = _f.Service.PatientOf(request);
        patient.Name.ShouldBe("JANE TESTPATIENT");
        patient.BirthDate.ShouldBe(JaneBirthDate);
        Encoding.UTF8.GetString(request.PatientMemberIdProtected).ShouldNotContain("SGW00012345");
    }

    [Fact]
    public async Task A_277rfai_missing_its_service_date_creates_nothing()
    {
        await using var rfai = Corpus("bad-missing-service-date.x12");
        await Should.ThrowAsync<FormatException>(() =>
            _f.Service.CreateFromRequestForInformationAsync(rfai, Receiver, (claim, _) => Task.FromResult<PatientIdentity?>(Jane(claim)), TestContext.Current.CancellationToken));
        (await RequestRowsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_277rfai_about_a_claim_the_gateway_does_not_know_creates_nothing()
    {
        await using var rfai = Corpus("valid-request-for-operative-note.x12");
        var ex = await Should.ThrowAsync<FormatException>(() =>
            _f.Service.CreateFromRequestForInformationAsync(rfai, Receiver, (_, _) => Task.FromResult<PatientIdentity?>(null), TestContext.Current.CancellationToken));
        ex.Message.ShouldContain("SGW-CLAIM-0001");
        (await RequestRowsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_draft_cannot_widen_the_payer_limits_or_ask_for_a_bad_loinc_code()
    {
        await Should.ThrowAsync<ArgumentException>(() => _f.CreateAsync(RequestsFixture.Draft(maxDocumentBytes: 65L * 1024 * 1024)));
        await Should.ThrowAsync<ArgumentException>(() => _f.CreateAsync(RequestsFixture.Draft(payerId: "CLAIMSONLY", formats: DocumentFormats.CdaXml)));
        await Should.ThrowAsync<ArgumentException>(() => _f.CreateAsync(RequestsFixture.Draft() with
        {
            DocumentTypes = new Dictionary<string, int> { ["11504-9"] = 1 },
        }));
        (await RequestRowsAsync()).ShouldBe(0);
    }

    [Fact]
    public void Options_below_the_core_minimum_are_refused_at_start()
    {
        var validator = new AttachmentRequestOptionsValidator();
        var options = new AttachmentRequestOptions
        {
            SubmitterId = "SGW000001", SubmitterName = "BILLING", ProviderName = "CLINIC", ProviderNpi = "1234567893",
        };
        validator.Validate(null, options).Succeeded.ShouldBeTrue();
        options.Payers["SMALL"] = new RequestScopeDefaults { MaxDocumentBytes = 10L * 1024 * 1024 };
        var result = validator.Validate(null, options);
        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("SMALL");
    }
}
