using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection;
using SubmissionGateway.Protection.PhiFields;
using Shouldly;

namespace SubmissionGateway.Tests.Infrastructure;

/// <summary>
/// infra/azure builds and lints clean with the pinned Bicep CLI, and the compiled ARM template has the properties
/// the gateway's security depends on: private storage with double encryption, PHI deletable, tree heads write-once,
/// an RBAC-only vault with purge protection and an HSM key, TLS-only ingress, least-privilege role assignments and
/// settings named as the gateway binds them.
/// </summary>
public sealed class BicepTemplateTests(BicepBuild build) : IClassFixture<BicepBuild>
{
    // Built-in role definition ids the template may grant; anything broader (Owner, Contributor, ...) fails.
    private static readonly Dictionary<string, string> AllowedRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["7f951dda-4ed3-4680-a7ca-43fe17d2f4ec"] = "AcrPull",
        ["ba92f5b4-2d11-453d-a403-e96b0029c9fe"] = "Storage Blob Data Contributor",
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
        ["b86a8fe4-44ce-4948-aee5-eccb2c155cd7"] = "Key Vault Secrets Officer",
        ["e147488a-f6f5-4113-8e2d-b22465e65bf6"] = "Key Vault Crypto Service Encryption User",
    };

    [Fact]
    public void Validate_script_lints_and_builds_every_template_clean()
    {
        Ready();
        build.ExitCode.ShouldBe(0, build.Log);
        build.Log.ShouldContain("lint clean");
        build.Log.ShouldNotContain(" : Warning ");
        build.Log.ShouldNotContain(" : Error ");
    }

    [Fact]
    public void Sample_parameters_compile_without_any_secret_in_the_file()
    {
        Ready();
        build.Parameters("sample")["parameters"]!["namePrefix"]!["value"]!.GetValue<string>().ShouldBe("sgw-sample");
        var source = File.ReadAllText(Path.Combine(BicepBuild.RepositoryRoot(), "infra", "azure", "environments", "sample.bicepparam"));
        foreach (var secure in new[] { "databasePassword", "attachmentKek", "phiFieldKey", "phiBlindIndexKey", "treeHeadSigningKey", "tlsCertificatePfx" })
        {
            source.ShouldContain($"param {secure} = readEnvironmentVariable('SGW_DEPLOY_", Case.Sensitive, $"{secure} must come from the deployer's environment");
            Main().Json["parameters"]![secure]!["type"]!.GetValue<string>().ShouldBe("securestring");
        }
    }

    [Fact]
    public void Attachment_storage_is_private_double_encrypted_and_lets_PHI_be_deleted()
    {
        var storage = Storage();
        var account = storage.Properties(storage.Resource("Microsoft.Storage/storageAccounts", "att{1}"));
        account["allowBlobPublicAccess"]!.GetValue<bool>().ShouldBeFalse();
        account["allowSharedKeyAccess"]!.GetValue<bool>().ShouldBeFalse();
        account["publicNetworkAccess"]!.GetValue<string>().ShouldBe("Disabled");
        account["minimumTlsVersion"]!.GetValue<string>().ShouldBe("TLS1_2");
        account["supportsHttpsTrafficOnly"]!.GetValue<bool>().ShouldBeTrue();
        account["encryption"]!["requireInfrastructureEncryption"]!.GetValue<bool>().ShouldBeTrue();
        account["encryption"]!["keySource"]!.GetValue<string>().ShouldBe("Microsoft.Keyvault");

        var blobs = storage.Properties(storage.Resource("Microsoft.Storage/storageAccounts/blobServices", "att{1}"));
        blobs["isVersioningEnabled"]!.GetValue<bool>().ShouldBeFalse("a deleted payload must leave no earlier version behind");
        blobs["deleteRetentionPolicy"]!["enabled"]!.GetValue<bool>().ShouldBeFalse();

        var container = storage.Properties(storage.Resource("Microsoft.Storage/storageAccounts/blobServices/containers", "att{1}"));
        container["publicAccess"]!.GetValue<string>().ShouldBe("None");
        container["immutableStorageWithVersioning"].ShouldBeNull("PHI containers must stay deletable");
    }

    [Fact]
    public void Lifecycle_rule_deletes_attachments_only_after_the_gateway_retention()
    {
        var storage = Storage();
        var rule = storage.Properties(storage.Resource("Microsoft.Storage/storageAccounts/managementPolicies", "att{1}"))["policy"]!["rules"]!.AsArray().Single()!;
        rule["enabled"]!.GetValue<bool>().ShouldBeTrue();
        rule["definition"]!["filters"]!["prefixMatch"]!.AsArray().Single()!.GetValue<string>().ShouldContain("attachmentsContainerName");
        rule["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"]!.GetValue<string>().ShouldBe("[parameters('attachmentDeleteAfterDays')]");

        // main derives the backstop from the gateway's own Protection:RetentionDays, with a margin.
        Main().ModuleParameters("storage")["attachmentDeleteAfterDays"]!["value"]!.GetValue<string>().ShouldBe("[add(parameters('retentionDays'), 15)]");
    }

    [Fact]
    public void Tree_heads_go_to_a_separate_version_level_WORM_container()
    {
        var storage = Storage();
        var account = storage.Properties(storage.Resource("Microsoft.Storage/storageAccounts", "sth{1}"));
        account["allowBlobPublicAccess"]!.GetValue<bool>().ShouldBeFalse();
        account["encryption"]!["requireInfrastructureEncryption"]!.GetValue<bool>().ShouldBeTrue();

        storage.Properties(storage.Resource("Microsoft.Storage/storageAccounts/blobServices", "sth{1}"))["isVersioningEnabled"]!.GetValue<bool>()
            .ShouldBeTrue("version-level immutability needs versioning");

        var container = storage.Properties(storage.Resource("Microsoft.Storage/storageAccounts/blobServices/containers", "sth{1}"));
        container["immutableStorageWithVersioning"]!["enabled"]!.GetValue<bool>().ShouldBeTrue();

        var policy = storage.Properties(storage.Resource("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies", "sth{1}"));
        policy["immutabilityPeriodSinceCreationInDays"]!.GetValue<string>().ShouldBe("[parameters('treeHeadImmutabilityDays')]");
        policy["allowProtectedAppendWrites"]!.GetValue<bool>().ShouldBeFalse();
        Main().Json["parameters"]!["treeHeadImmutabilityDays"]!["defaultValue"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(6 * 365);
    }

    [Fact]
    public void Key_vault_is_RBAC_only_purge_protected_private_and_holds_an_HSM_key()
    {
        var keyVault = Main().Module("keyvault");
        var vault = keyVault.Properties(keyVault.Resource("Microsoft.KeyVault/vaults"));
        vault["enableRbacAuthorization"]!.GetValue<bool>().ShouldBeTrue();
        vault["enablePurgeProtection"]!.GetValue<bool>().ShouldBeTrue();
        vault["publicNetworkAccess"]!.GetValue<string>().ShouldBe("Disabled");
        vault["sku"]!["name"]!.GetValue<string>().ShouldBe("premium");
        vault["accessPolicies"].ShouldBeNull();

        var key = keyVault.Properties(keyVault.Resource("Microsoft.KeyVault/vaults/keys"));
        key["kty"]!.GetValue<string>().ShouldBe("RSA-HSM");
        key["keySize"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(3072);
        key["attributes"]!["exportable"]!.GetValue<bool>().ShouldBeFalse();
        key["keyOps"]!.AsArray().Select(o => o!.GetValue<string>()).ShouldBe(["wrapKey", "unwrapKey"], ignoreOrder: true);
    }

    [Fact]
    public void Container_app_ingress_is_TLS_only_and_secrets_are_Key_Vault_references()
    {
        var app = ContainerApp();
        var configuration = app["properties"]!["configuration"]!;
        configuration["ingress"]!["allowInsecure"]!.GetValue<bool>().ShouldBeFalse();
        configuration["ingress"]!["transport"]!.GetValue<string>().ShouldBe("tcp", "TLS passes through to Kestrel");
        configuration["ingress"]!["exposedPort"]!.GetValue<int>().ShouldBe(443);

        var secret = configuration["copy"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "secrets")!["input"]!;
        secret["keyVaultUrl"].ShouldNotBeNull();
        secret["value"].ShouldBeNull("no secret value may be placed in the app's configuration");

        app["identity"]!["type"]!.GetValue<string>().ShouldBe("UserAssigned");
        var probes = app["properties"]!["template"]!["containers"]!.AsArray().Single()!["probes"]!.AsArray();
        probes.Single(p => p!["type"]!.GetValue<string>() == "Liveness")!["httpGet"]!["path"]!.GetValue<string>().ShouldBe("/health/live");
    }

    [Fact]
    public void Role_assignments_are_scoped_to_single_resources_with_narrow_built_in_roles()
    {
        var assignments = Main().SelfAndModules()
            .SelectMany(t => t.Resources("Microsoft.Authorization/roleAssignments").Select(a => (Template: t, Assignment: a)))
            .ToList();
        assignments.Count.ShouldBeGreaterThanOrEqualTo(5);
        foreach (var (template, assignment) in assignments)
        {
            // No scope means the whole resource group: far more than the gateway needs.
            assignment["scope"].ShouldNotBeNull($"role assignment {assignment["name"]} must be scoped to one resource");
            var role = template.ResolveVariables(template.Properties(assignment)["roleDefinitionId"]!.GetValue<string>());
            AllowedRoles.Keys.Any(id => role.Contains(id, StringComparison.OrdinalIgnoreCase)).ShouldBeTrue($"unexpected role {role}");
        }
    }

    [Fact]
    public void Every_data_service_has_a_private_endpoint_and_a_diagnostic_setting()
    {
        var main = Main();
        foreach (var (module, count) in new[] { ("keyvault", 1), ("storage", 2), ("postgres", 1) })
        {
            var template = main.Module(module);
            template.Resources("Microsoft.Resources/deployments").Count(d => d["name"]!.GetValue<string>().Contains("endpoint", StringComparison.Ordinal)).ShouldBe(count, module);
            template.Resources("Microsoft.Insights/diagnosticSettings").Count.ShouldBe(count, module);
        }

        var server = main.Module("postgres").Properties(main.Module("postgres").Resource("Microsoft.DBforPostgreSQL/flexibleServers"));
        server["network"]!["publicNetworkAccess"]!.GetValue<string>().ShouldBe("Disabled");
        server["authConfig"]!["activeDirectoryAuth"]!.GetValue<string>().ShouldBe("Enabled");
    }

    [Fact]
    public void Container_settings_name_options_the_gateway_binds()
    {
        var parameters = Main().ModuleParameters("containerapp");
        var names = parameters["settings"]!["value"]!.AsObject().Select(p => p.Key)
            .Concat(parameters["keyVaultReferences"]!["value"]!.AsObject().Select(p => p.Key))
            .ToList();
        names.ShouldContain("Persistence__ConnectionString");
        names.ShouldContain("Disclosures__TreeHeadBlob__ServiceUri");
        names.ShouldContain("Protection__KeyVault__VaultUri");

        var sections = new Dictionary<string, Type>
        {
            [ProtectionOptions.SectionName] = typeof(ProtectionOptions),
            [PersistenceOptions.SectionName] = typeof(PersistenceOptions),
            [PhiFieldOptions.SectionName] = typeof(PhiFieldOptions),
            [DisclosureLedgerOptions.SectionName] = typeof(DisclosureLedgerOptions),
        };
        foreach (var name in names.Where(n => n.Contains("__", StringComparison.Ordinal)))
        {
            var path = name.Split("__");
            if (!sections.TryGetValue(path[0], out var type))
            {
                // Authentication and Transport live in the API host; SGW_* are not options.
                continue;
            }

            foreach (var segment in path[1..])
            {
                if (typeof(IDictionary).IsAssignableFrom(type) || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>)))
                {
                    break;
                }

                var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance);
                property.ShouldNotBeNull($"{name}: {type.Name} has no property {segment}");
                type = property.PropertyType;
            }
        }

        // The ActiveKeyId names the one encryption key provided.
        parameters["settings"]!["value"]!["PhiFields__ActiveKeyId"]!.GetValue<string>().ShouldBe("azure1");
        names.ShouldContain("PhiFields__EncryptionKeys__azure1");
    }

    private void Ready()
    {
        if (build.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    private ArmTemplate Main()
    {
        Ready();
        build.Template.ShouldNotBeNull($"main.bicep did not compile:\n{build.Log}");
        return new ArmTemplate(build.Template);
    }

    private ArmTemplate Storage() => Main().Module("storage");

    private JsonObject ContainerApp() => Main().Module("containerapp").Resource("Microsoft.App/containerApps");
}
