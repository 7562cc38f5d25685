using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shouldly;
using SubmissionGateway.AttachmentRequests;
using SubmissionGateway.Protection.PhiFields;

namespace SubmissionGateway.Console.Tests;

/// <summary>
/// Coders and privacy officers in a real Chromium against the real gateway over TLS. Each test keeps a screenshot of
/// every page it visits and checks its accessibility.
/// </summary>
public sealed partial class ConsoleBrowserTests(ConsoleGateway gateway, Browser browser) : IClassFixture<ConsoleGateway>, IClassFixture<Browser>
{
    // A 1x1 PNG header: recognized as PNG by the gateway's inspector.
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_coder_drops_documents_into_an_assigned_request_is_refused_a_fake_pdf_and_submits()
    {
        var request = await gateway.OpenRequestAsync("coder-ana", "SGW-CLAIM-0101", Ct);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(gateway, gateway.Token("coder", "coder-ana"));

        await page.GotoAsync(gateway.Url("/console/requests").ToString());
        var row = page.Locator("tr", new() { HasText = "SGW-CLAIM-0101" });
        var listed = await row.InnerTextAsync();
        listed.ShouldContain(ConsoleGateway.PayerName);
        listed.ShouldContain("J.Q.T.");
        listed.ShouldContain("11/02/2026");
        listed.ShouldContain("Progress note (LOINC 11506-3): 2 of 2 left");
        listed.ShouldContain("left");
        var listHtml = await page.ContentAsync();
        listHtml.ShouldNotContain("TESTPATIENT");
        listHtml.ShouldNotContain(ConsoleGateway.MemberId);
        await page.ShouldBeAccessibleAsync();
        await page.ShotAsync("coder-1-requests");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync("**/console/requests/" + request.Id);
        var scope = await page.Locator("dl.scope").InnerTextAsync();
        scope.ShouldContain("per document");
        scope.ShouldContain("PDF");
        scope.ShouldContain("Not submitted yet");
        await page.ShouldBeAccessibleAsync();
        await page.ShotAsync("coder-2-request");

        await page.GetByLabel("Document type").SelectOptionAsync("11506-3");
        await page.GetByLabel("Patient name (LAST, FIRST)").FillAsync(ConsoleGateway.PatientName);
        await page.GetByLabel("Member ID").FillAsync(ConsoleGateway.MemberId);
        await page.GetByLabel("Date of birth").FillAsync("1980-01-15");
        await page.GetByLabel("Claim number").FillAsync("SGW-CLAIM-0101");
        await page.GetByLabel("Date of service").FillAsync("2026-11-02");

        // Dragged and dropped: a text file named .pdf.
        var dropped = await page.EvaluateHandleAsync(
            "() => { const dt = new DataTransfer(); dt.items.add(new File(['these are typed notes, not a PDF'], 'lab-results.pdf', { type: 'application/pdf' })); return dt; }");
        await page.Locator("#dropzone").DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = dropped });
        var refused = page.Locator("#uploads li.refused", new() { HasText = "lab-results.pdf" });
        await Assertions.Expect(refused).ToContainTextAsync("This is not a real PDF");

        // Chosen with the file picker (keyboard path): a real PNG is taken, with its progress bar at 100%.
        await page.GetByLabel("Document file").SetInputFilesAsync(new FilePayload { Name = "progress-note.png", MimeType = "image/png", Buffer = Png });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add document" }).ClickAsync();
        var accepted = page.Locator("#uploads li.accepted", new() { HasText = "progress-note.png" });
        await Assertions.Expect(accepted).ToContainTextAsync("was added as Progress note");
        (await accepted.Locator("progress").EvaluateAsync<int>("p => p.value")).ShouldBe(100);

        // The same document stated for another patient is refused before anything is kept.
        await page.GetByLabel("Member ID").FillAsync("SGW99999999");
        await page.GetByLabel("Document file").SetInputFilesAsync(new FilePayload { Name = "other-chart.png", MimeType = "image/png", Buffer = Png });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add document" }).ClickAsync();
        await Assertions.Expect(page.Locator("#uploads li.refused", new() { HasText = "other-chart.png" })).ToContainTextAsync("Wrong patient: the member ID");
        await page.ShotAsync("coder-3-uploads");

        var stored = await gateway.Services.GetRequiredService<AttachmentRequestService>().FindAsync(request.Id, Ct);
        stored!.Documents.Select(d => d.FileName).ShouldBe(["progress-note.png"]);

        await page.GotoAsync(gateway.Url("/console/requests/" + request.Id).ToString());
        (await page.Locator("#wanted").InnerTextAsync()).ShouldContain("1 of 2 still needed");
        (await page.Locator("#received").InnerTextAsync()).ShouldContain("progress-note.png");
        // Nothing on the page offers a document back.
        (await page.Locator("a[download], a[href*='/documents']").CountAsync()).ShouldBe(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit request to " + ConsoleGateway.PayerName }).ClickAsync();
        await Assertions.Expect(page.Locator("#action-message")).ToContainTextAsync("Submitted. The payer will receive attachment");
        await Assertions.Expect(page.Locator("#upload-form")).ToHaveCountAsync(0);
        await page.ShotAsync("coder-4-submitted");

        // Watch the delivery status: the outbox worker hands the 275 to the (WireMock) payer.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string status;
        do
        {
            await page.GotoAsync(gateway.Url("/console/requests/" + request.Id).ToString());
            status = await page.Locator("#delivery-status").InnerTextAsync();
            if (status.Contains("Delivered", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(500, Ct);
        }
        while (DateTime.UtcNow < deadline);

        status.ShouldBe("Delivered to the payer");
        gateway.PayerRequests.ShouldBeGreaterThan(0);
        await page.ShotAsync("coder-5-delivered");
    }

    [Fact]
    public async Task A_coder_cannot_open_another_coders_request_nor_the_privacy_pages()
    {
        var request = await gateway.OpenRequestAsync("coder-ana", "SGW-CLAIM-0202", Ct);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(gateway, gateway.Token("coder", "coder-ben"));

        await page.GotoAsync(gateway.Url("/console/requests").ToString());
        (await page.ContentAsync()).ShouldNotContain("SGW-CLAIM-0202");

        var response = await page.GotoAsync(gateway.Url("/console/requests/" + request.Id).ToString());
        response!.Status.ShouldBe(404);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Request not found");
        var html = await page.ContentAsync();
        html.ShouldNotContain("SGW-CLAIM-0202");
        html.ShouldNotContain("J.Q.T.");
        (await page.Locator("#upload-form").CountAsync()).ShouldBe(0);
        await page.ShouldBeAccessibleAsync();
        await page.ShotAsync("coder-6-not-assigned");

        // Posting to it (as the page's own script and form would) answers the same 404, and nothing is kept.
        var antiforgery = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        var detail = gateway.Url("/console/requests/" + request.Id).ToString();
        const string boundary = "sgw-console-test";
        var multipart = Encoding.ASCII.GetBytes(string.Concat(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"loinc\"\r\n\r\n11506-3\r\n",
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"note.png\"\r\nContent-Type: image/png\r\n\r\n"))
            .Concat(Png).Concat(Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n")).ToArray();
        var upload = await page.APIRequest.PostAsync(detail + "?handler=Upload", new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string>
            {
                ["RequestVerificationToken"] = antiforgery,
                ["Accept"] = "application/json",
                ["Content-Type"] = "multipart/form-data; boundary=" + boundary,
            },
            DataByte = multipart,
        });
        upload.Status.ShouldBe(404);
        (await upload.TextAsync()).ShouldNotContain("SGW-CLAIM-0202");
        var submit = await page.APIRequest.PostAsync(detail + "?handler=Submit", new APIRequestContextOptions
        {
            Form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", antiforgery),
        });
        submit.Status.ShouldBe(404);
        var submitted = await submit.TextAsync();
        submitted.ShouldContain("Request not found");
        submitted.ShouldNotContain("SGW-CLAIM-0202");
        var kept = await gateway.Services.GetRequiredService<AttachmentRequestService>().FindAsync(request.Id, Ct);
        kept!.Documents.ShouldBeEmpty();
        kept.State.ShouldBe(AttachmentRequestState.Open);

        var denied = await page.GotoAsync(gateway.Url("/console/privacy/accounting").ToString());
        denied!.Status.ShouldBe(403);
        page.Url.ShouldContain("/console/denied");
        await page.ShotAsync("coder-7-denied");
    }

    [Fact]
    public async Task A_privacy_officer_pulls_the_accounting_verifies_the_ledger_reviews_access_and_records_an_incident()
    {
        var requests = gateway.Services.GetRequiredService<AttachmentRequestService>();
        var request = await gateway.OpenRequestAsync("coder-cy", "SGW-CLAIM-0303", Ct);
        using (var png = new MemoryStream(Png))
        {
            (await requests.UploadAsync(request.Id, "coder-cy", "11506-3",
                new PatientIdentity(ConsoleGateway.PatientName, ConsoleGateway.MemberId, ConsoleGateway.BirthDate), "SGW-CLAIM-0303",
                ConsoleGateway.ServiceDate, "note.png", png, Ct)).Accepted.ShouldBeTrue();
        }

        var submitted = await requests.SubmitAsync(request.Id, "coder-cy", Ct);
        var sequence = submitted.Receipt!.DisclosureSequence;

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(gateway, gateway.Token("compliance", "privacy-pat"));

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await page.GotoAsync(gateway.Url("/console/privacy/accounting").ToString());
        await page.ShouldBeAccessibleAsync();
        await page.GetByLabel("Member ID").FillAsync(ConsoleGateway.MemberId);
        await page.GetByLabel("Date of birth").FillAsync("1980-01-15");
        await page.GetByLabel("From").FillAsync(today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("To").FillAsync(today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show on screen" }).ClickAsync();
        var disclosure = page.Locator("#accounting tr", new() { HasText = "coder-cy" }).Filter(new() { HasText = "Disclosure" });
        await Assertions.Expect(disclosure).ToHaveCountAsync(1);
        var line = await disclosure.InnerTextAsync();
        line.ShouldContain(ConsoleGateway.PayerName);
        line.ShouldContain("Attachment for claim SGW-CLAIM-0303; date of service 11/02/2026; Progress note (LOINC 11506-3) as PNG");
        line.ShouldContain(sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ShouldBeAccessibleAsync();
        await page.ShotAsync("privacy-1-accounting");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".csv");
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), Ct);
        csv.ShouldContain(ConsoleGateway.PayerName);
        csv.ShouldContain("coder-cy");

        await page.GotoAsync(gateway.Url("/console/privacy/ledger").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify the ledger now" }).ClickAsync();
        await Assertions.Expect(page.Locator("#ledger-result")).ToContainTextAsync("The ledger is intact");
        await page.ShouldBeAccessibleAsync();
        await page.ShotAsync("privacy-2-ledger");

        await page.GotoAsync(gateway.Url("/console/privacy/access-review").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Run the review" }).ClickAsync();
        // The accounting pulls above are audited; privacy-pat has no staff profile configured, so the review names them.
        await Assertions.Expect(page.Locator("#review-result")).ToContainTextAsync("privacy-pat");
        await page.ShouldBeAccessibleAsync();
        await page.ShotAsync("privacy-3-access-review");

        await page.GotoAsync(gateway.Url($"/console/privacy/incident?sequence={sequence}").ToString());
        await Assertions.Expect(page.GetByLabel("Ledger entry number of the disclosure")).ToHaveValueAsync(sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("What was found").FillAsync("Sent to the payer for a claim the practice had already withdrawn.");
        await page.GetByLabel("Risk assessment").FillAsync("Low: the recipient is a covered entity bound by HIPAA; payer confirmed deletion.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the incident" }).ClickAsync();
        await Assertions.Expect(page.Locator("#incident-result")).ToContainTextAsync($"against disclosure {sequence}");
        await page.ShouldBeAccessibleAsync();
        await page.ShotAsync("privacy-4-incident");

        await page.GotoAsync(gateway.Url("/console/privacy/accounting").ToString());
        await page.GetByLabel("Member ID").FillAsync(ConsoleGateway.MemberId);
        await page.GetByLabel("Date of birth").FillAsync("1980-01-15");
        await page.GetByLabel("From").FillAsync(today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("To").FillAsync(today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show on screen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#accounting tr", new() { HasText = $"(about {sequence})" }).Filter(new() { HasText = "Incident" }))
            .ToContainTextAsync("withdrawn");
    }

    [Fact]
    public async Task Sign_in_needs_a_real_token_gives_a_strict_cookie_and_headers_and_sign_out_ends_the_session()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(gateway.Url("/console/requests").ToString());
        page.Url.ShouldContain("/console/signin?returnUrl=");
        var signIn = await page.GotoAsync(gateway.Url("/console/signin").ToString());
        var headers = signIn!.Headers;
        headers["content-security-policy"].ShouldBe("default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'; form-action 'self'");
        headers["x-content-type-options"].ShouldBe("nosniff");
        headers["referrer-policy"].ShouldBe("no-referrer");
        headers["cache-control"].ShouldContain("no-store");
        await page.ShouldBeAccessibleAsync();

        // Keyboard: the first Tab lands on the skip link, which is visible when focused.
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("() => document.activeElement.className")).ShouldBe("skip-link");
        await page.ShotAsync("signin-1-skip-link");

        await page.GetByLabel("Access token").FillAsync(gateway.Token("coder", "coder-dee")[..^4] + "AAAA");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That token was not accepted");
        (await context.CookiesAsync()).ShouldNotContain(c => c.Name == "__Host-sgw-console");
        await page.ShotAsync("signin-2-refused");

        await page.SignInAsync(gateway, gateway.Token("coder", "coder-dee"));
        var cookie = (await context.CookiesAsync()).Single(c => c.Name == "__Host-sgw-console");
        cookie.HttpOnly.ShouldBeTrue();
        cookie.Secure.ShouldBeTrue();
        cookie.SameSite.ShouldBe(SameSiteAttribute.Strict);
        cookie.Expires.ShouldBe(-1, "a session cookie: the browser forgets it when closed");

        // The console cookie is not an API credential: the API keeps bearer tokens only.
        var api = await context.APIRequest.GetAsync(gateway.Url("/attachment-requests/anything").ToString());
        api.Status.ShouldBe(401);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(SignedOut());
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You have signed out");
        await page.ShotAsync("signin-3-signed-out");
        await page.GotoAsync(gateway.Url("/console/requests").ToString());
        page.Url.ShouldContain("/console/signin");
    }

    [GeneratedRegex("signedOut=true")]
    private static partial Regex SignedOut();
}
