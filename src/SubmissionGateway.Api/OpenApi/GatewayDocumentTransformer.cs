using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SubmissionGateway.Api.Health;

namespace SubmissionGateway.Api.OpenApi;

/// <summary>
/// The document as a whole: title and description (roles, transport, every problem type), the security schemes,
/// the problem details schema, the health probes (mapped outside MVC) and a summary for any operation without one.
/// No <c>servers</c>: the document is the same whichever host serves it, so the checked-in copy can be compared.
/// </summary>
internal sealed class GatewayDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "Bearer";
    public const string CertificateScheme = "ClientCertificate";
    public const string ProblemSchema = "ProblemDetails";
    private const string HealthSchema = "HealthReport";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo { Title = "SubmissionGateway API", Version = "v1", Description = Description() };
        document.Servers = [];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT carrying `role` (submitter, coder, compliance, admin) and, for submitters, `submitter_id`. Locally: `sgw dev-token`.",
        };
        document.Components.SecuritySchemes[CertificateScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.MutualTLS,
            Description = "A client certificate issued to a billing system, where the deployment enables mutual TLS; it binds the caller to its submitter id.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(ProblemSchema))
        {
            document.Components.Schemas[ProblemSchema] = Problem();
        }

        document.Components.Schemas[HealthSchema] = Health();
        var summaries = context.DescriptionGroups.SelectMany(g => g.Items)
            .Where(d => d.ActionDescriptor is ControllerActionDescriptor)
            .Select(d => (Action: (ControllerActionDescriptor)d.ActionDescriptor, Summary: d.ActionDescriptor.EndpointMetadata.OfType<IEndpointSummaryMetadata>().LastOrDefault()))
            .Where(d => d.Summary is not null)
            .ToDictionary(d => d.Action.ControllerName + "_" + d.Action.ActionName, d => d.Summary!.Summary, StringComparer.Ordinal);
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                // [EndpointSummary] is the short title; the action's XML summary (the why) becomes the description.
                if (operation.OperationId is { } id && summaries.TryGetValue(id, out var summary) && operation.Summary != summary)
                {
                    operation.Description = string.Join("\n\n", new[] { operation.Summary, operation.Description }.Where(s => !string.IsNullOrWhiteSpace(s)));
                    operation.Summary = summary;
                }

                if (string.IsNullOrWhiteSpace(operation.Summary))
                {
                    operation.Summary = Summary(operation.OperationId) ?? string.Create(CultureInfo.InvariantCulture, $"{method.Method} {path}");
                }
            }
        }

        document.Paths[HealthEndpoints.LivePath] = Probe(document, "Liveness", "Answers while the process runs; checks nothing else.", "Health_Live");
        document.Paths[HealthEndpoints.ReadyPath] = Probe(document, "Readiness",
            "The database, the attachment store, the key provider and the payers' circuit breakers. Degraded (still 200) while a payer's circuit is open; 503 when a dependency fails.",
            "Health_Ready");
        return Task.CompletedTask;
    }

    /// <summary>"AttachmentRequests_Upload" becomes "Attachment requests: upload".</summary>
    private static string? Summary(string? operationId)
    {
        if (operationId?.Split('_') is not [var resource, var action])
        {
            return null;
        }

        return Words(resource) + ": " + Words(action).ToLowerInvariant();

        static string Words(string name)
        {
            var words = new StringBuilder();
            foreach (var c in name)
            {
                if (char.IsUpper(c) && words.Length > 0)
                {
                    words.Append(' ').Append(char.ToLowerInvariant(c));
                }
                else
                {
                    words.Append(c);
                }
            }

            return words.ToString();
        }
    }

    private static OpenApiPathItem Probe(OpenApiDocument document, string summary, string description, string operationId)
    {
        OpenApiMediaType Json() => new() { Schema = new OpenApiSchemaReference(HealthSchema, document) };
        var operation = new OpenApiOperation
        {
            Summary = summary,
            Description = description + " Anonymous: the answer names checks and payers, never an error message.",
            OperationId = operationId,
            Tags = new HashSet<OpenApiTagReference> { new("Health", document) },
            Security = [],
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse { Description = "Healthy or Degraded.", Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = Json() } },
                ["503"] = new OpenApiResponse { Description = "Unhealthy.", Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = Json() } },
            },
        };
        return new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = operation } };
    }

    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details. Extensions (e.g. `field`, `traceId`) may appear.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "Identifies the kind of problem; see the list in the API description." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
        },
    };

    private static OpenApiSchema Health()
    {
        var status = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. new[] { "Healthy", "Degraded", "Unhealthy" }.Select(s => (System.Text.Json.Nodes.JsonNode)s)] };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["status"] = status,
                ["durationMs"] = new OpenApiSchema { Type = JsonSchemaType.Number },
                ["checks"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "One entry per check: database, attachment-store, key-provider, payer-breakers.",
                    AdditionalProperties = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["status"] = status,
                            ["description"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                            ["durationMs"] = new OpenApiSchema { Type = JsonSchemaType.Number },
                            ["data"] = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String } },
                        },
                    },
                },
            },
        };
    }

    private static string Description()
    {
        var text = new StringBuilder();
        text.Append("""
            The gateway between billing systems and payer portals: X12 837 submissions answered with 999 and 277CA,
            attachment requests filled by coders and sent as 275s, and the accounting of disclosures.

            **Authentication.** Every operation except the health probes needs a bearer JWT; billing systems may use
            a client certificate (mutual TLS) instead where the deployment enables it. Roles: `submitter` (bound to its
            submitter id), `coder` (only requests assigned to them), `compliance` (disclosures and audit), `admin`.

            **Errors.** Every error is RFC 9457 problem details (`application/problem+json`). Problem types:

            | type | status | meaning |
            | --- | --- | --- |

            """);
        foreach (var (type, status, meaning) in ProblemCatalog.Types)
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{type}` | {status} | {meaning} |\n");
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
