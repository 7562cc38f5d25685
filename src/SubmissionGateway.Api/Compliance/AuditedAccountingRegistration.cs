using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SubmissionGateway.Api.Compliance;

/// <summary>Registration shared by the API host and the console.</summary>
public static class AuditedAccountingRegistration
{
    public static IServiceCollection TryAddAuditedAccounting(this IServiceCollection services)
    {
        services.TryAddSingleton<AuditedAccounting>();
        return services;
    }
}
