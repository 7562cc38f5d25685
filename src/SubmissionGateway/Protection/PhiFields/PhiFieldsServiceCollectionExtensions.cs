using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SubmissionGateway.Protection.PhiFields;

public static class PhiFieldsServiceCollectionExtensions
{
    /// <summary>Registers the PHI column protector and the patient blind index, validated at start-up.</summary>
    public static IServiceCollection AddPhiFields(this IServiceCollection services, Action<PhiFieldOptions> configure)
    {
        services.AddOptions<PhiFieldOptions>().Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PhiFieldOptions>, PhiFieldOptionsValidator>());
        services.TryAddSingleton<PhiFieldProtector>();
        services.TryAddSingleton<PatientBlindIndex>();
        return services;
    }
}
