using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace SubmissionGateway.Tests.Protection;

/// <summary>
/// A stand-in for Key Vault's secrets REST API over https: bearer challenge, api-version required, secret
/// versions kept in memory (GET latest, GET by version, PUT new version).
/// </summary>
internal sealed class FakeKeyVault : IDisposable
{
    public const string Token = "synthetic-test-token";

    private readonly WireMockServer _server;
    private readonly ConcurrentDictionary<string, List<(string Version, string Value)>> _secrets = new(StringComparer.Ordinal);

    public FakeKeyVault()
    {
        Certificate = CreateCertificate();
        _server = WireMockServer.Start(new WireMockServerSettings
        {
            UseSSL = true,
            CertificateSettings = new WireMockCertificateSettings { X509Certificate = Certificate },
        });
        _server
            .Given(Request.Create().WithPath(new RegexMatcher("^/secrets/[^/]+(/[^/]*)?$")).UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(Handle));
    }

    /// <summary>The stand-in's self-signed certificate, which the test client pins.</summary>
    public X509Certificate2 Certificate { get; }

    public Uri VaultUri => new(_server.Urls.Single(u => u.StartsWith("https", StringComparison.Ordinal)).Replace("0.0.0.0", "localhost", StringComparison.Ordinal) + "/");

    public int RequestsWithoutApiVersion { get; private set; }

    public int LatestVersionReads { get; private set; }

    public int Versions(string name) => _secrets.TryGetValue(name, out var versions) ? versions.Count : 0;

    public void Forget(string name, int index)
    {
        lock (_secrets)
        {
            _secrets[name].RemoveAt(index);
        }
    }

    public void Dispose()
    {
        _server.Stop();
        Certificate.Dispose();
    }

    private static X509Certificate2 CreateCertificate()
    {
        // RSA: WireMock logs its settings through X509Certificate2.PrivateKey, which only knows RSA and DSA.
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }

    private ResponseMessage Handle(IRequestMessage request)
    {
        if (request.Query is null || !request.Query.ContainsKey("api-version"))
        {
            RequestsWithoutApiVersion++;
            return Json(400, new JsonObject { ["error"] = new JsonObject { ["code"] = "MissingApiVersion" } });
        }

        if (!request.Headers!.TryGetValue("Authorization", out var authorization) || authorization.ToString() != "Bearer " + Token)
        {
            var challenge = Json(401, new JsonObject { ["error"] = new JsonObject { ["code"] = "Unauthorized" } });
            challenge.AddHeader("WWW-Authenticate", "Bearer authorization=\"https://login.example.test/00000000-0000-0000-0000-000000000000\", resource=\"https://vault.azure.net\"");
            return challenge;
        }

        var segments = request.Path.Trim('/').Split('/');
        var name = segments[1];
        var version = segments.Length > 2 ? segments[2] : "";
        lock (_secrets)
        {
            var versions = _secrets.GetOrAdd(name, _ => []);
            if (request.Method == "PUT")
            {
                var body = JsonNode.Parse(request.Body!)!;
                var created = Guid.NewGuid().ToString("N");
                versions.Add((created, body["value"]!.GetValue<string>()));
                return Json(200, Secret(name, created, versions[^1].Value));
            }

            if (request.Method == "GET")
            {
                if (version.Length == 0)
                {
                    LatestVersionReads++;
                }

                var match = version.Length == 0 ? versions.LastOrDefault() : versions.Find(v => v.Version == version);
                return match.Version is null
                    ? Json(404, new JsonObject { ["error"] = new JsonObject { ["code"] = "SecretNotFound", ["message"] = "not found" } })
                    : Json(200, Secret(name, match.Version, match.Value));
            }
        }

        return Json(405, new JsonObject());
    }

    private JsonObject Secret(string name, string version, string value) => new()
    {
        ["value"] = value,
        ["id"] = new Uri(VaultUri, $"secrets/{name}/{version}").AbsoluteUri,
        ["contentType"] = "application/vnd.submissiongateway.kek+base64",
        ["attributes"] = new JsonObject
        {
            ["enabled"] = true,
            ["created"] = 1_764_000_000,
            ["updated"] = 1_764_000_000,
            ["recoveryLevel"] = "Recoverable",
        },
    };

    private static ResponseMessage Json(int status, JsonObject body)
    {
        var message = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData
            {
                BodyAsString = body.ToJsonString(),
                DetectedBodyType = BodyType.String,
                Encoding = System.Text.Encoding.UTF8,
            },
        };
        message.AddHeader("Content-Type", "application/json; charset=utf-8");
        return message;
    }
}
