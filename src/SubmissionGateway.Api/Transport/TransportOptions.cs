using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace SubmissionGateway.Api.Transport;

/// <summary>Configuration section <c>Transport</c>: how Kestrel listens. TLS 1.2/1.3 only; plain HTTP only as a loopback development switch.</summary>
public sealed class TransportOptions
{
    public const string SectionName = "Transport";

    /// <summary>The address the https endpoint binds (0.0.0.0 in a container, 127.0.0.1 on a workstation).</summary>
    [Required]
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>The https port; 0 picks a free port (tests).</summary>
    [Range(0, 65_535)]
    public int HttpsPort { get; set; } = 8443;

    /// <summary>A PFX certificate from the operator; when absent a self-signed one is created in <see cref="DataFolder"/> on first run.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Where the self-signed certificate of the embedded default is kept (<c>{DataFolder}/tls/server.pfx</c>, mode 0600).</summary>
    [Required]
    public string DataFolder { get; set; } = "data";

    /// <summary>Development only: also listen for plain HTTP on 127.0.0.1:<see cref="PlainHttpPort"/>. Refused outside Development.</summary>
    public bool AllowPlainHttpOnLoopback { get; set; }

    [Range(0, 65_535)]
    public int PlainHttpPort { get; set; } = 8080;

    /// <summary>Client certificates (mTLS) for billing systems: not asked, allowed, or required.</summary>
    public ClientCertificateMode ClientCertificates { get; set; } = ClientCertificateMode.NoCertificate;

    /// <summary>PEM file of the certificate authorities that issue client certificates; when absent the system trust store decides.</summary>
    public string? ClientCertificateAuthorityPath { get; set; }

    [Range(1, 730)]
    public int HstsMaxAgeDays { get; set; } = 365;
}
