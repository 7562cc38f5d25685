using SubmissionGateway.Api.Access;
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

var app = builder.Build();
app.UseExceptionHandler();
app.UseTransportSecurity();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseClientAccessControl();
app.UseAuthorization();
app.MapGatewayHealthChecks();
app.MapControllers();
app.MapGatewayOpenApi();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
