using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.PhiFields;

namespace SubmissionGateway.Cli.Ledger;

/// <summary>`sgw accounting`: the accounting of disclosures for one patient and period, as JSON or CSV.</summary>
internal static class AccountingCommand
{
    private static readonly JsonSerializerOptions KeyFileJson = new(JsonSerializerDefaults.Web);

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var database = new Option<string>("--database") { Description = "SQLite file path or PostgreSQL connection string (Host=...).", Required = true };
        var keys = new Option<FileInfo>("--phi-keys") { Description = "JSON file with the PHI field keys (activeKeyId, encryptionKeys, blindIndexKey; base64).", Required = true };
        var memberId = new Option<string>("--member-id") { Description = "The patient's member id.", Required = true };
        var birthDate = new Option<string>("--birth-date") { Description = "The patient's birth date (yyyy-MM-dd).", Required = true };
        var from = new Option<string>("--from") { Description = "Start of the period (yyyy-MM-dd, UTC, inclusive).", Required = true };
        var to = new Option<string>("--to") { Description = "End of the period (yyyy-MM-dd, UTC, exclusive).", Required = true };
        var purpose = new Option<DisclosurePurpose?>("--purpose") { Description = "Only disclosures for this purpose." };
        var format = new Option<string>("--format") { Description = "json or csv.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "csv");
        var output = new Option<FileInfo?>("--output") { Description = "Write to this file instead of standard output." };
        var command = new Command("accounting", "Accounting of disclosures for one patient and period (45 CFR 164.528).");
        foreach (var option in new Option[] { database, keys, memberId, birthDate, from, to, purpose, format, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(birthDate), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born)
                || !DateOnly.TryParseExact(parse.GetValue(from), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !DateOnly.TryParseExact(parse.GetValue(to), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
            {
                await stderr.WriteLineAsync("error: dates must be written yyyy-MM-dd.").ConfigureAwait(false);
                return 2;
            }

            var keyFile = parse.GetValue(keys)!;
            var target = parse.GetValue(output);
            try
            {
                if (!keyFile.Exists)
                {
                    throw new IOException($"The PHI key file '{keyFile.FullName}' does not exist.");
                }

                PhiFieldOptions phi;
                await using (var stream = keyFile.OpenRead())
                {
                    phi = await JsonSerializer.DeserializeAsync<PhiFieldOptions>(stream, KeyFileJson, cancellationToken).ConfigureAwait(false)
                        ?? throw new InvalidDataException("The PHI key file is empty.");
                }

                var phiOptions = Options.Create(phi);
                var factory = new GatewayDbContextFactory(PersistenceOptions.FromArgument(parse.GetValue(database)!));
                var index = new PatientBlindIndex(phiOptions);
                var ledger = new DisclosureLedger(factory, new PhiFieldProtector(phiOptions), index, TimeProvider.System);
                var accounting = new DisclosureAccounting(factory, index, ledger);
                var query = new AccountingQuery(
                    parse.GetValue(memberId)!, born,
                    new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                    new DateTimeOffset(end.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                    parse.GetValue(purpose));
                var lines = accounting.StreamAsync(query, cancellationToken);
                var csv = parse.GetValue(format) == "csv";
                if (target is null)
                {
                    await using var console = new TextWriterStream(stdout);
                    _ = csv
                        ? await AccountingWriter.WriteCsvAsync(lines, console, cancellationToken).ConfigureAwait(false)
                        : await AccountingWriter.WriteJsonAsync(lines, console, cancellationToken).ConfigureAwait(false);
                    await stdout.WriteLineAsync().ConfigureAwait(false);
                    return 0;
                }

                // Written beside the target and moved into place: a failure leaves no half-written accounting.
                var temp = target.FullName + ".partial";
                long count;
                await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write))
                {
                    count = csv
                        ? await AccountingWriter.WriteCsvAsync(lines, file, cancellationToken).ConfigureAwait(false)
                        : await AccountingWriter.WriteJsonAsync(lines, file, cancellationToken).ConfigureAwait(false);
                }

                File.Move(temp, target.FullName, overwrite: true);
                await stdout.WriteLineAsync($"{count} ledger entries written to {target.FullName}").ConfigureAwait(false);
                return 0;
            }
            catch (Exception ex) when (ex is CryptographicException or PhiFieldTamperedException or ArgumentException or InvalidOperationException
                or SqliteException or NpgsqlException or IOException or InvalidDataException or JsonException)
            {
                if (target is not null)
                {
                    File.Delete(target.FullName + ".partial");
                }

                await stderr.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return 2;
            }
        });
        return command;
    }
}
