using SubmissionGateway.Api.Health;
using SubmissionGateway.Api.Transport;

var builder = WebApplication.CreateBuilder(args);
builder.AddTransportSecurity();
builder.Services.AddProblemDetails();
builder.Services.AddGatewayHealthChecks();

var app = builder.Build();
app.UseExceptionHandler();
app.UseTransportSecurity();
app.UseStatusCodePages();
app.MapGatewayHealthChecks();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
