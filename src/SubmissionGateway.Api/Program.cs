using SubmissionGateway.Api.Access;
using SubmissionGateway.Api.Console;
using SubmissionGateway.Api.Health;
using SubmissionGateway.Api.Hosting;
using SubmissionGateway.Api.OpenApi;
using SubmissionGateway.Api.Telemetry;
using SubmissionGateway.Api.Transport;

var builder = WebApplication.CreateBuilder(args);
builder.AddTransportSecurity();
builder.Services.AddGateway(builder.Configuration);
builder.Services.AddGatewayHealthChecks();
builder.AddGatewayTelemetry();
builder.Services.AddGatewayOpenApi();
builder.Services.AddGatewayConsole(builder.Configuration);

var app = builder.Build();
app.UseExceptionHandler();
app.UseTransportSecurity();
app.UseStatusCodePages();
app.UseGatewayConsole();
app.UseAuthentication();
app.UseClientAccessControl();
app.UseAuthorization();
app.MapGatewayHealthChecks();
app.MapControllers();
app.MapGatewayOpenApi();
app.MapGatewayConsole();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
