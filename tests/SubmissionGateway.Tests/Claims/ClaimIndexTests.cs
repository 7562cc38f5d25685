using System.Text;
using Microsoft.Extensions.Options;
using Shouldly;
using SubmissionGateway.Claims;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.PhiFields;
using SubmissionGateway.Tests.Intake;
using SubmissionGateway.Tests.Persistence;
using SubmissionGateway.Tests.PhiFields;
using SubmissionGateway.X12.Claims;
using SubmissionGateway.X12.CodeSets;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.Tests.Claims;

public sealed class ClaimIndexTests
{
    private const string Submitter = "SGWDEMOBILLING";
    private const string MemberId = "SGW00012345";
    private static readonly DateOnly BirthDate = new(1980, 1, 15);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Claims_are_found_by_claim_id_attachment_control_number_payer_number_and_patient_with_date(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, ct);
        var index = Index(database);

        var rows = await index.AddAsync("sub-1", Submitter, Claims(X12Files.OfficeVisit), ct);
        await index.AddAsync("sub-2", Submitter, Claims(X12Files.ReplacementWithF8), ct);

        rows.Count.ShouldBe(2);
        (await index.FindByClaimIdAsync(Submitter, "SGW-CLAIM-0001", ct)).Select(c => c.SubmissionId).ShouldBe(["sub-1", "sub-2"]);
        (await index.FindByClaimIdAsync("ANOTHERSUBMITTER", "SGW-CLAIM-0001", ct)).ShouldBeEmpty();

        var byAttachment = (await index.FindByAttachmentControlNumberAsync("SGWATT0002", ct)).ShouldHaveSingleItem();
        byAttachment.ClaimId.ShouldBe("SGW-CLAIM-0002");
        byAttachment.PayerId.ShouldBe("SGWPAYER01");
        byAttachment.TotalCharge.ShouldBe(80m);
        byAttachment.ServiceFrom.ShouldBe(new DateOnly(2026, 11, 12));
        byAttachment.Attachments.ShouldHaveSingleItem().ReportType.ShouldBe("OZ");
        (await index.FindByAttachmentControlNumberAsync("NOSUCHATT", ct)).ShouldBeEmpty();

        var replacement = (await index.FindByPayerClaimControlNumberAsync("SGWPAYER01", "PAYERICN0001", ct)).ShouldHaveSingleItem();
        replacement.SubmissionId.ShouldBe("sub-2");
        (await index.FindByPayerClaimControlNumberAsync("SGWPAYER02", "PAYERICN0001", ct)).ShouldBeEmpty();

        // The blind index normalizes the member id; the date must fall inside the claim's dates of service.
        var onTheTenth = await index.FindByPatientAsync("sgw-000-12345 ", BirthDate, new DateOnly(2026, 11, 10), ct);
        onTheTenth.Select(c => (c.SubmissionId, c.ClaimId)).ShouldBe([("sub-1", "SGW-CLAIM-0001"), ("sub-2", "SGW-CLAIM-0001")]);
        (await index.FindByPatientAsync(MemberId, BirthDate, new DateOnly(2026, 11, 11), ct)).ShouldBeEmpty();
        (await index.FindByPatientAsync(MemberId, BirthDate.AddDays(1), new DateOnly(2026, 11, 10), ct)).ShouldBeEmpty();

        var patient = index.RevealPatient(onTheTenth[0]);
        patient.ShouldBe(new PatientIdentity("TESTPATIENT, JANE Q", MemberId, BirthDate));
    }

    [Fact]
    public async Task The_payer_claim_control_number_can_be_recorded_once_the_payer_assigns_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, ct);
        var index = Index(database);
        var rows = await index.AddAsync("sub-1", Submitter, Claims(X12Files.OfficeVisit), ct);
        rows[0].PayerClaimControlNumber.ShouldBeNull();

        (await index.SetPayerClaimControlNumberAsync(rows[0].Id, "ICN-2026-0001", ct)).ShouldBeTrue();

        (await index.FindByPayerClaimControlNumberAsync("SGWPAYER01", "ICN-2026-0001", ct)).ShouldHaveSingleItem().ClaimId.ShouldBe("SGW-CLAIM-0001");
    }

    [Fact]
    public async Task A_rejected_claim_is_never_indexed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, ct);
        var index = Index(database);
        var claims = Claims(X12Files.ChargeImbalance);

        await Should.ThrowAsync<ArgumentException>(() => index.AddAsync("sub-1", Submitter, claims, ct));

        (await index.FindByClaimIdAsync(Submitter, "SGW-CLAIM-0002", ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task No_patient_detail_is_in_clear_in_the_sqlite_file()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, ct);
        var index = Index(database);

        await index.AddAsync("sub-1", Submitter, Claims(X12Files.OfficeVisit), ct);
        (await index.FindByClaimIdAsync(Submitter, "SGW-CLAIM-0001", ct)).ShouldHaveSingleItem();

        var text = Encoding.Latin1.GetString(Directory.GetFiles(database.Directory!, "gateway.db*").SelectMany(File.ReadAllBytes).ToArray());
        text.ShouldContain("SGW-CLAIM-0001");
        foreach (var phi in new[] { "TESTPATIENT", "JANE", MemberId, "19800115", "1980-01-15" })
        {
            text.ShouldNotContain(phi, Case.Insensitive);
        }
    }

    private static ClaimIndex Index(TestDatabase database)
    {
        var keys = TestPhiKeys.Options();
        return new ClaimIndex(database.Factory, new PhiFieldProtector(keys), new PatientBlindIndex(keys), TimeProvider.System);
    }

    private static List<Claim> Claims(string path)
    {
        using var file = File.OpenRead(path);
        var report = new X12Validator(options: new X12ValidatorOptions { CodeSets = CodeSetCatalog.BuiltIn }).Validate(file, TestContext.Current.CancellationToken);
        return [.. report.Transactions.SelectMany(t => t.Claims)];
    }
}
