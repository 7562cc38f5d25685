using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using System.Text.Json;
using Npgsql;
using SubmissionGateway.Cli.Gateway;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Cli.Ledger;

/// <summary>`sgw ledger verify`: recompute the disclosure ledger offline and check every signed tree head.</summary>
internal static class LedgerCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var database = new Option<string?>("--database") { Description = "Verify offline from this SQLite file or PostgreSQL connection string (Host=...) instead of asking the gateway." };
        var heads = new Option<DirectoryInfo>("--heads") { Description = "Folder of archived signed tree heads (the FileSystem archive)." };
        var headsBlob = new Option<string>("--heads-blob")
        {
            Description = "The AzureBlob archive instead: a storage connection string, or an https blob service URI reached with the ambient Azure identity.",
        };
        var headsContainer = new Option<string>("--heads-container") { Description = "Blob container of the heads (with --heads-blob).", DefaultValueFactory = _ => new TreeHeadBlobOptions().ContainerName };
        var publicKey = new Option<FileInfo?>("--public-key") { Description = "With --database: PEM file with the ledger's tree-head public key." };
        var connection = new GatewayConnectionOptions("compliance");
        var verify = new Command("verify", "Recompute the ledger's Merkle tree and check it against every signed tree head: on the gateway (POST /compliance/ledger/verify), or offline with --database.");
        verify.Options.Add(database);
        verify.Options.Add(heads);
        verify.Options.Add(headsBlob);
        verify.Options.Add(headsContainer);
        verify.Options.Add(publicKey);
        connection.AddTo(verify);
        verify.SetAction(async (parse, cancellationToken) =>
        {
            var json = parse.GetValue(connection.Json);
            if (parse.GetValue(database) is not { } databaseArgument)
            {
                return await GatewayVerb.RunAsync("ledger verify", stdout, stderr, json, async () =>
                {
                    using var client = connection.Connect(parse, stderr);
                    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("compliance/ledger/verify", UriKind.Relative));
                    var answer = await client.SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
                    var intact = answer.TryGetProperty("isIntact", out var flag) && flag.ValueKind == JsonValueKind.True;
                    await stdout.WriteLineAsync(json ? answer.GetRawText() : intact
                        ? $"ledger intact: {Text(answer, "entriesChecked")} entries, {Text(answer, "headsChecked")} signed tree heads verified; root {Text(answer, "rootHash") ?? "(empty ledger)"}"
                        : $"ledger NOT intact: first bad entry {Text(answer, "firstBadSequence") ?? "(none: a signed head is bad)"}{Environment.NewLine}{Text(answer, "problem")}").ConfigureAwait(false);
                    return intact ? ExitCodes.Ok : ExitCodes.Refused;
                }).ConfigureAwait(false);
            }

            var headFolder = parse.GetValue(heads);
            var headBlob = parse.GetValue(headsBlob);
            if ((headFolder is null) == string.IsNullOrWhiteSpace(headBlob))
            {
                await stderr.WriteLineAsync("error: give exactly one of --heads <folder> or --heads-blob <connection string | https service URI>.").ConfigureAwait(false);
                return 2;
            }

            var keyFile = parse.GetValue(publicKey);
            if (keyFile is null)
            {
                await stderr.WriteLineAsync("error: --database needs --public-key <PEM file>.").ConfigureAwait(false);
                return 2;
            }

            if (!keyFile.Exists)
            {
                await stderr.WriteLineAsync($"error: the public key file '{keyFile.FullName}' does not exist.").ConfigureAwait(false);
                return 2;
            }

            try
            {
                using var key = TreeHeadVerifier.FromPem(await File.ReadAllTextAsync(keyFile.FullName, cancellationToken).ConfigureAwait(false));
                var factory = new GatewayDbContextFactory(PersistenceOptions.FromArgument(databaseArgument));
                var archive = headFolder is not null
                    ? (ITreeHeadArchive)new FileSystemTreeHeadArchive(headFolder.FullName)
                    : new BlobTreeHeadArchive(BlobOptions(headBlob!, parse.GetValue(headsContainer)!).CreateContainerClient());
                var result = await LedgerAudit.VerifyAsync(factory, archive, key, cancellationToken).ConfigureAwait(false);
                if (json)
                {
                    await stdout.WriteLineAsync(JsonSerializer.Serialize(new
                    {
                        isIntact = result.IsIntact,
                        entriesChecked = result.EntriesChecked,
                        headsChecked = result.HeadsChecked,
                        firstBadSequence = result.FirstBadSequence,
                        problem = result.Problem,
                        rootHash = result.RootHash is null ? null : Convert.ToHexStringLower(result.RootHash),
                    })).ConfigureAwait(false);
                    return result.IsIntact ? 0 : 1;
                }

                if (result.IsIntact)
                {
                    await stdout.WriteLineAsync($"ledger intact: {result.EntriesChecked} entries, {result.HeadsChecked} signed tree heads verified; root {Convert.ToHexStringLower(result.RootHash!)}").ConfigureAwait(false);
                    return 0;
                }

                await stdout.WriteLineAsync($"ledger NOT intact: first bad entry {result.FirstBadSequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none: a signed head is bad)"}").ConfigureAwait(false);
                await stdout.WriteLineAsync(result.Problem).ConfigureAwait(false);
                return 1;
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException or SqliteException or NpgsqlException or IOException or InvalidDataException or System.Text.Json.JsonException
                or FormatException or AggregateException or Azure.RequestFailedException or Azure.Identity.AuthenticationFailedException or Azure.Identity.CredentialUnavailableException)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return 2;
            }
        });

        var ledger = new Command("ledger", "Disclosure ledger tools.");
        ledger.Subcommands.Add(verify);
        return ledger;
    }

    private static string? Text(JsonElement element, string name) => Submissions.SubmissionText.Text(element, name);

    private static TreeHeadBlobOptions BlobOptions(string value, string container) =>
        value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? new TreeHeadBlobOptions { ServiceUri = new Uri(value), ContainerName = container }
            : new TreeHeadBlobOptions { ConnectionString = value, ContainerName = container };
}
