using Scalar.AspNetCore;

namespace SubmissionGateway.Api.OpenApi;

/// <summary>The OpenAPI document (<c>/openapi/v1.json</c>) and the Scalar reference page (<c>/scalar</c>), in Development only.</summary>
public static class GatewayOpenApiExtensions
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddGatewayOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(options =>
        {
            options.AddOperationTransformer<GatewayOperationTransformer>();
            options.AddDocumentTransformer<GatewayDocumentTransformer>();
        });
        return services;
    }

    public static WebApplication MapGatewayOpenApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Production serves no description of itself; the checked-in schemas/api/openapi.json is the published one.
        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi().AllowAnonymous();
            app.MapScalarApiReference().AllowAnonymous();
        }

        return app;
    }
}
