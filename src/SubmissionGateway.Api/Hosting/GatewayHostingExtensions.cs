using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SubmissionGateway.Access;
using SubmissionGateway.Api.Access;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.Api.Compliance;
using SubmissionGateway.AttachmentRequests;
using SubmissionGateway.Api.Submissions;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Forwarding;
using SubmissionGateway.Intake;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection;
using SubmissionGateway.Protection.PhiFields;
using SubmissionGateway.Redaction;
using SubmissionGateway.X12.CodeSets;

namespace SubmissionGateway.Api.Hosting;

/// <summary>Wires the gateway's services for the API host.</summary>
public static class GatewayHostingExtensions
{
    private const string AttachmentRequestsSection = "AttachmentRequests";

    /// <summary>
    /// The embedded default needs nothing configured: a SQLite file, the encrypted file store, a local key file and
    /// generated PHI-field, tree-head and token keys, all in the data folder (<c>Protection:DataFolder</c>, by default
    /// outside the working directory). Each part can be pointed elsewhere by its own configuration section.
    /// </summary>
    public static IServiceCollection AddGateway(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var dataFolder = ResolveDataFolder(configuration);
        configuration[$"{ProtectionOptions.SectionName}:{nameof(ProtectionOptions.DataFolder)}"] = dataFolder;
        if (!Directory.Exists(dataFolder))
        {
            // Keys, the database and payloads live here: owner-only from the start.
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(dataFolder);
            }
            else
            {
                Directory.CreateDirectory(dataFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        // The development certificate follows the data folder unless placed elsewhere: never the working directory.
        if (string.IsNullOrWhiteSpace(configuration["Transport:DataFolder"]))
        {
            configuration["Transport:DataFolder"] = Path.Combine(dataFolder, "transport");
        }

        var keys = Path.Combine(dataFolder, "keys");

        services.AddProblemDetails();
        services.AddExceptionHandler<RefusalProblems>();
        services.AddControllers().AddJsonOptions(o => o.JsonSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddSingleton<IPostConfigureOptions<MvcOptions>, JsonBodyFormatterSetup>();

        services.AddPersistence(o =>
        {
            configuration.GetSection(PersistenceOptions.SectionName).Bind(o);
            if (string.IsNullOrWhiteSpace(o.ConnectionString))
            {
                o.Provider = DatabaseProvider.Sqlite;
                o.ConnectionString = $"Data Source={Path.Combine(dataFolder, "gateway.db")}";
            }
        });

        // First of all: the floor is in place before anything queues work on the pool.
        services.AddOptions<ThreadPoolOptions>().Bind(configuration.GetSection(ThreadPoolOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<ThreadPoolFloor>();
        // Before the other hosted services: they start in order and all of them need the schema.
        services.AddHostedService<DatabaseMigration>();
        services.AddProtection(configuration);
        // Small 837s and the interchanges made from them are kept sealed in the database, in their ledger transaction.
        services.AddInlinePayloads();
        services.AddPhiFields(o =>
        {
            configuration.GetSection(PhiFieldOptions.SectionName).Bind(o);
            if (o.EncryptionKeys.Count == 0)
            {
                o.ActiveKeyId = "local-1";
                o.EncryptionKeys["local-1"] = DataFolderSecret.LoadOrCreate(Path.Combine(keys, "phi-fields-local-1.key"), 32);
            }

            if (o.BlindIndexKey.Length == 0)
            {
                o.BlindIndexKey = DataFolderSecret.LoadOrCreate(Path.Combine(keys, "phi-blind-index.key"), 32);
            }
        });
        services.AddDisclosures(o =>
        {
            configuration.GetSection(DisclosureLedgerOptions.SectionName).Bind(o);
            if (string.IsNullOrWhiteSpace(o.TreeHeadDirectory))
            {
                o.TreeHeadDirectory = Path.Combine(dataFolder, "tree-heads");
            }

            if (o.TreeHeadSigningKey.Length == 0)
            {
                o.TreeHeadSigningKey = DataFolderSecret.LoadOrCreate(Path.Combine(keys, "tree-head-signing.p8"), TreeHeadSigner.CreateKey);
            }
        });
        services.AddForwarding(
            o =>
            {
                configuration.GetSection(PayerRegistryOptions.SectionName).Bind(o);
                // The embedded default has a payer too: the sandbox, which keeps a receipt and sends nothing anywhere.
                if (o.Payers.Count == 0 && configuration[$"{PayerRegistryOptions.SectionName}:{nameof(PayerRegistryOptions.Sandbox)}"] is null)
                {
                    o.Sandbox = true;
                }
            },
            o => configuration.GetSection(ForwardingOptions.SectionName).Bind(o));
        services.AddIntake(o =>
        {
            configuration.GetSection(IntakeOptions.SectionName).Bind(o);
            var imported = o.CodeSetFolder ?? Path.Combine(dataFolder, "codesets");
            // Without imported code sets the validator still checks formats and the built-in small sets.
            if (Directory.Exists(imported))
            {
                o.CodeSetFolder = imported;
            }
            else
            {
                o.CodeSets = CodeSetCatalog.BuiltIn;
            }
        });

        // Attachment requests need the practice's identity for the 275. The embedded default (only the sandbox payer)
        // uses a sandbox practice; with real payers and no identity the coder endpoints stay unregistered.
        if (configuration.GetSection(AttachmentRequestsSection).Exists())
        {
            services.AddAttachmentRequests(o => configuration.GetSection(AttachmentRequestsSection).Bind(o));
        }
        else if (OnlySandboxPayer(configuration))
        {
            services.AddAttachmentRequests(o => o.UseSandboxPractice());
        }
        else
        {
            services.AddControllers().ConfigureApplicationPartManager(parts =>
            {
                var standard = parts.FeatureProviders.OfType<Microsoft.AspNetCore.Mvc.Controllers.ControllerFeatureProvider>().ToList();
                standard.ForEach(p => parts.FeatureProviders.Remove(p));
                parts.FeatureProviders.Add(new WithoutAttachmentRequests());
            });
        }

        services.AddGatewayAuthorization(configuration, keys);
        services.AddRevocations(o => configuration.GetSection(RevocationOptions.SectionName).Bind(o));
        AddLogRedaction(services, configuration, keys);
        services.AddClientRateLimits(configuration);
        services.AddSubmissions(configuration);
        services.AddComplianceReview(configuration);
        services.TryAddAuditedAccounting();
        return services;
    }

    /// <summary>
    /// PHI-classified log parameters are redacted (HMAC with a generated data-folder key unless configured). The
    /// request-start/finish lines of ASP.NET Core's hosting diagnostics carry the query string (the accounting query
    /// names a member id and a birth date), so that category logs warnings only.
    /// </summary>
    private static void AddLogRedaction(IServiceCollection services, IConfiguration configuration, string keys)
    {
        var redaction = configuration.GetSection(LogRedactionOptions.SectionName).Get<LogRedactionOptions>() ?? new LogRedactionOptions();
        if (redaction.Redactor == LogRedactorKind.Hmac && string.IsNullOrWhiteSpace(redaction.HmacKey))
        {
            redaction.HmacKey = Convert.ToBase64String(DataFolderSecret.LoadOrCreate(Path.Combine(keys, "log-redaction.key"), 32));
        }

        services.AddPhiLogRedaction(redaction);
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));
    }

    private static string ResolveDataFolder(IConfiguration configuration)
    {
        var configured = configuration[$"{ProtectionOptions.SectionName}:{nameof(ProtectionOptions.DataFolder)}"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        // Never the working directory: that is often the repository, and the folder holds keys and PHI.
        return SubmissionGateway.Protection.LocalGatewayTokens.DefaultDataFolder();
    }

    private static bool OnlySandboxPayer(IConfiguration configuration) =>
        !configuration.GetSection($"{PayerRegistryOptions.SectionName}:{nameof(PayerRegistryOptions.Payers)}").GetChildren().Any()
        && !string.Equals(configuration[$"{PayerRegistryOptions.SectionName}:{nameof(PayerRegistryOptions.Sandbox)}"], "false", StringComparison.OrdinalIgnoreCase);
}
