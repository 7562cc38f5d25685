using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Shouldly;

namespace SubmissionGateway.Api.Tests.Cli;

/// <summary>
/// Every gateway verb of <c>sgw</c>, run in-process against the real API on Kestrel over TLS: what it prints, the exit
/// code it returns, and how it refuses.
/// </summary>
public sealed class SgwGatewayVerbTests(KestrelGateway gateway) : IClassFixture<KestrelGateway>
{
    private const string Patient = "TESTPATIENT, JANE Q";
    private const string MemberId = "SGW00012345";

    private static string ProgressNote => Path.Combine(Path.GetDirectoryName(Samples.OfficeVisit)!, "progress-note.pdf");

    private string[] Local => ["--data-folder", gateway.DataFolder];

    [Fact]
    public async Task Submit_prints_each_claim_writes_the_acks_and_status_reads_it_back()
    {
        var acks = Directory.CreateTempSubdirectory("sgw-acks-").FullName;
        try
        {
            var (exit, output, error) = await gateway.SgwAsync(["submit", Samples.OfficeVisit, "--ack-out", acks, "--idempotency-key", Guid.NewGuid().ToString(), .. Local]);

            exit.ShouldBe(0, error);
            output.ShouldContain("SGW-CLAIM-0001       accepted");
            output.ShouldContain("SGW-CLAIM-0002       accepted");
            output.ShouldContain("2 claim(s): 2 accepted, 0 rejected");
            // Said aloud, never silent: the token was minted and the development certificate trusted.
            error.ShouldContain("development token (role submitter, sub dev-submitter, submitter SGWDEMOBILLING)");
            error.ShouldContain("trusting the local gateway's development certificate");
            (await File.ReadAllTextAsync(Path.Combine(acks, "837P-office-visit.999.x12"), Ct)).ShouldStartWith("ISA");
            (await File.ReadAllTextAsync(Path.Combine(acks, "837P-office-visit.277ca.x12"), Ct)).ShouldContain("ST*277*");
            Directory.GetFiles(acks, "*.partial").ShouldBeEmpty();

            output.ShouldContain($"wrote {Path.Combine(acks, "837P-office-visit.999.x12")}");
            var id = output.Split('\n').Single(l => l.StartsWith("submission ", StringComparison.Ordinal)).Split(' ')[1];
            var (statusExit, status, _) = await gateway.SgwAsync(["status", id, "--submitter-id", Samples.OfficeVisitSubmitter, "--json", .. Local]);
            statusExit.ShouldBe(0, status);
            using var json = JsonDocument.Parse(status);
            json.RootElement.GetProperty("submissionId").GetString().ShouldBe(id);
            json.RootElement.GetProperty("claims").GetArrayLength().ShouldBe(2);
        }
        finally
        {
            Directory.Delete(acks, recursive: true);
        }
    }

    [Fact]
    public async Task Submitting_the_same_key_twice_says_it_was_replayed()
    {
        var key = Guid.NewGuid().ToString();
        (await gateway.SgwAsync(["submit", Samples.OfficeVisit, "--idempotency-key", key, .. Local])).Exit.ShouldBe(0);
        var (exit, output, _) = await gateway.SgwAsync(["submit", Samples.OfficeVisit, "--idempotency-key", key, "--json", .. Local]);
        exit.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("replayed").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_file_that_is_not_x12_is_refused_with_the_problem_in_words_and_as_json()
    {
        var file = Path.Combine(gateway.DataFolder, "not-x12.txt");
        await File.WriteAllTextAsync(file, "this is a letter, not an interchange", Ct);

        var (exit, output, error) = await gateway.SgwAsync(["submit", file, "--submitter-id", Samples.OfficeVisitSubmitter, "--json", .. Local]);

        exit.ShouldBe(1);
        error.ShouldContain("sgw submit: the gateway refused the request (400");
        error.ShouldContain("The body is not one X12 interchange.");
        error.ShouldContain("(/problems/not-x12)");
        error.ShouldNotContain("   at ");
        using var problem = JsonDocument.Parse(output);
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(400);
    }

    [Fact]
    public async Task A_file_over_the_gateways_limit_is_refused_as_too_large_not_as_a_network_failure()
    {
        var file = Path.Combine(gateway.DataFolder, "too-large.x12");
        var sample = await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct);
        await using (var stream = File.Create(file))
        {
            while (stream.Length < KestrelGateway.MaxSubmissionBytes * 4)
            {
                await stream.WriteAsync(sample, Ct);
            }
        }

        var (exit, _, error) = await gateway.SgwAsync(["submit", file, .. Local]);

        exit.ShouldBe(1, error);
        error.ShouldContain("(/problems/too-large)");
    }

