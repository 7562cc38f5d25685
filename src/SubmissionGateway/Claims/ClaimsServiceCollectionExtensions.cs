using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SubmissionGateway.Claims;

public static class ClaimsServiceCollectionExtensions
{
    /// <summary>Registers the claim index. Needs AddPersistence and AddPhiFields.</summary>
    public static IServiceCollection AddClaims(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ClaimIndex>();
        return services;
    }
}
