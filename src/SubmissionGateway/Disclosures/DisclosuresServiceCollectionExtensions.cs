using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SubmissionGateway.Telemetry;

namespace SubmissionGateway.Disclosures;

public static class DisclosuresServiceCollectionExtensions
{
    /// <summary>
    /// Registers the ledger, accounting, access audit and review, tree-head signing and the head archive chosen by
    /// <see cref="DisclosureLedgerOptions.TreeHeadArchive"/> (file system or Azure Blob; register another
    /// <see cref="ITreeHeadArchive"/> first to keep heads elsewhere). Needs AddPersistence and AddPhiFields.
    /// </summary>
    public static IServiceCollection AddDisclosures(this IServiceCollection services, Action<DisclosureLedgerOptions> configure)
    {
        services.AddOptions<DisclosureLedgerOptions>().Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AccessReviewOptions>().ValidateDataAnnotations();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DisclosureLedgerOptions>, DisclosureLedgerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITreeHeadArchive>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DisclosureLedgerOptions>>().Value;
            return options.TreeHeadArchive == TreeHeadArchiveKind.AzureBlob
                ? new BlobTreeHeadArchive(options.TreeHeadBlob.CreateContainerClient())
                : new FileSystemTreeHeadArchive(options.TreeHeadDirectory);
        });
        services.TryAddSingleton(sp => new TreeHeadSigner(sp.GetRequiredService<IOptions<DisclosureLedgerOptions>>().Value.TreeHeadSigningKey));
        services.TryAddSingleton<TreeHeadPublisher>();
        services.TryAddSingleton<DisclosureLedger>();
        services.AddGatewayMetrics();
        services.TryAddSingleton<DisclosureAccounting>();
        services.TryAddSingleton<AccessAuditLog>();
        services.TryAddSingleton<AccessReview>();
        services.AddHostedService<TreeHeadPublishingService>();
        return services;
    }
}
