using System.Net.Sockets;

namespace SubmissionGateway.Api.Tests.Transport;

/// <summary>
/// Sends a hand-built TLS ClientHello offering one exact protocol version and returns the first bytes of the
/// server's answer. The platform's TLS client would refuse to offer TLS 1.1 at all, which would prove nothing about
/// the server; raw bytes show what the server itself does.
/// </summary>
internal static class RawClientHello
{
    public const byte Handshake = 0x16;
    public const byte Alert = 0x15;
    public const byte ProtocolVersionAlert = 70;

    public static async Task<byte[]> SendAsync(Uri endpoint, byte major, byte minor)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint.Host, endpoint.Port, TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Build(major, minor), TestContext.Current.CancellationToken);
        var answer = new byte[16];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var read = await stream.ReadAtLeastAsync(answer, 7, throwOnEndOfStream: false, timeout.Token);
        return answer[..read];
    }

    private static byte[] Build(byte major, byte minor)
    {
        byte[] suites =
        [
            0xc0, 0x2b, 0xc0, 0x2f, // ECDHE-ECDSA/RSA-AES128-GCM-SHA256 (TLS 1.2)
            0xc0, 0x09, 0xc0, 0x13, // ECDHE-ECDSA/RSA-AES128-SHA (TLS 1.0-1.2)
            0x00, 0x2f,             // RSA-AES128-SHA
        ];
        byte[] extensions =
        [
            0x00, 0x0a, 0x00, 0x06, 0x00, 0x04, 0x00, 0x17, 0x00, 0x1d, // supported_groups: secp256r1, x25519
            0x00, 0x0b, 0x00, 0x02, 0x01, 0x00,                         // ec_point_formats: uncompressed
            0x00, 0x0d, 0x00, 0x08, 0x00, 0x06, 0x04, 0x03, 0x08, 0x04, 0x04, 0x01, // signature_algorithms
        ];
        var body = new List<byte> { major, minor };
        body.AddRange(new byte[32]); // client random
        body.Add(0);                 // no session id
        body.AddRange([0, (byte)suites.Length]);
        body.AddRange(suites);
        body.AddRange([1, 0]);       // compression: null
        body.AddRange([0, (byte)extensions.Length]);
        body.AddRange(extensions);
        var handshake = new List<byte> { 0x01, 0, (byte)(body.Count >> 8), (byte)body.Count };
        handshake.AddRange(body);
        var record = new List<byte> { Handshake, 0x03, 0x01, (byte)(handshake.Count >> 8), (byte)handshake.Count };
        record.AddRange(handshake);
        return [.. record];
    }
}
