using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SubmissionGateway.Load;

// Load against a running gateway on loopback. Examples (tools/SubmissionGateway.Load/run.sh runs all of them):
//   --url https://127.0.0.1:8443 --mode submissions --submitter-token T --file samples/837P-office-visit.x12 --rate 500 --duration 30
//   --url https://127.0.0.1:8443 --mode submissions --submitter-token T --file F --concurrency 32 --duration 30 [--http 2] [--warmup 5]
//   --url https://127.0.0.1:8443 --mode attachments --coder-token T --count 20 --concurrency 2 --size-mb 10 [--server-pid PID]
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"load: {ex.Message}");
    return 2;
}

if (!IPAddress.TryParse(options.Url.Host, out var address) || !IPAddress.IsLoopback(address))
{
    // The certificate check is off below; that is only acceptable against our own process on this machine.
    Console.Error.WriteLine("load: --url must be a loopback address (127.0.0.1 or [::1]).");
    return 2;
}

using var handler = new SocketsHttpHandler
{
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    MaxConnectionsPerServer = 256,
    EnableMultipleHttp2Connections = true,
    SslOptions = { RemoteCertificateValidationCallback = static (_, _, _, _) => true },
};
using var client = new HttpClient(handler)
{
    BaseAddress = options.Url,
    DefaultRequestVersion = options.HttpVersion,
    DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    Timeout = TimeSpan.FromSeconds(60),
};
using var memory = new ServerMemory(options.ServerPid);

return options.Mode switch
{
    "submissions" => await SubmissionsAsync(),
    "attachments" => await AttachmentsAsync(),
    _ => Usage($"unknown --mode '{options.Mode}' (submissions or attachments)"),
};

int Usage(string message)
{
    Console.Error.WriteLine($"load: {message}");
    return 2;
}

async Task<int> SubmissionsAsync()
{
    if (options.SubmitterToken is null || options.File is null)
    {
        return Usage("submissions need --submitter-token and --file");
    }

    var template = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(options.File));
    var isa = template.IndexOf("ISA", StringComparison.Ordinal);
    var controlNumber = template.Substring(isa + 90, 9);
    // Each call its own ISA13/IEA02, so the gateway does the whole intake rather than answering a replay.
    var next = (long)(DateTime.UtcNow.TimeOfDay.TotalSeconds * 1000) % 100_000_000 * 10;
    byte[] Body() => Encoding.Latin1.GetBytes(template.Replace("*" + controlNumber, "*" + (Interlocked.Increment(ref next) % 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture), StringComparison.Ordinal));

    async Task<string?> SendAsync()
    {
        using var content = new ByteArrayContent(Body());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/submissions") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.SubmitterToken);
        try
        {
            using var response = await client.SendAsync(request);
            await response.Content.CopyToAsync(Stream.Null);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException ex)
        {
            return ex.HttpRequestError.ToString();
        }
        catch (TaskCanceledException)
        {
            return "timeout (60 s)";
        }
    }

    Console.WriteLine($"gateway idle after {(await new ProcessorTime(options.ServerPid).WaitForServerIdleAsync()).TotalSeconds:F1} s (deliveries queued by earlier runs done)");
    // One call first, outside the figures: connection, TLS and the server's first-call costs.
    if (await SendAsync() is { } warmupError)
    {
        return Usage($"the first submission failed ({warmupError}); is the token a submitter token for the file's ISA06?");
    }

    // Calls leave at `rate` per second for `duration` on a fixed schedule; each gets its scheduled timestamp.
    static async Task OpenLoopAsync(double rate, TimeSpan duration, Func<long, Task> send)
    {
        var total = (long)(rate * duration.TotalSeconds);
        var inFlight = new List<Task>((int)Math.Min(total, 1_000_000));
        var start = Stopwatch.GetTimestamp();
        for (long i = 0; i < total; i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / rate);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > Stopwatch.Frequency / 500)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
            }

            inFlight.Add(Task.Run(() => send(due)));
        }

        await Task.WhenAll(inFlight);
    }

    // Then --warmup seconds (5 by default) of calls, also outside the figures: the server's JIT and tiered compilation
    // settle and its pools fill, so the figures describe a running gateway rather than one starting up.
    if (options.Warmup > TimeSpan.Zero && options.Rate > 0)
    {
        // An open-loop run warms up at its own rate: a closed-loop warm-up would leave a backlog of deliveries that
        // the measured run then competes with.
        await OpenLoopAsync(options.Rate, options.Warmup, _ => SendAsync());
    }
    else if (options.Warmup > TimeSpan.Zero)
    {
        var warmUntil = Stopwatch.GetTimestamp() + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Concurrency)).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < warmUntil)
            {
                await SendAsync();
            }
        })));
    }

    var recorder = new LatencyRecorder();
    var processor = new ProcessorTime(options.ServerPid);
    processor.Start();
    var clock = Stopwatch.StartNew();
    if (options.Rate > 0)
    {
        // Open loop: calls leave on a fixed schedule whatever the answers do; latency counts from the scheduled time,
        // so a stalled server shows up as latency instead of quietly lowering the rate (coordinated omission).
        await OpenLoopAsync(options.Rate, options.Duration, async due => recorder.Record(due, await SendAsync()));
        Console.WriteLine(recorder.Summary($"submissions open loop at {options.Rate}/s, HTTP/{options.HttpVersion}", clock.Elapsed, 0));
    }
    else
    {
        var until = Stopwatch.GetTimestamp() + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                var started = Stopwatch.GetTimestamp();
                recorder.Record(started, await SendAsync());
            }
        })));
        Console.WriteLine(recorder.Summary($"submissions closed loop, {options.Concurrency} concurrent, HTTP/{options.HttpVersion}", clock.Elapsed, 0));
    }

    Console.WriteLine(processor.DescribePerCall(Math.Max(1, recorder.Calls)));

    Console.WriteLine(memory.Describe());
    return 0;
}

