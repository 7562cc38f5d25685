using System.CommandLine;
using Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.Envelope;
using SubmissionGateway.Protection.Keys;

namespace SubmissionGateway.Cli.Keys;

/// <summary><c>sgw keys rotate</c>: adds a key-encryption key version and re-wraps stored payloads under it.</summary>
internal static class KeysCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var config = new Option<FileInfo?>("--config")
        {
            Description = "A JSON settings file with a Protection section (as the API's appsettings.json).",
        };
        var dataFolder = new Option<string?>("--data-folder")
        {
            Description = "The data folder (overrides Protection:DataFolder; default: the API's default data folder).",
        };
        var noRewrap = new Option<bool>("--no-rewrap")
        {
            Description = "Only add the key version; leave stored payloads wrapped by older versions.",
        };

        var json = new Option<bool>("--json") { Description = "Print {keyId, rewrapped} as JSON." };
        var rotate = new Command("rotate", "Add a key-encryption key version, make it current, and re-wrap every stored payload's data key under it (payloads are not re-encrypted).");
        rotate.Options.Add(config);
        rotate.Options.Add(dataFolder);
        rotate.Options.Add(noRewrap);
        rotate.Options.Add(json);
        rotate.SetAction((parse, cancellationToken) => RotateAsync(
            parse.GetValue(config), parse.GetValue(dataFolder), parse.GetValue(noRewrap), parse.GetValue(json), stdout, stderr, cancellationToken));

        var keys = new Command("keys", "Manage the key-encryption keys that protect stored attachments.");
        keys.Subcommands.Add(rotate);
        return keys;
    }

    private static async Task<int> RotateAsync(
        FileInfo? configFile, string? dataFolder, bool noRewrap, bool json, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            var builder = new ConfigurationBuilder();
            if (configFile is not null)
            {
                if (!configFile.Exists)
                {
                    await stderr.WriteLineAsync($"sgw keys rotate: settings file '{configFile.FullName}' does not exist.").ConfigureAwait(false);
                    return 2;
                }

                builder.AddJsonFile(configFile.FullName, optional: false);
            }

            builder.AddEnvironmentVariables("SGW_");
            const string folderKey = $"{ProtectionOptions.SectionName}:{nameof(ProtectionOptions.DataFolder)}";
            var settings = builder.Build();
            // Unless told otherwise, the API's own default folder: never a ./data beside wherever sgw was started.
            var folder = dataFolder ?? (string.IsNullOrWhiteSpace(settings[folderKey]) ? LocalGatewayTokens.DefaultDataFolder() : null);
            if (folder is not null)
            {
                builder.AddInMemoryCollection([new(folderKey, folder)]);
                settings = builder.Build();
            }

            var services = new ServiceCollection().AddLogging().AddProtection(settings);
            // Small payloads the gateway kept sealed in its database are re-wrapped too: the configured database, or
            // the embedded default's SQLite file in the data folder when it exists.
            var database = settings[$"{PersistenceOptions.SectionName}:{nameof(PersistenceOptions.ConnectionString)}"];
            var protectionFolder = settings[folderKey];
            var embedded = string.IsNullOrWhiteSpace(protectionFolder) ? null : Path.Combine(protectionFolder, "gateway.db");
            if (!string.IsNullOrWhiteSpace(database) || (embedded is not null && File.Exists(embedded)))
            {
                var persistence = PersistenceOptions.FromArgument(string.IsNullOrWhiteSpace(database) ? embedded! : database);
                services.AddPersistence(o =>
                {
                    o.Provider = persistence.Provider;
                    o.ConnectionString = persistence.ConnectionString;
                });
                services.AddInlinePayloads();
            }

            await using var provider = services.BuildServiceProvider();
            _ = provider.GetRequiredService<IOptions<ProtectionOptions>>().Value;
            var ring = provider.GetRequiredService<IKeyRing>();
            var store = provider.GetRequiredService<IAttachmentStore>();

            var keyId = await ring.RotateAsync(cancellationToken).ConfigureAwait(false);
            if (!json)
            {
                await stdout.WriteLineAsync($"Added key version {keyId}; new payloads are wrapped by it.").ConfigureAwait(false);
            }

            if (noRewrap)
            {
                if (json)
                {
                    await stdout.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new { keyId, rewrapped = 0 })).ConfigureAwait(false);
                }

                return 0;
            }

            var rewrapped = 0;
            var ids = new List<AttachmentId>();
            await foreach (var item in store.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                if (item.KeyId != keyId)
                {
                    ids.Add(item.Id);
                }
            }

            foreach (var id in ids)
            {
                try
                {
                    await store.RewrapAsync(id, cancellationToken).ConfigureAwait(false);
                    rewrapped++;
                }
                catch (AttachmentNotFoundException)
                {
                    // Shredded by retention while rotating: nothing left to re-wrap.
                }
            }

            await stdout.WriteLineAsync(json
                ? System.Text.Json.JsonSerializer.Serialize(new { keyId, rewrapped })
                : $"Re-wrapped {rewrapped} stored payload(s) under {keyId}.").ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is KeyRingException or OptionsValidationException or EnvelopeException or RequestFailedException
            or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // An operator error (permissions, settings, a damaged file): say what, not where in the code.
            await stderr.WriteLineAsync("sgw keys rotate: " + e.Message).ConfigureAwait(false);
            return 1;
        }
    }
}
