using Azure.Core.Cryptography;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Azure.Storage.Blobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.Keys;
using SubmissionGateway.Protection.Retention;

namespace SubmissionGateway.Protection;

/// <summary>Registers envelope encryption, the key ring, the attachment store and retention.</summary>
public static class ProtectionServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Protection</c> from <paramref name="configuration"/> (validated at start-up) and registers
    /// <see cref="IKeyRing"/>, <see cref="IKeyEncryptionKeyResolver"/>, <see cref="IAttachmentStore"/>,
    /// <see cref="IPayloadRetention"/> and the retention sweep.
    /// </summary>
    public static IServiceCollection AddProtection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ProtectionOptions>()
            .Bind(configuration.GetSection(ProtectionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProtectionOptions>, ProtectionOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<IKeyRing>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ProtectionOptions>>().Value;
            return options.KeyProvider switch
            {
                KeyProviderKind.KeyVaultSecret => new KeyVaultSecretKeyRing(
                    new SecretClient(options.KeyVault.VaultUri, new DefaultAzureCredential()),
                    options.KeyVault.SecretName,
                    sp.GetRequiredService<TimeProvider>(),
                    options.KeyVault.CurrentVersionLifetime),
                _ => new LocalKeyRing(options.ResolveKeyFile(), sp.GetRequiredService<TimeProvider>()),
            };
        });
        services.TryAddSingleton<IKeyEncryptionKeyResolver>(sp => sp.GetRequiredService<IKeyRing>());

        services.TryAddSingleton<IAttachmentStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ProtectionOptions>>().Value;
            var keys = sp.GetRequiredService<IKeyRing>();
            var time = sp.GetRequiredService<TimeProvider>();
            if (options.AttachmentStore == AttachmentStoreKind.AzureBlob)
            {
                var blob = options.AzureBlob;
                var service = string.IsNullOrWhiteSpace(blob.ConnectionString)
                    ? new BlobServiceClient(blob.ServiceUri, new DefaultAzureCredential())
                    : new BlobServiceClient(blob.ConnectionString);
                return new BlobAttachmentStore(service.GetBlobContainerClient(blob.ContainerName), keys, time);
            }

            return new FileAttachmentStore(options.DataFolder, keys, time);
        });

        services.TryAddSingleton<IPayloadRetention, PayloadRetention>();
        services.AddHostedService<ProtectionStartup>();
        services.AddHostedService<RetentionSweepService>();
        return services;
    }

    /// <summary>
    /// Wraps the registered <see cref="IAttachmentStore"/> in an <see cref="InlinePayloadStore"/>, which keeps small
    /// payloads sealed in the gateway database (registered by AddPersistence) and finds them on every read, delete,
    /// rotation and retention sweep. Call after <see cref="AddProtection(IServiceCollection, IConfiguration)"/>.
    /// </summary>
    public static IServiceCollection AddInlinePayloads(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(InlinePayloadStore)))
        {
            return services;
        }

        var outer = services.LastOrDefault(d => d.ServiceType == typeof(IAttachmentStore))
            ?? throw new InvalidOperationException("Register the attachment store (AddProtection) before AddInlinePayloads.");
        services.Remove(outer);
        services.AddSingleton(sp => new InlinePayloadStore(
            (IAttachmentStore)(outer.ImplementationInstance ?? outer.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, outer.ImplementationType!)),
            sp.GetRequiredService<IDbContextFactory<GatewayDbContext>>(),
            sp.GetRequiredService<IKeyRing>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IAttachmentStore>(sp => sp.GetRequiredService<InlinePayloadStore>());
        return services;
    }
}
