using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SubmissionGateway.Api.Compliance;

public static class ComplianceServiceCollectionExtensions
{
    /// <summary>The staff directory the access review needs, validated at start-up.</summary>
    public static IServiceCollection AddComplianceReview(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StaffDirectoryOptions>().Bind(configuration.GetSection(StaffDirectoryOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StaffDirectoryOptions>, StaffDirectoryOptionsValidator>());
        return services;
    }
}
