using System.Net.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Telemetry;

namespace SubmissionGateway.Forwarding;

public static class ForwardingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the payer registry, the payer channel with its resilience pipeline, the forwarder, the outbox
    /// worker and its hosted wrapper. Payloads come from the encrypted attachment store (AddProtection) through
    /// <see cref="AttachmentPayloadSource"/> unless another <see cref="IForwardingPayloadSource"/> is registered first.
    /// </summary>
    public static IServiceCollection AddForwarding(
        this IServiceCollection services, Action<PayerRegistryOptions> configurePayers, Action<ForwardingOptions>? configure = null)
    {
        services.AddOptions<PayerRegistryOptions>().Configure(configurePayers).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PayerRegistryOptions>, PayerRegistryOptionsValidator>());
        services.AddOptions<ForwardingOptions>().Configure(configure ?? (_ => { })).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ForwardingOptions>, ForwardingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PayerRegistry>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<IForwardingPayloadSource>(sp => new AttachmentPayloadSource(
            sp.GetService<IAttachmentStore>()
            ?? throw new InvalidOperationException("Forwarding reads payloads from the attachment store: call AddProtection, or register an IForwardingPayloadSource.")));
        services.TryAddTransient<DisclosureForwarder>();
        services.TryAddTransient<OutboxWorker>();
        services.AddHostedService<OutboxWorkerHost>();
        services.AddGatewayMetrics();

        services.AddHttpClient<PayerChannel>()
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var registry = sp.GetRequiredService<PayerRegistry>();
                return new SocketsHttpHandler
                {
                    SslOptions = new SslClientAuthenticationOptions
                    {
                        // Mutual TLS where a payer asks for it: the certificate is chosen by the payer's host.
                        LocalCertificateSelectionCallback = (_, host, _, _, _) => registry.CertificateFor(host)!,
                        RemoteCertificateValidationCallback = (sender, certificate, _, errors) =>
                            sender is SslStream stream && registry.TrustsServer(stream.TargetHostName, certificate, errors),
                    },
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                };
            })
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider sp) =>
            {
                var options = sp.GetRequiredService<IOptions<ForwardingOptions>>().Value;
                resilience.TotalRequestTimeout.Timeout = options.TotalBudget;
                resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
                resilience.Retry.MaxRetryAttempts = Math.Max(1, options.MaxRetries);
                resilience.Retry.BackoffType = DelayBackoffType.Exponential;
                resilience.Retry.UseJitter = true;
                resilience.Retry.Delay = options.RetryBaseDelay;
                resilience.Retry.ShouldRetryAfterHeader = true;
                if (options.MaxRetries == 0)
                {
                    resilience.Retry.ShouldHandle = _ => PredicateResult.False();
                }

                // POST stays retried (the default): each delivery carries an Idempotency-Key.
                resilience.CircuitBreaker.BreakDuration = options.BreakDuration;
                resilience.CircuitBreaker.FailureRatio = options.BreakFailureRatio;
                resilience.CircuitBreaker.MinimumThroughput = options.BreakMinimumThroughput;
                resilience.CircuitBreaker.SamplingDuration = options.BreakSamplingDuration;

                // Observed for readiness and the breaker gauge; the payer comes from the request, as the pipeline's key does.
                var breakers = sp.GetRequiredService<PayerBreakers>();
                resilience.CircuitBreaker.OnOpened = args =>
                {
                    breakers.Opened(PayerChannel.PayerOf(args.Context), args.BreakDuration);
                    return default;
                };
                resilience.CircuitBreaker.OnHalfOpened = args =>
                {
                    breakers.HalfOpened(PayerChannel.PayerOf(args.Context));
                    return default;
                };
                resilience.CircuitBreaker.OnClosed = args =>
                {
                    breakers.Closed(PayerChannel.PayerOf(args.Context));
                    return default;
                };
            })
            .SelectPipelineBy(_ => request =>
                request.Options.TryGetValue(PayerChannel.PayerKey, out var payer) ? payer : request.RequestUri?.Authority ?? "");
        return services;
    }
}
