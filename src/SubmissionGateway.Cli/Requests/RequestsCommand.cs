using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SubmissionGateway.Cli.Gateway;
using SubmissionGateway.Cli.Submissions;

namespace SubmissionGateway.Cli.Requests;

/// <summary><c>sgw requests create|list|show|upload|submit</c>: a coder's attachment requests on the gateway.</summary>
internal static class RequestsCommand
{
    private static readonly string[] Purposes = ["PayerRequest", "Appeal", "DenialResponse"];

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var requests = new Command("requests", "Attachment requests: open one, upload documents into its scope, submit it to the payer as a 275.");
        requests.Subcommands.Add(CreateCommand(stdout, stderr));
        requests.Subcommands.Add(ListCommand(stdout, stderr));
        requests.Subcommands.Add(ShowCommand(stdout, stderr));
        requests.Subcommands.Add(UploadCommand(stdout, stderr));
        requests.Subcommands.Add(SubmitCommand(stdout, stderr));
        return requests;
    }

    private static Command CreateCommand(TextWriter stdout, TextWriter stderr)
    {
        var payer = new Option<string>("--payer") { Description = "The payer's id in the gateway's payer registry.", Required = true };
        var claim = new Option<string?>("--claim") { Description = "The claim (CLM01) the documents are for." };
        var payerClaim = new Option<string?>("--payer-claim-number") { Description = "The payer's claim control number, when known." };
        var name = new Option<string>("--patient-name") { Description = "The patient as on the claim: LAST, FIRST M.", Required = true };
        var member = new Option<string>("--member-id") { Description = "The patient's member id.", Required = true };
        var born = new Option<string>("--birth-date") { Description = "The patient's birth date (yyyy-MM-dd).", Required = true };
        var from = new Option<string>("--from") { Description = "First date of service (yyyy-MM-dd).", Required = true };
        var to = new Option<string?>("--to") { Description = "Last date of service (yyyy-MM-dd; default: --from)." };
        var purpose = new Option<string>("--purpose") { Description = "PayerRequest, Appeal or DenialResponse.", DefaultValueFactory = _ => "Appeal" };
        purpose.AcceptOnlyFromAmong(Purposes);
        var loinc = new Option<string[]>("--loinc") { Description = "A document type and how many: LOINC:COUNT (e.g. 11506-3:1); repeat for more.", Required = true };
        var assign = new Option<string?>("--assign-to") { Description = "The coder (token sub) who fills it; default: you." };
        var payerRequest = new Option<string?>("--payer-request-number") { Description = "The payer's own request number, when it sent one." };
        var connection = new GatewayConnectionOptions("coder");
        var command = new Command("create", "Open an attachment request (POST /attachment-requests).");
        foreach (var option in new Option[] { payer, claim, payerClaim, name, member, born, from, to, purpose, loinc, assign, payerRequest })
        {
            command.Options.Add(option);
        }

        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var json = parse.GetValue(connection.Json);
            return GatewayVerb.RunAsync("requests create", stdout, stderr, json, async () =>
            {
                var types = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var item in parse.GetValue(loinc)!)
                {
                    var parts = item.Split(':');
                    if (parts.Length != 2 || parts[0].Length == 0 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
                    {
                        throw new CommandFailedException(ExitCodes.Usage, $"--loinc '{item}': write LOINC:COUNT, e.g. 11506-3:1.");
                    }

                    types[parts[0]] = types.GetValueOrDefault(parts[0]) + count;
                }

                var first = Date(parse.GetValue(from)!, "--from");
                var body = new
                {
                    payerId = parse.GetValue(payer),
                    claimId = parse.GetValue(claim),
                    payerClaimControlNumber = parse.GetValue(payerClaim),
                    patient = new { name = parse.GetValue(name), memberId = parse.GetValue(member), birthDate = Date(parse.GetValue(born)!, "--birth-date") },
                    serviceDateFrom = first,
                    serviceDateTo = parse.GetValue(to) is { } last ? Date(last, "--to") : first,
                    purpose = parse.GetValue(purpose),
                    documentTypes = types,
                    assignedCoder = parse.GetValue(assign),
                    payerRequestNumber = parse.GetValue(payerRequest),
                };
                using var client = connection.Connect(parse, stderr);
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("attachment-requests", UriKind.Relative)) { Content = JsonContent.Create(body) };
                var created = await client.SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
                await (json ? stdout.WriteLineAsync(created.GetRawText()) : RequestText.WriteAsync(created, stdout)).ConfigureAwait(false);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command ListCommand(TextWriter stdout, TextWriter stderr)
    {
        var status = new Option<string?>("--status") { Description = "Only requests in this state: Open, Submitted or Closed." };
        var connection = new GatewayConnectionOptions("coder");
        var command = new Command("list", "Your attachment requests (GET /attachment-requests?status=).");
        command.Options.Add(status);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var json = parse.GetValue(connection.Json);
            return GatewayVerb.RunAsync("requests list", stdout, stderr, json, async () =>
            {
                using var client = connection.Connect(parse, stderr);
                var query = parse.GetValue(status) is { Length: > 0 } state ? "?status=" + Uri.EscapeDataString(state) : "";
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("attachment-requests" + query, UriKind.Relative));
                var answer = await client.SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
                if (json)
                {
                    await stdout.WriteLineAsync(answer.GetRawText()).ConfigureAwait(false);
                    return ExitCodes.Ok;
                }

                // A bare array, or a page object with its items: both are read, the server's paging is its own.
                var items = answer.ValueKind == JsonValueKind.Array ? answer
                    : answer.TryGetProperty("items", out var page) && page.ValueKind == JsonValueKind.Array ? page : default;
                var count = 0;
                if (items.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in items.EnumerateArray())
                    {
                        count++;
                        await stdout.WriteLineAsync(RequestText.Summary(item)).ConfigureAwait(false);
                    }
                }

                await stdout.WriteLineAsync($"{count} request(s)").ConfigureAwait(false);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command ShowCommand(TextWriter stdout, TextWriter stderr)
    {
        var id = new Argument<string>("REQUEST-ID");
        var connection = new GatewayConnectionOptions("coder");
        var command = new Command("show", "One attachment request with its scope and documents (GET /attachment-requests/{id}).");
        command.Arguments.Add(id);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var json = parse.GetValue(connection.Json);
            return GatewayVerb.RunAsync("requests show", stdout, stderr, json, async () =>
            {
                using var client = connection.Connect(parse, stderr);
                using var request = new HttpRequestMessage(HttpMethod.Get, RequestPath(parse.GetValue(id)!, ""));
                var answer = await client.SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
                await (json ? stdout.WriteLineAsync(answer.GetRawText()) : RequestText.WriteAsync(answer, stdout)).ConfigureAwait(false);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command UploadCommand(TextWriter stdout, TextWriter stderr)
    {
        var id = new Argument<string>("REQUEST-ID");
        var file = new Argument<FileInfo>("FILE") { Description = "The document (PDF, TIFF, JPEG, PNG, ...); streamed, never read into memory." };
        var loinc = new Option<string>("--loinc") { Description = "The document's LOINC attachment code, one the request asks for.", Required = true };
        var name = new Option<string>("--patient-name") { Description = "The patient the document is about, as on the request.", Required = true };
        var member = new Option<string>("--member-id") { Description = "The patient's member id.", Required = true };
        var born = new Option<string>("--birth-date") { Description = "The patient's birth date (yyyy-MM-dd).", Required = true };
        var claim = new Option<string>("--claim") { Description = "The claim (CLM01) the document is about.", Required = true };
        var serviceDate = new Option<string>("--service-date") { Description = "The date of service the document is about (yyyy-MM-dd).", Required = true };
        var connection = new GatewayConnectionOptions("coder");
        var command = new Command("upload", "Upload a document into a request (POST /attachment-requests/{id}/documents); refused when outside its scope.");
        command.Arguments.Add(id);
        command.Arguments.Add(file);
        foreach (var option in new Option[] { loinc, name, member, born, claim, serviceDate })
        {
            command.Options.Add(option);
        }

        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var json = parse.GetValue(connection.Json);
            return GatewayVerb.RunAsync("requests upload", stdout, stderr, json, async () =>
            {
                var input = parse.GetValue(file)!;
                if (!input.Exists)
                {
                    throw new CommandFailedException(ExitCodes.Usage, $"the file '{input.FullName}' does not exist.");
                }

                var birth = Date(parse.GetValue(born)!, "--birth-date");
                var service = Date(parse.GetValue(serviceDate)!, "--service-date");
                using var client = connection.Connect(parse, stderr);
                var interactive = ProgressDisplay.IsInteractive(stderr, json);
                var document = await ProgressDisplay.RunAsync(input.Name, input.Length, interactive, stderr, async report =>
                {
                    // The fields come first: the gateway checks them before it reads a byte of the document.
                    using var form = new MultipartFormDataContent();
                    form.Add(new StringContent(parse.GetValue(loinc)!), "loinc");
                    form.Add(new StringContent(parse.GetValue(name)!), "patientName");
                    form.Add(new StringContent(parse.GetValue(member)!), "memberId");
                    form.Add(new StringContent(birth), "birthDate");
                    form.Add(new StringContent(parse.GetValue(claim)!), "claimId");
                    form.Add(new StringContent(service), "serviceDate");
                    var stream = new ProgressReadStream(
                        new FileStream(input.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true), report);
                    var part = new StreamContent(stream, 64 * 1024);
                    part.Headers.ContentType = new MediaTypeHeaderValue(MediaType(input.Extension));
                    form.Add(part, "file", input.Name);
                    using var request = new HttpRequestMessage(HttpMethod.Post, RequestPath(parse.GetValue(id)!, "/documents")) { Content = form };
                    return await client.SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
                await stdout.WriteLineAsync(json ? document.GetRawText() : "uploaded " + RequestText.Document(document)).ConfigureAwait(false);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command SubmitCommand(TextWriter stdout, TextWriter stderr)
    {
        var id = new Argument<string>("REQUEST-ID");
        var connection = new GatewayConnectionOptions("coder");
        var command = new Command("submit", "Send a request's documents to its payer as one 275 (POST /attachment-requests/{id}/submit).");
        command.Arguments.Add(id);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var json = parse.GetValue(connection.Json);
            return GatewayVerb.RunAsync("requests submit", stdout, stderr, json, async () =>
            {
                using var client = connection.Connect(parse, stderr);
                using var request = new HttpRequestMessage(HttpMethod.Post, RequestPath(parse.GetValue(id)!, "/submit"));
                var answer = await client.SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
                await stdout.WriteLineAsync(json ? answer.GetRawText()
                    : $"submitted: 275 with attachment control number {SubmissionText.Text(answer, "attachmentControlNumber")}, {SubmissionText.Text(answer, "size")} bytes, sha256 {SubmissionText.Text(answer, "sha256")}; queued for the payer").ConfigureAwait(false);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Uri RequestPath(string id, string suffix) => new("attachment-requests/" + Uri.EscapeDataString(id) + suffix, UriKind.Relative);

    private static string Date(string value, string option) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : throw new CommandFailedException(ExitCodes.Usage, $"{option} '{value}': write the date as yyyy-MM-dd.");

    private static string MediaType(string extension) => extension.ToUpperInvariant() switch
    {
        ".PDF" => "application/pdf",
        ".TIF" or ".TIFF" => "image/tiff",
        ".JPG" or ".JPEG" => "image/jpeg",
        ".PNG" => "image/png",
        ".TXT" => "text/plain",
        _ => "application/octet-stream",
    };
}
