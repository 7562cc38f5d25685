using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using SubmissionGateway.Cli.Gateway;
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
        var database = new Option<string?>("--database") { Description = "Read offline from this SQLite file or PostgreSQL connection string (Host=...) instead of asking the gateway." };
        var keys = new Option<FileInfo?>("--phi-keys") { Description = "With --database: JSON file with the PHI field keys (activeKeyId, encryptionKeys, blindIndexKey; base64)." };
        var memberId = new Option<string>("--member-id") { Description = "The patient's member id.", Required = true };
        var birthDate = new Option<string>("--birth-date") { Description = "The patient's birth date (yyyy-MM-dd).", Required = true };
        var from = new Option<string>("--from") { Description = "Start of the period (yyyy-MM-dd, UTC, inclusive).", Required = true };
        var to = new Option<string>("--to") { Description = "Last day of the period (yyyy-MM-dd, UTC, inclusive).", Required = true };
        var purpose = new Option<DisclosurePurpose?>("--purpose") { Description = "Only disclosures for this purpose." };
        var format = new Option<string>("--format") { Description = "json or csv.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "csv");
        var csvSwitch = new Option<bool>("--csv") { Description = "Same as --format csv." };
        var output = new Option<FileInfo?>("--output") { Description = "Write to this file instead of standard output." };
        var connection = new GatewayConnectionOptions("compliance");
        var command = new Command("accounting", "Accounting of disclosures for one patient and period (45 CFR 164.528): from the gateway (GET /compliance/accounting), or offline with --database.");
        foreach (var option in new Option[] { database, keys, memberId, birthDate, from, to, purpose, format, csvSwitch, output })
        {
            command.Options.Add(option);
        }

        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(birthDate), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born)
                || !DateOnly.TryParseExact(parse.GetValue(from), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !DateOnly.TryParseExact(parse.GetValue(to), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
            {
                await stderr.WriteLineAsync("error: dates must be written yyyy-MM-dd.").ConfigureAwait(false);
                return 2;
            }

            var csv = parse.GetValue(csvSwitch) || parse.GetValue(format) == "csv";
            var target = parse.GetValue(output);
            if (parse.GetValue(database) is not { } databaseArgument)
            {
                return await GatewayVerb.RunAsync("accounting", stdout, stderr, parse.GetValue(connection.Json), async () =>
                {
                    using var client = connection.Connect(parse, stderr);
                    var query = $"compliance/accounting?memberId={Uri.EscapeDataString(parse.GetValue(memberId)!)}&birthDate={born:yyyy-MM-dd}&from={start:yyyy-MM-dd}&to={end:yyyy-MM-dd}"
                        + (parse.GetValue(purpose) is { } only ? $"&purpose={only}" : "") + (csv ? "&format=csv" : "");
                    using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(query, UriKind.Relative));
                    using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                    await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                    if (target is null)
                    {
                        await using var console = new TextWriterStream(stdout);
                        await body.CopyToAsync(console, cancellationToken).ConfigureAwait(false);
                        await console.FlushAsync(cancellationToken).ConfigureAwait(false);
                        await stdout.WriteLineAsync().ConfigureAwait(false);
                        return ExitCodes.Ok;
                    }

                    var partial = target.FullName + ".partial";
                    try
                    {
                        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write))
                        {
                            await body.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                        }

                        File.Move(partial, target.FullName, overwrite: true);
                    }
                    catch
                    {
                        // A broken stream leaves no half accounting that could pass for a whole one.
                        File.Delete(partial);
                        throw;
                    }

                    await stdout.WriteLineAsync($"accounting written to {target.FullName} ({new FileInfo(target.FullName).Length} bytes)").ConfigureAwait(false);
                    return ExitCodes.Ok;
                }).ConfigureAwait(false);
            }

            var keyFile = parse.GetValue(keys);
            if (keyFile is null)
            {
                await stderr.WriteLineAsync("error: --database needs --phi-keys <JSON file>.").ConfigureAwait(false);
                return 2;
            }

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
                var factory = new GatewayDbContextFactory(PersistenceOptions.FromArgument(databaseArgument));
                var index = new PatientBlindIndex(phiOptions);
                var ledger = new DisclosureLedger(factory, new PhiFieldProtector(phiOptions), index, TimeProvider.System);
                var accounting = new DisclosureAccounting(factory, index, ledger);
                var period = new WholeDays(start, end);
                var query = new AccountingQuery(parse.GetValue(memberId)!, born, period.Start, period.EndExclusive, parse.GetValue(purpose));
                var lines = accounting.StreamAsync(query, cancellationToken);
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
