using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace SubmissionGateway.ProvingGrounds.Harness;

/// <summary>
/// A payer portal stand-in (WireMock.Net) on a fixed loopback port, so it can go down and come back at the same
/// address. Every call is recorded as the payer saw it (Idempotency-Key, payload hash, what it answered); how it
/// answers is a <see cref="Behaviour"/> the scenario sets. Like a real portal it dedups by Idempotency-Key: a
/// key it has accepted once is counted once, whatever retries bring it again.
/// </summary>
internal sealed class PayerStandIn : IDisposable
{
    private readonly ConcurrentQueue<PayerCall> _calls = new();
    private readonly Lock _gate = new();
    private WireMockServer? _server;

    public PayerStandIn(int port)
    {
        Port = port;
        ComeBack();
    }

    /// <summary>How the payer answers a call; the default accepts everything at once.</summary>
    public Func<PayerCall, PayerAnswer> Behaviour { get; set; } = _ => PayerAnswer.Accept;

    public int Port { get; }

    /// <summary>The endpoint for the gateway's payer registry.</summary>
    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/x12");

    public IReadOnlyList<PayerCall> Calls => [.. _calls];

    /// <summary>Keys the payer accepted (answered 2xx at least once): what it considers delivered.</summary>
    public IReadOnlySet<string> Accepted => _calls.Where(c => c.Answer.Status is >= 200 and < 300).Select(c => c.IdempotencyKey).ToHashSet(StringComparer.Ordinal);

    /// <summary>Calls so far for one key (the scenario's behaviour sees the count including the current call).</summary>
    public int CallsFor(string key) => _calls.Count(c => c.IdempotencyKey == key);

    /// <summary>Stops listening: connections are refused until <see cref="ComeBack"/>.</summary>
    public void GoDown()
    {
        lock (_gate)
        {
            _server?.Stop();
            _server?.Dispose();
            _server = null;
        }
    }

    public void ComeBack()
    {
        lock (_gate)
        {
            if (_server is not null)
            {
                return;
            }

            // The suite's ports sit inside Linux's ephemeral range: a client socket may hold the port for a moment.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    _server = WireMockServer.Start(new WireMockServerSettings { Urls = [string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}")] });
                    break;
                }
                catch (WireMock.Exceptions.WireMockException) when (attempt < 40)
                {
                    Thread.Sleep(250);
                }
            }

            _server.Given(Request.Create().WithPath("/x12").UsingPost()).RespondWith(Response.Create().WithCallback(Handle));
        }
    }

    public void Dispose() => GoDown();

    private ResponseMessage Handle(IRequestMessage request)
    {
        var key = request.Headers is not null && request.Headers.TryGetValue("Idempotency-Key", out var keys) ? keys.FirstOrDefault() ?? "" : "";
        var body = request.BodyAsBytes ?? [];
        var seen = _calls.Count(c => c.IdempotencyKey == key);
        var call = new PayerCall(key, Convert.ToHexStringLower(SHA256.HashData(body)), body.Length, seen + 1, DateTimeOffset.UtcNow, PayerAnswer.Accept);
        var answer = Behaviour(call);
        _calls.Enqueue(call with { Answer = answer });
        if (answer.Delay > TimeSpan.Zero)
        {
            // The portal is slow: the gateway's attempt timeout decides what happens to this call.
            Thread.Sleep(answer.Delay);
        }

        var response = new ResponseMessage
        {
            StatusCode = answer.Status,
            BodyData = new BodyData { BodyAsString = answer.Status is >= 200 and < 300 ? $"ACK {key}" : "try later", DetectedBodyType = BodyType.String },
        };
        if (answer.RetryAfterSeconds is { } seconds)
        {
            response.AddHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }
}