async Task<int> AttachmentsAsync()
{
    if (options.CoderToken is null)
    {
        return Usage("attachments need --coder-token");
    }

    var size = options.SizeMegabytes * 1024 * 1024;
    var document = new byte[size];
    RandomNumberGenerator.Fill(document);
    new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(document, 0);

    var baseline = AesGcmBaseline(document);
    Console.WriteLine($"baseline: AES-256-GCM in 4 MiB regions over the same {options.SizeMegabytes} MB, in this process: {baseline:F1} MB/s");

    string? requestId = null;
    var usedInRequest = 0;
    var gate = new SemaphoreSlim(1, 1);
    async Task<string> RequestAsync()
    {
        await gate.WaitAsync();
        try
        {
            // A request takes 64 MiB in all: a new one every few documents.
            if (requestId is null || usedInRequest >= Math.Max(1, (int)(60L * 1024 * 1024 / size)))
            {
                using var create = new HttpRequestMessage(HttpMethod.Post, "/attachment-requests")
                {
                    Content = JsonContent.Create(new
                    {
                        payerId = "SGWPAYER01",
                        claimId = "SGW-CLAIM-0001",
                        patient = new { name = "TESTPATIENT, JANE Q", memberId = "SGW00012345", birthDate = "1980-01-15" },
                        serviceDateFrom = "2026-11-01",
                        serviceDateTo = "2026-11-01",
                        purpose = "Appeal",
                        documentTypes = new Dictionary<string, int> { ["11506-3"] = 50 },
                    }),
                };
                create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.CoderToken);
                using var created = await client.SendAsync(create);
                var body = await created.Content.ReadAsStringAsync();
                if (!created.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"creating an attachment request answered {(int)created.StatusCode}: {body}");
                }

                requestId = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString();
                usedInRequest = 0;
            }

            usedInRequest++;
            return requestId!;
        }
        finally
        {
            gate.Release();
        }
    }

    async Task<string?> UploadAsync()
    {
        var id = await RequestAsync();
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in new[] { ("loinc", "11506-3"), ("patientName", "TESTPATIENT, JANE Q"), ("memberId", "SGW00012345"),
                     ("birthDate", "1980-01-15"), ("claimId", "SGW-CLAIM-0001"), ("serviceDate", "2026-11-01") })
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(document);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "scan.png");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/attachment-requests/{id}/documents") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.CoderToken);
        try
        {
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {text[..Math.Min(text.Length, 120)]}";
        }
        catch (HttpRequestException ex)
        {
            return ex.HttpRequestError.ToString();
        }
        catch (TaskCanceledException)
        {
            return "timeout (60 s)";
        }
    }

    Console.WriteLine($"gateway idle after {(await new ProcessorTime(options.ServerPid).WaitForServerIdleAsync()).TotalSeconds:F1} s (deliveries queued by earlier runs done)");
    if (await UploadAsync() is { } warmupError)
    {
        return Usage($"the first upload failed ({warmupError})");
    }

    // A few more uploads outside the figures (at most 20, 200 MB at 10 MB), so the upload path's code is compiled at
    // its final tier before it is timed, as the submissions' warm-up does for theirs.
    for (var warm = 0; warm < Math.Min(20, options.Count); warm++)
    {
        if (await UploadAsync() is { } error)
        {
            return Usage($"a warm-up upload failed ({error})");
        }
    }

    memory.StartSampling();
    var processor = new ProcessorTime(options.ServerPid);
    processor.Start();
    var recorder = new LatencyRecorder();
    var clock = Stopwatch.StartNew();
    var remaining = options.Count;
    await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
    {
        while (Interlocked.Decrement(ref remaining) >= 0)
        {
            var started = Stopwatch.GetTimestamp();
            recorder.Record(started, await UploadAsync());
        }
    })));
    var wall = clock.Elapsed;
    Console.WriteLine(recorder.Summary($"attachments {options.SizeMegabytes} MB, {options.Concurrency} concurrent, HTTP/{options.HttpVersion}", wall, size));
    var megabytesPerSecond = recorder.Throughput(wall) * size / 1e6;
    Console.WriteLine($"ratio to the AES-GCM baseline: {megabytesPerSecond / baseline:P0}");
    Console.WriteLine(processor.Describe((long)options.Count * size));
    Console.WriteLine(memory.Describe());
    return 0;
}

static double AesGcmBaseline(byte[] document)
{
    using var aes = new AesGcm(RandomNumberGenerator.GetBytes(32), 16);
    const int Region = 4 * 1024 * 1024;
    var cipher = new byte[Region];
    var tag = new byte[16];
    var nonce = new byte[12];
    long bytes = 0;
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < TimeSpan.FromSeconds(2))
    {
        for (var offset = 0; offset < document.Length; offset += Region)
        {
            var length = Math.Min(Region, document.Length - offset);
            BitConverter.TryWriteBytes(nonce, offset);
            aes.Encrypt(nonce, document.AsSpan(offset, length), cipher.AsSpan(0, length), tag);
            bytes += length;
        }
    }

    return bytes / clock.Elapsed.TotalSeconds / 1e6;
}
