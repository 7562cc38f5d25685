using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SubmissionGateway.ProvingGrounds.Harness;

/// <summary>
/// Posts synthetic 837s, each under its own Idempotency-Key, and keeps the books: what the gateway answered 2xx
/// (it owes those to the payer), what got no answer (the connection died with the process), what it refused.
/// </summary>
internal sealed class SubmissionDriver
{
    private readonly ConcurrentDictionary<int, AnsweredSubmission> _answered = new();
    private readonly ConcurrentDictionary<int, byte> _unanswered = new();
    private readonly ConcurrentQueue<string> _refused = new();
    private int _next;

    public IReadOnlyCollection<AnsweredSubmission> Answered => [.. _answered.Values];

    public IReadOnlyCollection<int> Unanswered => [.. _unanswered.Keys];

    /// <summary>Answers that were neither 2xx nor a dead connection: each is a finding.</summary>
    public IReadOnlyCollection<string> Refused => [.. _refused];

    public static string KeyFor(int number) => string.Create(CultureInfo.InvariantCulture, $"pg-{number:D9}");

    /// <summary>Keeps <paramref name="concurrency"/> submitters posting new files until <paramref name="stop"/> is cancelled.</summary>
    public Task DriveAsync(HttpClient client, int concurrency, CancellationToken stop, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await SubmitAsync(client, Interlocked.Increment(ref _next), cancellationToken);
                // A billing system's pace, not a flood: the suite proves consistency, the load suite measures throughput.
                await Task.Delay(Random.Shared.Next(10, 60), cancellationToken);
            }
        }, cancellationToken)));

    /// <summary>Posts again, under the same key, everything that got no answer; returns how many are still unanswered.</summary>
    public async Task<int> RepostUnansweredAsync(HttpClient client, CancellationToken cancellationToken)
    {
        foreach (var number in Unanswered.Order())
        {
            await SubmitAsync(client, number, cancellationToken);
        }

        return _unanswered.Count;
    }

    public async Task SubmitAsync(HttpClient client, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var content = new ByteArrayContent(SyntheticClaims.Batch(number));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/submissions") { Content = content };
        request.Headers.Add("Idempotency-Key", KeyFor(number));
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                using var json = JsonDocument.Parse(body);
                _answered[number] = new AnsweredSubmission(KeyFor(number), number, json.RootElement.GetProperty("submissionId").GetString()!);
                _unanswered.TryRemove(number, out _);
            }
            else if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway)
            {
                _unanswered[number] = 0;
            }
            else
            {
                _refused.Enqueue($"{KeyFor(number)}: HTTP {(int)response.StatusCode} {body}");
                _unanswered.TryRemove(number, out _);
            }
        }
        catch (HttpRequestException)
        {
            // The process died under the request (or is not up yet): whether it was recorded is for the invariants to tell.
            _unanswered.TryAdd(number, 0);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _unanswered.TryAdd(number, 0);
        }
        catch (IOException)
        {
            _unanswered.TryAdd(number, 0);
        }
    }
}
