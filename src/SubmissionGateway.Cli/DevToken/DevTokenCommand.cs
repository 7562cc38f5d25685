using System.Buffers.Text;
using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using SubmissionGateway.Protection;
using SubmissionGateway.Protection.Keys;

namespace SubmissionGateway.Cli.DevToken;

/// <summary>
/// <c>sgw dev-token</c>: a short-lived bearer token for the API's embedded default, signed (HS256) with the local key
/// in the data folder. For development and tests only; a deployment takes tokens from its identity provider.
/// </summary>
internal static partial class DevTokenCommand
{
    // Mirrors the API's TokenOptions: the CLI does not reference the ASP.NET Core host.
    private const int MaxMinutes = 60;

    private static readonly string[] Roles = ["submitter", "coder", "compliance", "admin"];

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var role = new Option<string>("--role") { Description = "submitter, coder, compliance or admin.", Required = true };
        var submitterId = new Option<string?>("--submitter-id") { Description = "The billing system (ISA06) a submitter token acts for; required for --role submitter." };
        var minutes = new Option<int>("--minutes") { Description = $"Lifetime in minutes (1-{MaxMinutes}).", DefaultValueFactory = _ => 15 };
        var dataFolder = new Option<string?>("--data-folder") { Description = "The API's data folder (Protection:DataFolder); default: the API's default." };
        var subject = new Option<string?>("--subject") { Description = "The token's sub claim; default: dev-<role>." };

        var command = new Command("dev-token", "Mint a short-lived API token signed with the data folder's local key (development only).");
        command.Options.Add(role);
        command.Options.Add(submitterId);
        command.Options.Add(minutes);
        command.Options.Add(dataFolder);
        command.Options.Add(subject);
        command.SetAction((parse, cancellationToken) => MintAsync(
            parse.GetValue(role)!, parse.GetValue(submitterId), parse.GetValue(minutes), parse.GetValue(dataFolder), parse.GetValue(subject),
            stdout, stderr, cancellationToken));
        return command;
    }

    private static async Task<int> MintAsync(
        string role, string? submitterId, int minutes, string? dataFolder, string? subject, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!Roles.Contains(role, StringComparer.Ordinal))
        {
            return await UsageAsync(stderr, $"--role must be one of {string.Join(", ", Roles)}.").ConfigureAwait(false);
        }

        if (role == "submitter" && (submitterId is null || !SubmitterIdPattern().IsMatch(submitterId)))
        {
            return await UsageAsync(stderr, "--role submitter needs --submitter-id: the ISA06 of the billing system, 2-15 letters or digits.").ConfigureAwait(false);
        }

        if (minutes is < 1 or > MaxMinutes)
        {
            return await UsageAsync(stderr, $"--minutes must be between 1 and {MaxMinutes}.").ConfigureAwait(false);
        }

        try
        {
            var folder = dataFolder is not null ? Path.GetFullPath(dataFolder) : LocalGatewayTokens.DefaultDataFolder();
            EnsureKey(folder);
            cancellationToken.ThrowIfCancellationRequested();
            await stdout.WriteLineAsync(Mint(folder, role, submitterId, subject ?? $"dev-{role}", TimeSpan.FromMinutes(minutes))).ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is KeyRingException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync("sgw dev-token: " + e.Message).ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>The API creates the same key when it first checks a token; whichever comes first makes it.</summary>
    internal static void EnsureKey(string dataFolder)
    {
        var keyFile = LocalGatewayTokens.KeyFile(dataFolder);
        if (!File.Exists(keyFile))
        {
            OwnerOnlyFile.WriteAtomically(keyFile, RandomNumberGenerator.GetBytes(32));
        }
    }

    /// <summary>A token signed with the data folder's existing local key (refused unless the key file is owner-only).</summary>
    internal static string Mint(string dataFolder, string role, string? submitterId, string subject, TimeSpan lifetime)
    {
        var keyFile = LocalGatewayTokens.KeyFile(dataFolder);
        OwnerOnlyFile.RequireOwnerOnly(keyFile);
        var key = File.ReadAllBytes(keyFile);
        try
        {
            return Sign(key, role, submitterId, subject, lifetime);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static string Sign(byte[] key, string role, string? submitterId, string subject, TimeSpan lifetime)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["iss"] = LocalGatewayTokens.Issuer,
            ["aud"] = LocalGatewayTokens.Audience,
            ["sub"] = subject,
            ["role"] = role,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + (long)lifetime.TotalSeconds,
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (submitterId is not null)
        {
            claims["submitter_id"] = submitterId;
        }

        var signingInput = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8) + "." + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = HMACSHA256.HashData(key, System.Text.Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    private static async Task<int> UsageAsync(TextWriter stderr, string message)
    {
        await stderr.WriteLineAsync("sgw dev-token: " + message).ConfigureAwait(false);
        return SgwCommand.UsageError;
    }

    [GeneratedRegex("^[A-Za-z0-9]{2,15}$")]
    private static partial Regex SubmitterIdPattern();
}
