using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SubmissionGateway.Cli.Gateway;

namespace SubmissionGateway.Cli.Submissions;

/// <summary><c>sgw submit FILE</c>: streams an 837 to the gateway, prints each claim's status, optionally writes the acks.</summary>
internal static class SubmitCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "One X12 837 interchange." };
        var idempotencyKey = new Option<string?>("--idempotency-key") { Description = "Sending again with the same key returns the first answer instead of a second submission." };
        var ackOut = new Option<DirectoryInfo?>("--ack-out") { Description = "Write the 999 (NAME.999.x12) and the 277CA (NAME.277ca.x12) into this folder." };
        var connection = new GatewayConnectionOptions("submitter");
        var command = new Command("submit", "Submit an 837 to the gateway (POST /submissions); exit 1 when any claim is rejected.");
        command.Arguments.Add(file);
        command.Options.Add(idempotencyKey);
        command.Options.Add(ackOut);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var json = parse.GetValue(connection.Json);
            return GatewayVerb.RunAsync("submit", stdout, stderr, json, async () =>
            {
                var input = parse.GetValue(file)!;
                if (!input.Exists)
                {
                    throw new CommandFailedException(ExitCodes.Usage, $"the file '{input.FullName}' does not exist.");
                }

                using var client = connection.Connect(parse, stderr, SenderId(input.FullName));
                await using var body = new FileStream(input.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("submissions", UriKind.Relative))
                {
                    Content = new StreamContent(body, 64 * 1024),
                };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
                if (parse.GetValue(idempotencyKey) is { Length: > 0 } key)
                {
                    request.Headers.Add("Idempotency-Key", key);
                }

                var answer = await client.SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(ackOut) is { } folder)
                {
                    await WriteAcknowledgmentsAsync(answer, folder, Path.GetFileNameWithoutExtension(input.Name), json ? stderr : stdout, cancellationToken).ConfigureAwait(false);
                }

                return await SubmissionText.WriteAsync(answer, stdout, json).ConfigureAwait(false);
            });
        });
        return command;
    }

    /// <summary>The interchange's sender (ISA06), read from the fixed-width ISA: the submitter a minted token acts as.</summary>
    internal static string? SenderId(string path)
    {
        Span<byte> isa = stackalloc byte[106];
        using var stream = File.OpenRead(path);
        var read = stream.ReadAtLeast(isa, isa.Length, throwOnEndOfStream: false);
        if (read < 106 || !isa.StartsWith("ISA"u8))
        {
            return null;
        }

        var elements = Encoding.ASCII.GetString(isa).Split((char)isa[3]);
        return elements.Length > 6 ? elements[6].Trim() : null;
    }

    private static async Task WriteAcknowledgmentsAsync(JsonElement answer, DirectoryInfo folder, string name, TextWriter report, CancellationToken cancellationToken)
    {
        folder.Create();
        foreach (var (property, suffix) in new[] { ("acknowledgment999", "999"), ("claimAcknowledgment277CA", "277ca") })
        {
            if (SubmissionText.Text(answer, property) is not { Length: > 0 } text)
            {
                continue;
            }

            // Written beside the target and moved into place: never a half-written acknowledgment.
            var target = Path.Combine(folder.FullName, $"{name}.{suffix}.x12");
            var temp = target + ".partial";
            await File.WriteAllTextAsync(temp, text, cancellationToken).ConfigureAwait(false);
            File.Move(temp, target, overwrite: true);
            await report.WriteLineAsync($"wrote {target}").ConfigureAwait(false);
        }
    }
}
