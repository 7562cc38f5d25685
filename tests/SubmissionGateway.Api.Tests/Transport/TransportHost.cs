using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SubmissionGateway.Api.Transport;

namespace SubmissionGateway.Api.Tests.Transport;

/// <summary>A real Kestrel on 127.0.0.1, port 0, configured by <see cref="TransportSecurityExtensions"/> and nothing else.</summary>
internal sealed class TransportHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TransportHost(WebApplication app, Uri https, Uri? http)
    {
        _app = app;
        Https = https;
        Http = http;
    }

    public Uri Https { get; }

    public Uri? Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TransportHost> StartAsync(string dataFolder, Dictionary<string, string?>? settings = null, string environment = "Production")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, ContentRootPath = dataFolder });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Transport:ListenAddress"] = "127.0.0.1",
            ["Transport:HttpsPort"] = "0",
            ["Transport:PlainHttpPort"] = "0",
            ["Transport:DataFolder"] = dataFolder,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddTransportSecurity();
        var app = builder.Build();
        app.UseTransportSecurity();
        app.MapGet("/whoami", (HttpContext context) => Results.Text(
            $"{context.Request.Scheme}|{context.Connection.ClientCertificate?.Subject ?? "-"}"));
        app.MapPost("/count", async (HttpContext context) =>
        {
            var buffer = new byte[256 * 1024];
            long total = 0;
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                total += read;
            }

            return Results.Text(total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var https = addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal));
        var http = addresses.SingleOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal));
        return new TransportHost(app, new Uri(https), http is null ? null : new Uri(http));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
