using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SubmissionGateway.Redaction;

public static class RedactionServiceCollectionExtensions
{
    /// <summary>
    /// Redacts every <see cref="PhiTaxonomy"/>-classified log parameter before any logging provider sees it: a keyed
    /// HMAC digest or nothing, as <paramref name="options"/> says. Values classified outside the taxonomy are erased.
    /// </summary>
    /// <exception cref="InvalidOperationException">HMAC redaction without a key of at least 44 base64 characters.</exception>
    public static IServiceCollection AddPhiLogRedaction(this IServiceCollection services, LogRedactionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Redactor == LogRedactorKind.Hmac && options.HmacKey is not { Length: >= 44 })
        {
            throw new InvalidOperationException($"{LogRedactionOptions.SectionName}:HmacKey must be a base64 key of at least 44 characters (32 bytes), or set {LogRedactionOptions.SectionName}:Redactor to Erasing.");
        }

        var key = options.HmacKey ?? "";
        services.AddRedaction(redaction =>
        {
            if (options.Redactor == LogRedactorKind.Erasing)
            {
                redaction.SetRedactor<ErasingRedactor>([.. PhiTaxonomy.All]);
            }
            else
            {
#pragma warning disable EXTEXP0002 // The HMAC redactor is marked experimental; its output format is what the operator opted into.
                redaction.SetHmacRedactor(o =>
                {
                    o.Key = key;
                    o.KeyId = options.HmacKeyId;
                }, [.. PhiTaxonomy.All]);
#pragma warning restore EXTEXP0002
            }
        });
        services.AddLogging(logging => logging.EnableRedaction());
        return services;
    }
}
