using System.Globalization;

// Asks the gateway in this container whether it is alive: GET https://127.0.0.1:{Transport__HttpsPort}/health/live.
// Exit 0 when it answers 200, 1 otherwise. An optional argument replaces the URL.
var port = Environment.GetEnvironmentVariable("Transport__HttpsPort") is { Length: > 0 } configured
    ? int.Parse(configured, CultureInfo.InvariantCulture)
    : 8443;
var url = args.Length > 0 ? new Uri(args[0]) : new Uri($"https://127.0.0.1:{port}/health/live");
if (!url.IsLoopback)
{
    // Certificate checks are skipped below, which is only acceptable for a call that never leaves the machine.
    await Console.Error.WriteLineAsync($"health probe: {url} is not a loopback address.");
    return 2;
}

using var handler = new SocketsHttpHandler
{
    SslOptions =
    {
        // The process probes itself over loopback: its certificate names the public host, not 127.0.0.1, and the
        // probe sends no credentials and receives no data.
#pragma warning disable CA5359
        RemoteCertificateValidationCallback = (_, _, _, _) => true,
#pragma warning restore CA5359
    },
};
using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(4) };
try
{
    using var response = await client.GetAsync(url);
    if (response.IsSuccessStatusCode)
    {
        return 0;
    }

    await Console.Error.WriteLineAsync($"health probe: {url} answered {(int)response.StatusCode}.");
    return 1;
}
catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
{
    await Console.Error.WriteLineAsync($"health probe: {url} did not answer ({e.Message}).");
    return 1;
}
