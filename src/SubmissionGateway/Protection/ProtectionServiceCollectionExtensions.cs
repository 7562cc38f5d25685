using Azure.Core.Cryptography;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
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
}
