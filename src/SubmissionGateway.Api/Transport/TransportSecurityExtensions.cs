using System.Net;
using System.Security.Authentication;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace SubmissionGateway.Api.Transport;

/// <summary>Kestrel with TLS 1.2/1.3 only, HSTS and HTTPS redirection, optional mTLS, plain HTTP only on loopback in Development.</summary>
public static class TransportSecurityExtensions
{
    public static WebApplicationBuilder AddTransportSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TransportOptions>()
            .Bind(builder.Configuration.GetSection(TransportOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => IPAddress.TryParse(o.ListenAddress, out _), "Transport:ListenAddress must be an IP address.")
            .ValidateOnStart();
        builder.Services.TryAddSingletonTimeProvider();

        // Registered after Kestrel's default, so it is the one resolved: large uploads are received in 64 KiB reads.
        builder.Services.AddSingleton<IMemoryPoolFactory<byte>, TransportBufferPoolFactory>();

        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<TransportOptions>, IHostEnvironment, TimeProvider>((kestrel, transportOptions, environment, time) =>
                ConfigureKestrel(kestrel, transportOptions.Value, environment, time));

        builder.Services.AddOptions<HstsOptions>().Configure<IOptions<TransportOptions>>((hsts, transport) =>
        {
            hsts.MaxAge = TimeSpan.FromDays(transport.Value.HstsMaxAgeDays);
            hsts.IncludeSubDomains = true;
        });
        return builder;
    }

    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<TransportOptions>>().Value;
        app.UseHsts();
        if (!options.AllowPlainHttpOnLoopback)
        {
            // Behind a proxy that terminates plain HTTP this sends clients to https; Kestrel itself has no http endpoint.
            app.UseHttpsRedirection();
        }

        return app;
    }

    private static void ConfigureKestrel(KestrelServerOptions kestrel, TransportOptions options, IHostEnvironment environment, TimeProvider time)
    {
        kestrel.AddServerHeader = false;
        if (options.AllowPlainHttpOnLoopback && !environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"Transport:AllowPlainHttpOnLoopback is a development switch; the environment is '{environment.EnvironmentName}'. Remove it: PHI travels over TLS only.");
        }

        var certificate = ServerCertificateSource.Load(options, time);
        var authority = ClientCertificateAuthority.Load(options);
        kestrel.Listen(IPAddress.Parse(options.ListenAddress), options.HttpsPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(https =>
            {
                https.ServerCertificate = certificate;
                https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                https.ClientCertificateMode = options.ClientCertificates;
                if (options.ClientCertificates != ClientCertificateMode.NoCertificate)
                {
                    https.ClientCertificateValidation = authority is null
                        ? (_, _, errors) => ClientCertificateAuthority.ValidateWithSystemTrust(errors)
                        : (clientCertificate, _, _) => authority.Validate(clientCertificate);
                }
            });
        });

        if (options.AllowPlainHttpOnLoopback)
        {
            kestrel.Listen(IPAddress.Loopback, options.PlainHttpPort);
        }
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
