namespace SubmissionGateway.Api.Submissions;

public static class SubmissionsServiceCollectionExtensions
{
    public static IServiceCollection AddSubmissions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SubmissionsOptions>().Bind(configuration.GetSection(SubmissionsOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SubmissionStatusReader>();
        return services;
    }
}
