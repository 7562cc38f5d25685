using System.CommandLine;
using Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
            Description = "The data folder (overrides Protection:DataFolder; default: data).",
        };
        var noRewrap = new Option<bool>("--no-rewrap")
        {
            Description = "Only add the key version; leave stored payloads wrapped by older versions.",
        };

        var rotate = new Command("rotate", "Add a key-encryption key version, make it current, and re-wrap every stored payload's data key under it (payloads are not re-encrypted).");
        rotate.Options.Add(config);
        rotate.Options.Add(dataFolder);
        rotate.Options.Add(noRewrap);
        rotate.SetAction((parse, cancellationToken) => RotateAsync(
            parse.GetValue(config), parse.GetValue(dataFolder), parse.GetValue(noRewrap), stdout, stderr, cancellationToken));

        var keys = new Command("keys", "Manage the key-encryption keys that protect stored attachments.");
        keys.Subcommands.Add(rotate);
        return keys;
    }

    private static async Task<int> RotateAsync(
        FileInfo? configFile, string? dataFolder, bool noRewrap, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
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
            if (dataFolder is not null)
            {
                builder.AddInMemoryCollection([new($"{ProtectionOptions.SectionName}:{nameof(ProtectionOptions.DataFolder)}", dataFolder)]);
            }

            var services = new ServiceCollection().AddLogging().AddProtection(builder.Build());
            await using var provider = services.BuildServiceProvider();
            _ = provider.GetRequiredService<IOptions<ProtectionOptions>>().Value;
            var ring = provider.GetRequiredService<IKeyRing>();
            var store = provider.GetRequiredService<IAttachmentStore>();

            var keyId = await ring.RotateAsync(cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync($"Added key version {keyId}; new payloads are wrapped by it.").ConfigureAwait(false);
            if (noRewrap)
            {
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

            await stdout.WriteLineAsync($"Re-wrapped {rewrapped} stored payload(s) under {keyId}.").ConfigureAwait(false);
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
