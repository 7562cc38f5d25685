namespace SubmissionGateway.Api.Access;

public static class AccessApplicationBuilderExtensions
{
    /// <summary>After UseAuthentication, before UseAuthorization: refuse revoked principals, then count the request against its client.</summary>
    public static IApplicationBuilder UseClientAccessControl(this IApplicationBuilder app)
    {
        app.UseMiddleware<RevocationCheck>();
        app.UseRateLimiter();
        return app;
    }
}
