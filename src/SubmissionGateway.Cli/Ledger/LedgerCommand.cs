using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Npgsql;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Cli.Ledger;

/// <summary>`sgw ledger verify`: recompute the disclosure ledger offline and check every signed tree head.</summary>
internal static class LedgerCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var database = new Option<string>("--database") { Description = "SQLite file path or PostgreSQL connection string (Host=...).", Required = true };
        var heads = new Option<DirectoryInfo>("--heads") { Description = "Folder of archived signed tree heads.", Required = true };
        var publicKey = new Option<FileInfo>("--public-key") { Description = "PEM file with the ledger's tree-head public key.", Required = true };
        var verify = new Command("verify", "Recompute the ledger's Merkle tree and check it against every signed tree head.");
        verify.Options.Add(database);
        verify.Options.Add(heads);
        verify.Options.Add(publicKey);
        verify.SetAction(async (parse, cancellationToken) =>
        {
            var keyFile = parse.GetValue(publicKey)!;
            if (!keyFile.Exists)
            {
                await stderr.WriteLineAsync($"error: the public key file '{keyFile.FullName}' does not exist.").ConfigureAwait(false);
                return 2;
            }

            try
            {
                using var key = TreeHeadVerifier.FromPem(await File.ReadAllTextAsync(keyFile.FullName, cancellationToken).ConfigureAwait(false));
                var factory = new GatewayDbContextFactory(PersistenceOptions.FromArgument(parse.GetValue(database)!));
                var result = await LedgerAudit.VerifyAsync(factory, new FileSystemTreeHeadArchive(parse.GetValue(heads)!.FullName), key, cancellationToken)
                    .ConfigureAwait(false);
                if (result.IsIntact)
                {
                    await stdout.WriteLineAsync($"ledger intact: {result.EntriesChecked} entries, {result.HeadsChecked} signed tree heads verified; root {Convert.ToHexStringLower(result.RootHash!)}").ConfigureAwait(false);
                    return 0;
                }

                await stdout.WriteLineAsync($"ledger NOT intact: first bad entry {result.FirstBadSequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none: a signed head is bad)"}").ConfigureAwait(false);
                await stdout.WriteLineAsync(result.Problem).ConfigureAwait(false);
                return 1;
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException or SqliteException or NpgsqlException or IOException or InvalidDataException or System.Text.Json.JsonException)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return 2;
            }
        });

        var ledger = new Command("ledger", "Disclosure ledger tools.");
        ledger.Subcommands.Add(verify);
        return ledger;
    }
}
