using System.CommandLine;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SubmissionGateway.Cli.DevToken;
using SubmissionGateway.Protection;
using SubmissionGateway.Protection.Keys;

namespace SubmissionGateway.Cli.Gateway;

/// <summary>
/// The options every gateway verb shares (<c>--gateway</c>, <c>--token</c>, <c>--cert</c>, <c>--ca</c>,
/// <c>--data-folder</c>, <c>--json</c>) and how they become a <see cref="GatewayClient"/>.
/// </summary>
internal sealed class GatewayConnectionOptions
{
    public const string DefaultGateway = "https://localhost:8443";

    private static readonly TimeSpan MintedLifetime = TimeSpan.FromMinutes(15);

    private readonly string _role;

    private readonly Option<string?> _gateway = new("--gateway") { Description = $"The gateway's URL (default: SGW_GATEWAY_URL, else {DefaultGateway})." };
    private readonly Option<string?> _token = new("--token") { Description = "Bearer token (default: SGW_TOKEN; against a local gateway, minted from its data folder)." };
    private readonly Option<FileInfo?> _cert = new("--cert") { Description = "Client certificate for mTLS: PKCS#12 (password in SGW_CERT_PASSWORD) or PEM with its key." };
    private readonly Option<FileInfo?> _certKey = new("--cert-key") { Description = "PEM private key of --cert when it is in a separate file." };
    private readonly Option<FileInfo?> _ca = new("--ca") { Description = "Also trust this certificate file (PEM, DER or PKCS#12): an issuing CA, or a development gateway's own certificate." };
    private readonly Option<string?> _dataFolder = new("--data-folder") { Description = "A local gateway's data folder, for a development token and certificate (default: the API's default)." };
    private readonly Option<string?> _submitterId;

    public GatewayConnectionOptions(string role)
    {
        _role = role;
        _submitterId = new Option<string?>("--submitter-id") { Description = "For a minted development token: the billing system (ISA06) to act as." };
        Json = new Option<bool>("--json") { Description = "Print the gateway's JSON answer (and problem details on refusal) on standard output." };
    }

