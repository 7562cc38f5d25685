using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace SubmissionGateway.Forwarding;

/// <summary>
/// Posts one payload to a payer portal. A typed HttpClient: the resilience pipeline around it (per-attempt
/// timeout, retries honouring Retry-After, a circuit breaker per payer, a total budget) is set up in
/// <see cref="ForwardingServiceCollectionExtensions"/>. POST is retried on purpose: every delivery carries an
/// Idempotency-Key, so the payer can tell a retry from a new submission.
/// </summary>
public sealed class PayerChannel
{
    /// <summary>Selects the circuit breaker: one per payer, not one per host or one for all.</summary>
    internal static readonly HttpRequestOptionsKey<string> PayerKey = new("sgw.payer");

    private const int MaxReceiptChars = 2000;

    /// <summary>The payer a resilience callback is about, from the request it is handling.</summary>
    internal static string PayerOf(ResilienceContext context) =>
        context.GetRequestMessage() is { } request && request.Options.TryGetValue(PayerKey, out var payer) ? payer : "unknown";

    private readonly HttpClient _http;

    public PayerChannel(HttpClient http) => _http = http ?? throw new ArgumentNullException(nameof(http));

    public async Task<PayerDeliveryResult> DeliverAsync(
        PayerOptions payer, string idempotencyKey, string transactionType, string contentType, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payer);
        if (PayerRegistry.IsSandbox(payer))
        {
            // The embedded default's stand-in: a receipt, never a network call. The payload stays in the encrypted store.
            var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(payload.Span));
            return new PayerDeliveryResult(PayerDeliveryStatus.Delivered, string.Create(CultureInfo.InvariantCulture,
                $"SANDBOX receipt {idempotencyKey}: {payload.Length} bytes of {transactionType}, SHA-256 {digest}; not sent to any payer."));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, payer.Endpoint);
        request.Content = new ReadOnlyMemoryContent(payload);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        request.Headers.Add("X12-Transaction-Type", transactionType);
        request.Options.Set(PayerKey, payer.Id);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (body.Length > MaxReceiptChars)
            {
                body = body[..MaxReceiptChars];
            }

            var code = (int)response.StatusCode;
            var detail = string.Create(CultureInfo.InvariantCulture, $"HTTP {code}: {body}");
            if (response.IsSuccessStatusCode)
            {
                return new PayerDeliveryResult(PayerDeliveryStatus.Delivered, detail);
            }

            return code >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
                ? new PayerDeliveryResult(PayerDeliveryStatus.Transient, detail)
                : new PayerDeliveryResult(PayerDeliveryStatus.Rejected, detail);
        }
        catch (BrokenCircuitException ex)
        {
            return new PayerDeliveryResult(PayerDeliveryStatus.Transient, $"Circuit open for payer {payer.Id}: {ex.Message}");
        }
        catch (TimeoutRejectedException ex)
        {
            return new PayerDeliveryResult(PayerDeliveryStatus.Transient, $"Timed out: {ex.Message}");
        }
        catch (HttpRequestException ex)
        {
            return new PayerDeliveryResult(PayerDeliveryStatus.Transient, $"Payer unreachable: {ex.Message}");
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new PayerDeliveryResult(PayerDeliveryStatus.Transient, $"Timed out: {ex.Message}");
        }
    }
}
