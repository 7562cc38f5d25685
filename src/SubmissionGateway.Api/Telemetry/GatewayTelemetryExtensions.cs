using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SubmissionGateway.Telemetry;

namespace SubmissionGateway.Api.Telemetry;

/// <summary>OpenTelemetry for the host: the gateway's meter and spans, ASP.NET Core and HttpClient instrumentation.</summary>
public static class GatewayTelemetryExtensions
{
    public const string ServiceName = "submission-gateway";

    /// <summary>The OTLP endpoint variable; without it nothing is exported (the instruments still count, for tests and dotnet-counters).</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddGatewayTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddGatewayMetrics();
        builder.Services.AddHostedService<LedgerLagSampler>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(GatewayActivities.SourceName)
                .AddAspNetCoreInstrumentation(o =>
                {
                    // Probes every few seconds would drown the traces that matter.
                    o.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
                    // The accounting query names a patient (memberId, birthDate): no query string in a span, redacted or not.
                    o.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
                })
                .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, _) => activity.SetTag("url.query", null)))
            .WithMetrics(metrics => metrics
                .AddMeter(GatewayMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]))
        {
            // Endpoint, protocol and headers come from the standard OTEL_EXPORTER_OTLP_* variables.
            telemetry.UseOtlpExporter();
        }

        return builder;
    }
}
