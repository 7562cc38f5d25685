using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SubmissionGateway.Protection;

namespace SubmissionGateway.Api.Transport;

/// <summary>
/// The server certificate: the operator's PFX when configured; otherwise the embedded default's self-signed
/// certificate, created on first run in the data folder (owner-only) and renewed when close to expiry.
/// </summary>
internal static class ServerCertificateSource
{
    private static readonly TimeSpan Validity = TimeSpan.FromDays(365);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    public static string DefaultPath(TransportOptions options) => Path.Combine(options.DataFolder, "tls", "server.pfx");

    public static X509Certificate2 Load(TransportOptions options, TimeProvider time)
    {
        if (!string.IsNullOrEmpty(options.CertificatePath))
        {
            if (!File.Exists(options.CertificatePath))
            {
                throw new InvalidOperationException($"Transport:CertificatePath '{options.CertificatePath}' does not exist.");
            }

            return X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
        }

        var path = DefaultPath(options);
        if (File.Exists(path))
        {
            OwnerOnlyFile.RequireOwnerOnly(path);
            var existing = X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
            if (existing.NotAfter.ToUniversalTime() - time.GetUtcNow().UtcDateTime > RenewBefore)
            {
                return existing;
            }

            existing.Dispose();
        }

        var pfx = CreateSelfSigned(time.GetUtcNow());
        try
        {
            OwnerOnlyFile.WriteAtomically(path, pfx);
            return X509CertificateLoader.LoadPkcs12(pfx, password: null);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pfx);
        }
    }

    private static byte[] CreateSelfSigned(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=SubmissionGateway (self-signed)", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName(Environment.MachineName);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(Validity));
        return certificate.Export(X509ContentType.Pfx);
    }
}
