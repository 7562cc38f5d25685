using System.CommandLine;
using SubmissionGateway.Cli.Gateway;

namespace SubmissionGateway.Cli.Submissions;

/// <summary><c>sgw status ID</c>: a submission's claims with their current delivery status.</summary>
internal static class StatusCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var id = new Argument<string>("SUBMISSION-ID") { Description = "The submissionId that sgw submit printed." };
        var connection = new GatewayConnectionOptions("submitter");
        var command = new Command("status", "A submission's claims and their delivery status (GET /submissions/{id}).");
        command.Arguments.Add(id);
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var json = parse.GetValue(connection.Json);
            return GatewayVerb.RunAsync("status", stdout, stderr, json, async () =>
            {
                using var client = connection.Connect(parse, stderr);
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("submissions/" + Uri.EscapeDataString(parse.GetValue(id)!), UriKind.Relative));
                var answer = await client.SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
                return await SubmissionText.WriteAsync(answer, stdout, json).ConfigureAwait(false);
            });
        });
        return command;
    }
}
