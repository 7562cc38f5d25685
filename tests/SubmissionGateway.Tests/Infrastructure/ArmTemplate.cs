using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SubmissionGateway.Tests.Infrastructure;

/// <summary>
/// Reads a compiled ARM template: its nested module deployments, their resources by type, and properties that
/// Bicep compiled to <c>[variables('x')]</c> resolved against the template that declares them.
/// </summary>
internal sealed partial class ArmTemplate(JsonObject template)
{
    public JsonObject Json { get; } = template;

    /// <summary>The inline template of a module (a nested deployment) by its deployment name.</summary>
    public ArmTemplate Module(string deploymentName)
    {
        var deployment = Resources("Microsoft.Resources/deployments")
            .SingleOrDefault(r => r["name"]?.GetValue<string>() == deploymentName)
            ?? throw new InvalidOperationException($"No module deployment named '{deploymentName}'.");
        return new ArmTemplate(deployment["properties"]!["template"]!.AsObject());
    }

    /// <summary>This template and every module template nested in it, depth first.</summary>
    public IEnumerable<ArmTemplate> SelfAndModules()
    {
        yield return this;
        foreach (var deployment in Resources("Microsoft.Resources/deployments"))
        {
            foreach (var nested in new ArmTemplate(deployment["properties"]!["template"]!.AsObject()).SelfAndModules())
            {
                yield return nested;
            }
        }
    }

    /// <summary>An expression with each <c>variables('x')</c> of a string variable replaced by its quoted value.</summary>
    public string ResolveVariables(string expression) =>
        VariableCall().Replace(expression, m => Json["variables"]?[m.Groups[1].Value] is JsonValue v && v.TryGetValue<string>(out var text)
            ? $"'{text}'"
            : m.Value);

    /// <summary>The parameter values main passes to a module.</summary>
    public JsonObject ModuleParameters(string deploymentName) =>
        Resources("Microsoft.Resources/deployments")
            .Single(r => r["name"]?.GetValue<string>() == deploymentName)["properties"]!["parameters"]!.AsObject();

    /// <summary>This template's own resources of one type (not those of nested modules).</summary>
    public IReadOnlyList<JsonObject> Resources(string type)
    {
        var resources = Json["resources"];
        IEnumerable<JsonNode?> all = resources switch
        {
            JsonArray array => array,
            JsonObject symbolic => symbolic.Select(p => p.Value),
            _ => [],
        };
        return all.OfType<JsonObject>()
            .Where(r => string.Equals(r["type"]?.GetValue<string>(), type, StringComparison.OrdinalIgnoreCase))
            .ToList();
    }

    /// <summary>The single resource of a type whose name expression contains <paramref name="nameContains"/>.</summary>
    public JsonObject Resource(string type, string nameContains = "")
    {
        var matches = Resources(type).Where(r => (r["name"]?.ToString() ?? "").Contains(nameContains, StringComparison.Ordinal)).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"{matches.Count} resources of type {type} named like '{nameContains}'.");
    }

    /// <summary>A resource's properties, with a whole-object <c>[variables('x')]</c> replaced by that variable.</summary>
    public JsonObject Properties(JsonObject resource)
    {
        var properties = resource["properties"]!;
        if (properties is JsonValue value && VariableReference().Match(value.GetValue<string>()) is { Success: true } match)
        {
            return Json["variables"]![match.Groups[1].Value]!.AsObject();
        }

        return properties.AsObject();
    }

    [GeneratedRegex(@"^\[variables\('([A-Za-z0-9_]+)'\)\]$")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"variables\('([A-Za-z0-9_]+)'\)")]
    private static partial Regex VariableCall();
}
