using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SubmissionGateway.Api.AttachmentRequests;

namespace SubmissionGateway.Api.OpenApi;

/// <summary>
/// Fills in what API Explorer cannot see for each operation: bodies read from the raw stream (X12, multipart), the
/// security requirement and policy, and the problem details every operation can answer with. Conventions, not a
/// list of endpoints: an action added later is described by the same rules.
/// </summary>
internal sealed class GatewayOperationTransformer : IOpenApiOperationTransformer
{
    public const string ProblemMediaType = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        if (description.ActionDescriptor is ControllerActionDescriptor action)
        {
            operation.OperationId ??= action.ControllerName + "_" + action.ActionName;
        }

        var hasBody = operation.RequestBody is not null;
        if (!hasBody && metadata.OfType<StreamedFormAttribute>().Any())
        {
            operation.RequestBody = UploadBody();
            hasBody = true;
        }
        else if (!hasBody && metadata.OfType<ConsumesAttribute>().FirstOrDefault() is { } consumes)
        {
            operation.RequestBody = RawBody(consumes.ContentTypes);
            hasBody = true;
        }

        operation.Responses ??= [];

        // The API answers JSON; the text/json and text/plain variants API Explorer lists are formatter noise.
        foreach (var response in operation.Responses.Values.OfType<OpenApiResponse>().Where(r => r.Content?.ContainsKey("application/json") == true))
        {
            response.Content!.Remove("text/json");
            response.Content.Remove("text/plain");
        }
        if (metadata.OfType<StreamedResponseAttribute>().FirstOrDefault() is { } streamed)
        {
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = streamed.Description,
                Content = streamed.MediaTypes.ToDictionary(m => m, m => new OpenApiMediaType
                {
                    Schema = m.EndsWith("json", StringComparison.Ordinal)
                        ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.Object } }
                        : new OpenApiSchema { Type = JsonSchemaType.String },
                }),
            };
        }

        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        Problem(operation, context, 400, "The request is not valid (problem types /problems/bad-request and others).");
        if (!anonymous)
        {
            // Deny by default: the fallback policy covers actions without [Authorize] as well.
            var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();
            if (policies.Count > 0)
            {
                var needs = string.Create(CultureInfo.InvariantCulture, $"Requires the {string.Join(", ", policies)} role.");
                operation.Description = string.IsNullOrWhiteSpace(operation.Description) ? needs : operation.Description + "\n\n" + needs;
            }

            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(GatewayDocumentTransformer.BearerScheme, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(GatewayDocumentTransformer.CertificateScheme, context.Document)] = [] },
            ];
            Problem(operation, context, 401, "No valid credential.");
            Problem(operation, context, 403, "The credential's role or submitter does not allow this.");
        }

        if (description.ParameterDescriptions.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Path))
        {
            Problem(operation, context, 404, "No such resource, or it belongs to someone else (the two are not told apart).");
        }

        if (hasBody)
        {
            Problem(operation, context, 413, "The body is too large.");
            Problem(operation, context, 415, "The body's media type is not one this operation reads.");
        }

        Problem(operation, context, 429, "Too many requests; see Retry-After.");

        // Responses declared on the action (409, 422, ...) speak problem details too.
        foreach (var (status, response) in operation.Responses.Where(r => r.Key.StartsWith('4') || r.Key.StartsWith('5')).ToList())
        {
            if (response is OpenApiResponse concrete)
            {
                concrete.Content = ProblemContent(context);
            }
        }

        return Task.CompletedTask;
    }

    private static void Problem(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description)
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse { Description = description, Content = ProblemContent(context) };
    }

    private static Dictionary<string, OpenApiMediaType> ProblemContent(OpenApiOperationTransformerContext context) => new()
    {
        [ProblemMediaType] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(GatewayDocumentTransformer.ProblemSchema, context.Document) },
    };

    private static OpenApiRequestBody RawBody(IEnumerable<string> mediaTypes) => new()
    {
        Required = true,
        Description = "One X12 interchange (ISA to IEA), sent as the raw body and streamed; never buffered whole.",
        Content = mediaTypes.ToDictionary(m => m, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } }),
    };

    private static OpenApiRequestBody UploadBody()
    {
        static OpenApiSchema Text(string description, string? format = null) =>
            new() { Type = JsonSchemaType.String, Description = description, Format = format };

        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "The text fields come first, in this order, then one file part; the file is streamed into the encrypted store.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["loinc"] = Text("LOINC attachment code of the document, one the request asks for."),
                ["patientName"] = Text("The patient as the coder reads it on the document (LAST, FIRST)."),
                ["memberId"] = Text("The patient's member id."),
                ["birthDate"] = Text("The patient's birth date.", "date"),
                ["claimId"] = Text("The claim the document supports (CLM01)."),
                ["serviceDate"] = Text("A date of service on that claim.", "date"),
                ["file"] = Text("The document: PDF, TIFF, JPEG or PNG, as the request allows.", "binary"),
            },
            Required = new HashSet<string>(StringComparer.Ordinal) { "loinc", "patientName", "memberId", "birthDate", "claimId", "serviceDate", "file" },
        };
        return new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["multipart/form-data"] = new OpenApiMediaType { Schema = schema } },
        };
    }
}