    public Option<bool> Json { get; }

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Json);
        command.Options.Add(_gateway);
        command.Options.Add(_token);
        command.Options.Add(_cert);
        command.Options.Add(_certKey);
        command.Options.Add(_ca);
        command.Options.Add(_dataFolder);
        if (_role == "submitter")
        {
            command.Options.Add(_submitterId);
        }
    }

    /// <summary>
    /// Resolves URL, trust, client certificate and token. <paramref name="submitterIdHint"/> (a file's ISA06) is used
    /// when a submitter token must be minted and <c>--submitter-id</c> is not given.
    /// </summary>
    public GatewayClient Connect(ParseResult parse, TextWriter stderr, string? submitterIdHint = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(stderr);
        var url = parse.GetValue(_gateway) ?? Environment.GetEnvironmentVariable("SGW_GATEWAY_URL") ?? DefaultGateway;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var gateway) || gateway.Scheme is not ("https" or "http"))
        {
            throw new CommandFailedException(ExitCodes.Usage, $"--gateway: '{url}' is not an https URL.");
        }

        if (!gateway.AbsolutePath.EndsWith('/'))
        {
            // A gateway behind a path prefix (https://host/sgw) keeps it when the verbs' relative routes are resolved.
            gateway = new Uri(gateway.GetLeftPart(UriPartial.Path) + "/");
        }

        var local = gateway.IsLoopback || (IPAddress.TryParse(gateway.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        if (gateway.Scheme == "http" && !local)
        {
            // PHI travels over TLS only; plain HTTP is the gateway's own loopback development switch.
            throw new CommandFailedException(ExitCodes.Usage, $"--gateway: '{url}' is plain HTTP to another machine; use https.");
        }

        var dataFolder = parse.GetValue(_dataFolder) is { } folder ? Path.GetFullPath(folder) : LocalGatewayTokens.DefaultDataFolder();
        var trust = Trust(parse.GetValue(_ca), local, dataFolder, stderr);
        var token = parse.GetValue(_token) ?? Environment.GetEnvironmentVariable("SGW_TOKEN");
        if (string.IsNullOrWhiteSpace(token))
        {
            token = Mint(gateway, local, dataFolder, parse.GetValue(_submitterId) ?? submitterIdHint, stderr);
        }

        return new GatewayClient(gateway, token.Trim(), trust, ClientCertificate(parse.GetValue(_cert), parse.GetValue(_certKey)));
    }

    private static GatewayTrust Trust(FileInfo? ca, bool local, string dataFolder, TextWriter stderr)
    {
        if (ca is not null)
        {
            return new GatewayTrust(GatewayTrust.LoadAnchors(ca.FullName), ca.FullName);
        }

        var development = Path.Combine(dataFolder, "transport", "tls", "server.pfx");
        if (local && File.Exists(development))
        {
            // Pinned exactly, and said aloud: validation is extended to one known certificate, never switched off.
            stderr.WriteLine($"sgw: trusting the local gateway's development certificate {development}");
            return new GatewayTrust(GatewayTrust.LoadAnchors(development), development);
        }

        return new GatewayTrust(null, null);
    }

    private string Mint(Uri gateway, bool local, string dataFolder, string? submitterId, TextWriter stderr)
    {
        var keyFile = LocalGatewayTokens.KeyFile(dataFolder);
        if (!local || !Directory.Exists(Path.GetDirectoryName(keyFile)))
        {
            // Only a gateway's own data folder (its keys/ exists) is a place to mint from: never invent a key elsewhere.
            throw new CommandFailedException(ExitCodes.Unauthorized, local
                ? $"no token: pass --token or set SGW_TOKEN (there is no local gateway data folder at {dataFolder} to mint a development token from; --data-folder?)."
                : $"no token for {gateway}: pass --token or set SGW_TOKEN.");
        }

        if (_role == "submitter" && string.IsNullOrWhiteSpace(submitterId))
        {
            throw new CommandFailedException(ExitCodes.Usage, "a development submitter token needs --submitter-id (the ISA06 the billing system sends as), or pass --token.");
        }

        try
        {
            DevTokenCommand.EnsureKey(dataFolder);
            var token = DevTokenCommand.Mint(dataFolder, _role, _role == "submitter" ? submitterId : null, $"dev-{_role}", MintedLifetime);
            stderr.WriteLine($"sgw: no --token; using a {MintedLifetime.TotalMinutes:0}-minute development token (role {_role}, sub dev-{_role}"
                + (_role == "submitter" ? $", submitter {submitterId}" : "") + $") signed with {keyFile}");
            return token;
        }
        catch (Exception e) when (e is KeyRingException or IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException(ExitCodes.Unauthorized, $"cannot mint a development token: {e.Message}", inner: e);
        }
    }

    private static X509Certificate2? ClientCertificate(FileInfo? cert, FileInfo? key)
    {
        if (cert is null)
        {
            return key is null ? null : throw new CommandFailedException(ExitCodes.Usage, "--cert-key needs --cert.");
        }

        if (!cert.Exists || key is { Exists: false })
        {
            throw new CommandFailedException(ExitCodes.Usage, $"--cert: '{(cert.Exists ? key!.FullName : cert.FullName)}' does not exist.");
        }

        var password = Environment.GetEnvironmentVariable("SGW_CERT_PASSWORD");
        try
        {
            var head = File.ReadAllText(cert.FullName).AsSpan();
            if (head.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                var keyPath = key?.FullName ?? cert.FullName;
                return string.IsNullOrEmpty(password)
                    ? X509Certificate2.CreateFromPemFile(cert.FullName, keyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(cert.FullName, password, keyPath);
            }

            return X509CertificateLoader.LoadPkcs12FromFile(cert.FullName, password);
        }
        catch (CryptographicException e)
        {
            throw new CommandFailedException(ExitCodes.Usage, $"--cert: cannot load a certificate with its private key from '{cert.FullName}': {e.Message}", inner: e);
        }
    }
}
