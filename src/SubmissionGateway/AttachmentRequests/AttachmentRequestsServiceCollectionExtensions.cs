using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SubmissionGateway.Telemetry;

namespace SubmissionGateway.AttachmentRequests;

public static class AttachmentRequestsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the request service and its options. Persistence, PHI fields, an attachment store, disclosures
    /// and forwarding must be registered too.
    /// </summary>
    public static IServiceCollection AddAttachmentRequests(this IServiceCollection services, Action<AttachmentRequestOptions> configure)
    {
        services.AddOptions<AttachmentRequestOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AttachmentRequestOptions>, AttachmentRequestOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<AttachmentRequestService>();
        services.AddGatewayMetrics();
        return services;
    }
}