    [Fact]
    public async Task An_unknown_submission_is_exit_1_and_a_token_from_another_key_is_exit_4()
    {
        var (exit, _, error) = await gateway.SgwAsync(["status", "no-such-submission", "--submitter-id", Samples.OfficeVisitSubmitter, .. Local]);
        exit.ShouldBe(1);
        error.ShouldContain("No such submission.");

        var elsewhere = Directory.CreateTempSubdirectory("sgw-other-").FullName;
        try
        {
            var (_, foreign, _) = await gateway.SgwAsync("dev-token", "--role", "submitter", "--submitter-id", Samples.OfficeVisitSubmitter, "--data-folder", elsewhere);
            var (refused, _, why) = await gateway.SgwAsync(["submit", Samples.OfficeVisit, "--token", foreign, "--ca", gateway.CertificateFile]);
            refused.ShouldBe(4);
            why.ShouldContain("did not accept the token (401)");
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact]
    public async Task A_coder_token_may_not_pull_the_accounting()
    {
        var (_, coder, _) = await gateway.SgwAsync("dev-token", "--role", "coder", "--data-folder", gateway.DataFolder);
        var (exit, _, error) = await gateway.SgwAsync(["accounting", "--member-id", MemberId, "--birth-date", "1980-01-15", "--from", "2026-01-01", "--to", "2026-12-31",
            "--token", coder, .. Local]);
        exit.ShouldBe(4);
        error.ShouldContain("(403)");
    }

    [Fact]
    public async Task A_coder_creates_a_request_uploads_the_sample_pdf_and_submits_it()
    {
        var id = await CreateRequestAsync();

        var (wrong, _, refusal) = await UploadAsync(id, "SGW99999999");
        wrong.ShouldBe(1);
        refusal.ShouldContain("field: patient.memberId");
        refusal.ShouldContain("(/problems/subject-mismatch)");

        var (uploaded, document, progress) = await UploadAsync(id, MemberId);
        uploaded.ShouldBe(0, progress);
        document.ShouldStartWith("uploaded document ");
        document.ShouldContain("11506-3 Pdf 'progress-note.pdf'");
        // Not a terminal: plain progress lines, not a Spectre bar.
        progress.ShouldContain("progress-note.pdf: 100%");

        var (shown, show, _) = await gateway.SgwAsync(["requests", "show", id, "--json", .. Local]);
        shown.ShouldBe(0);
        using (var view = JsonDocument.Parse(show))
        {
            view.RootElement.GetProperty("documents").GetArrayLength().ShouldBe(1);
        }

        var (submitted, answer, _) = await gateway.SgwAsync(["requests", "submit", id, "--json", .. Local]);
        submitted.ShouldBe(0);
        using (var json = JsonDocument.Parse(answer))
        {
            json.RootElement.GetProperty("attachmentControlNumber").GetString().ShouldNotBeNullOrEmpty();
        }

        var (again, _, closed) = await gateway.SgwAsync(["requests", "submit", id, .. Local]);
        again.ShouldBe(1);
        closed.ShouldContain("(/problems/request-not-open)");
    }

    [Fact]
    public async Task Requests_list_shows_the_open_request()
    {
        var id = await CreateRequestAsync();
        var (exit, output, error) = await gateway.SgwAsync(["requests", "list", "--status", "Open", .. Local]);
        exit.ShouldBe(0, error);
        output.ShouldContain($"request {id}  Open");
    }

    [Fact]
    public async Task Usage_mistakes_are_exit_2_before_anything_is_sent()
    {
        (await gateway.SgwAsync(["requests", "create", "--payer", "SGWPAYER01", "--patient-name", Patient, "--member-id", MemberId,
            "--birth-date", "1980-01-15", "--from", "2026-11-01", "--loinc", "11506-3", .. Local])).Exit.ShouldBe(2);
        (await gateway.SgwAsync(["requests", "create", "--payer", "SGWPAYER01", "--patient-name", Patient, "--member-id", MemberId,
            "--birth-date", "15/01/1980", "--from", "2026-11-01", "--loinc", "11506-3:1", .. Local])).Exit.ShouldBe(2);
        (await gateway.SgwAsync(["submit", "/nonexistent/claims.x12", .. Local])).Exit.ShouldBe(2);
        (await gateway.SgwAsync(["submit", Samples.OfficeVisit, "--gateway", "ftp://example.test"])).Exit.ShouldBe(2);
    }

    [Fact]
    public async Task The_accounting_and_the_ledger_come_from_the_gateway()
    {
        (await gateway.SgwAsync(["submit", Samples.OfficeVisit, "--idempotency-key", Guid.NewGuid().ToString(), .. Local])).Exit.ShouldBe(0);

        var (exit, output, error) = await gateway.SgwAsync(["accounting", "--member-id", MemberId, "--birth-date", "1980-01-15", "--from", "2026-01-01", "--to", "2030-12-31", .. Local]);
        exit.ShouldBe(0, error);
        using (var json = JsonDocument.Parse(output))
        {
            var lines = json.RootElement.EnumerateArray().ToList();
            lines.ShouldNotBeEmpty();
            lines.ShouldAllBe(l => l.GetProperty("patient").GetString() == Patient);
            lines.ShouldContain(l => l.GetProperty("payerId").GetString() == "SGWPAYER01");
        }

        var file = Path.Combine(gateway.DataFolder, "accounting.csv");
        var (csvExit, written, _) = await gateway.SgwAsync(["accounting", "--member-id", MemberId, "--birth-date", "1980-01-15", "--from", "2026-01-01", "--to", "2030-12-31",
            "--csv", "--output", file, .. Local]);
        csvExit.ShouldBe(0);
        written.ShouldContain("accounting written to");
        (await File.ReadAllLinesAsync(file, Ct)).Length.ShouldBeGreaterThan(1);
        File.Exists(file + ".partial").ShouldBeFalse();

        var (verified, intact, _) = await gateway.SgwAsync(["ledger", "verify", .. Local]);
        verified.ShouldBe(0);
        intact.ShouldStartWith("ledger intact: ");
        var (_, check, _) = await gateway.SgwAsync(["ledger", "verify", "--json", .. Local]);
        using var result = JsonDocument.Parse(check);
        result.RootElement.GetProperty("isIntact").GetBoolean().ShouldBeTrue();
        result.RootElement.GetProperty("entriesChecked").GetInt64().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_exit_3_and_the_right_ca_file_is_trusted()
    {
        var (_, token, _) = await gateway.SgwAsync("dev-token", "--role", "compliance", "--data-folder", gateway.DataFolder);
        var empty = Directory.CreateTempSubdirectory("sgw-nodata-").FullName;
        try
        {
            // No --ca and no development certificate to pin: the system store does not know a self-signed one.
            var (exit, _, error) = await gateway.SgwAsync("ledger", "verify", "--token", token, "--data-folder", empty);
            exit.ShouldBe(3);
            error.ShouldContain("is not trusted by this machine");

            var stranger = Path.Combine(empty, "stranger.pem");
            using (var key = ECDsa.Create())
            {
                using var other = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
                await File.WriteAllTextAsync(stranger, other.ExportCertificatePem(), Ct);
            }

            var (wrongCa, _, why) = await gateway.SgwAsync("ledger", "verify", "--token", token, "--data-folder", empty, "--ca", stranger);
            wrongCa.ShouldBe(3);
            why.ShouldContain("is neither in nor issued by");

            // The gateway's certificate as PEM, the way an operator hands it out.
            var pem = Path.Combine(empty, "gateway.pem");
            using (var pfx = X509CertificateLoader.LoadPkcs12FromFile(gateway.CertificateFile, null))
            {
                await File.WriteAllTextAsync(pem, pfx.ExportCertificatePem(), Ct);
            }

            var (trusted, output, _) = await gateway.SgwAsync("ledger", "verify", "--token", token, "--data-folder", empty, "--ca", pem);
            trusted.ShouldBe(0);
            output.ShouldStartWith("ledger intact");
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public async Task A_gateway_that_does_not_listen_is_exit_3()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var (exit, _, error) = await gateway.SgwAsync(["ledger", "verify", "--gateway", $"https://127.0.0.1:{port}", "--token", "x.y.z", .. Local]);

        exit.ShouldBe(3);
        error.ShouldContain("cannot reach the gateway");
    }

    [Fact]
    public async Task Root_help_documents_the_exit_codes()
    {
        var (exit, output, _) = await gateway.SgwAsync("--help");
        exit.ShouldBe(0);
        output.ShouldContain("Exit codes:");
        output.ShouldContain("3  the gateway cannot be reached");
        output.ShouldContain("4  unauthorized or forbidden");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> CreateRequestAsync()
    {
        var (exit, output, error) = await gateway.SgwAsync(["requests", "create", "--payer", "SGWPAYER01", "--claim", "SGW-CLAIM-0001", "--patient-name", Patient,
            "--member-id", MemberId, "--birth-date", "1980-01-15", "--from", "2026-11-01", "--purpose", "Appeal", "--loinc", "11506-3:1", "--json", .. Local]);
        exit.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("state").GetString().ShouldBe("Open");
        return json.RootElement.GetProperty("id").GetString()!;
    }

    private Task<(int Exit, string Out, string Error)> UploadAsync(string id, string memberId) =>
        gateway.SgwAsync(["requests", "upload", id, ProgressNote, "--loinc", "11506-3", "--patient-name", Patient, "--member-id", memberId,
            "--birth-date", "1980-01-15", "--claim", "SGW-CLAIM-0001", "--service-date", "2026-11-01", .. Local]);
}
