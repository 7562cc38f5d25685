using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SubmissionGateway.Claims;
using SubmissionGateway.Forwarding;
using SubmissionGateway.Telemetry;
using SubmissionGateway.X12.CodeSets;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.Intake;

public static class IntakeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the submission intake, the claim index, the control-number counter and the attachment store as the
    /// outbox's payload source. Needs AddPersistence, AddPhiFields, AddProtection (or another IAttachmentStore),
    /// AddDisclosures and AddForwarding.
    /// </summary>
    public static IServiceCollection AddIntake(this IServiceCollection services, Action<IntakeOptions>? configure = null)
    {
        services.AddOptions<IntakeOptions>().Configure(configure ?? (_ => { })).ValidateDataAnnotations().ValidateOnStart();
        services.AddClaims();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ControlNumbers>();
        services.TryAddSingleton<IForwardingPayloadSource, AttachmentPayloadSource>();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<IntakeOptions>>().Value;
            var codeSets = options.CodeSets
                ?? (options.CodeSetFolder is { } folder ? CodeSetCatalog.Load(folder) : CodeSetCatalog.LoadDefault());
            return new X12Validator(options: new X12ValidatorOptions { CodeSets = codeSets, Clock = sp.GetRequiredService<TimeProvider>() });
        });
        services.TryAddTransient<SubmissionIntake>();
        services.AddGatewayMetrics();
        services.TryAddTransient<AttachmentIntake>();
        services.TryAddTransient<BundledSubmissionIntake>();
        return services;
    }
}
