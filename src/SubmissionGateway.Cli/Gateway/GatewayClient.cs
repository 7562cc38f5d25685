using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace SubmissionGateway.Cli.Gateway;

/// <summary>
/// The gateway's HTTP API as the verbs use it: bearer token, TLS with <see cref="GatewayTrust"/>, an optional client
/// certificate, and every failure turned into a <see cref="CommandFailedException"/> with a sentence and an exit code.
/// </summary>
internal sealed class GatewayClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly GatewayTrust _trust;
    private readonly X509Certificate2? _clientCertificate;

    public GatewayClient(Uri gateway, string token, GatewayTrust trust, X509Certificate2? clientCertificate)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        _trust = trust;
        _clientCertificate = clientCertificate;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(15),
            AllowAutoRedirect = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) => trust.Validate(certificate as X509Certificate2, chain, errors),
                ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
            },
        };
        _http = new HttpClient(handler)
        {
            BaseAddress = gateway,
            // Uploads and accountings may stream for long; the caller's CancellationToken (Ctrl+C) bounds them.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("sgw", "1.0"));
    }

    public Uri Gateway => _http.BaseAddress!;

    /// <summary>Sends and reads a JSON answer; any non-success becomes a failure with the problem's words.</summary>
    public async Task<JsonElement> SendForJsonAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new CommandFailedException(ExitCodes.GatewayFailed, $"the gateway's answer to {request.Method} {request.RequestUri} is not JSON: {e.Message}", inner: e);
        }
    }

    /// <summary>Sends and returns the response once its headers are in (the body may still stream); throws unless 2xx.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new CommandFailedException(ExitCodes.Unreachable, Unreachable(e), inner: e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CommandFailedException(ExitCodes.Unreachable, $"the gateway at {Gateway} did not answer in time.", inner: e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await RefusalAsync(request, response, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _clientCertificate?.Dispose();
    }

    private string Unreachable(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case AuthenticationException when _trust.LastRejection is { } why:
                    return $"TLS with {Gateway} failed: {why}.";
                case AuthenticationException tls:
                    return $"TLS with {Gateway} failed: {tls.Message}";
                case SocketException socket:
                    return $"cannot reach the gateway at {Gateway}: {socket.Message}. Is it running? (--gateway or SGW_GATEWAY_URL)";
            }
        }

        var innermost = e.GetBaseException().Message;
        // A gateway that requires mTLS ends the handshake (or the first read, under TLS 1.3) without a word.
        return e.GetBaseException() is IOException && _clientCertificate is null
            ? $"the gateway at {Gateway} closed the connection ({innermost}). If it requires a client certificate (mTLS), pass --cert."
            : $"cannot reach the gateway at {Gateway}: {innermost}";
    }

    private static async Task<CommandFailedException> RefusalAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var exit = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.Unauthorized,
            _ when status >= 500 => ExitCodes.GatewayFailed,
            _ => ExitCodes.Refused,
        };
        var text = "";
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            // The status alone still says what happened.
        }

        var message = new StringBuilder();
        message.Append(status switch
        {
            401 => "the gateway did not accept the token (401): it is missing, expired, or signed for another gateway.",
            403 => "the token's role may not do this (403).",
            404 when request.Method == HttpMethod.Get && text.Length == 0 => $"the gateway has no {request.RequestUri} (404).",
            405 => $"the gateway does not offer {request.Method} {request.RequestUri} (405).",
            >= 500 => $"the gateway failed ({status}); nothing was changed by this command on our side. Try again or ask its operator.",
            _ => $"the gateway refused the request ({status} {response.ReasonPhrase}).",
        });

        string? problemJson = null;
        if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType is { } mediaType && mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                using var problem = JsonDocument.Parse(text);
                problemJson = text;
                Describe(problem.RootElement, message);
            }
            catch (JsonException)
            {
                // Not a problem document after all: the status line is the message.
            }
        }

        return new CommandFailedException(exit, message.ToString(), problemJson);
    }

    /// <summary>RFC 9457: title, detail, and the validation errors or the refused field, one per line.</summary>
    private static void Describe(JsonElement problem, StringBuilder message)
    {
        if (problem.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (Text(problem, "title") is { } title)
        {
            message.AppendLine().Append("  ").Append(title);
        }

        if (Text(problem, "detail") is { } detail)
        {
            message.AppendLine().Append("  ").Append(detail);
        }

        if (Text(problem, "field") is { } field)
        {
            message.AppendLine().Append("  field: ").Append(field);
        }

        if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var error in errors.EnumerateObject())
            {
                var lines = error.Value.ValueKind == JsonValueKind.Array
                    ? error.Value.EnumerateArray().Select(e => e.ToString())
                    : [error.Value.ToString()];
                foreach (var line in lines)
                {
                    message.AppendLine().Append("  ").Append(error.Name.Length > 0 ? error.Name + ": " : "").Append(line);
                }
            }
        }

        if (Text(problem, "type") is { } type && type.StartsWith("/problems/", StringComparison.Ordinal))
        {
            message.AppendLine().Append("  (").Append(type).Append(')');
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
