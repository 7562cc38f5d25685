using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace SubmissionGateway.ProvingGrounds.Harness;

/// <summary>
/// The real API host as a child process over its own data folder, configured only through environment variables
/// (as a container would be). <see cref="Kill"/> is SIGKILL: no shutdown hook, no flush, no goodbye.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(5) };
    private Process? _process;

    public GatewayProcess(string dataFolder, int port, IReadOnlyDictionary<string, string> settings)
    {
        DataFolder = dataFolder;
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        _settings = settings;
        Directory.CreateDirectory(dataFolder);
    }

    public string DataFolder { get; }

    public Uri BaseAddress { get; }

    /// <summary>Everything the host printed, across restarts.</summary>
    public string LogFile => Path.Combine(Path.GetDirectoryName(DataFolder)!, Path.GetFileName(DataFolder) + ".log");

    public int Starts { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("The gateway is already running.");
        }

        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        // exec: the shell becomes the host, so the pid we kill is the gateway's own.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$1\" >>\"$2\" 2>&1");
        start.ArgumentList.Add(dotnet);
        start.ArgumentList.Add(Repository.GatewayDll);
        start.ArgumentList.Add(LogFile);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__SubmissionGateway"] = "Information";
        start.Environment["Protection__DataFolder"] = DataFolder;
        start.Environment["Transport__ListenAddress"] = "127.0.0.1";
        start.Environment["Transport__HttpsPort"] = "0";
        start.Environment["Transport__AllowPlainHttpOnLoopback"] = "true";
        start.Environment["Transport__PlainHttpPort"] = BaseAddress.Port.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        await File.AppendAllTextAsync(LogFile, $"--- start {Starts + 1} at {DateTimeOffset.UtcNow:O}{Environment.NewLine}", cancellationToken);
        _process = Process.Start(start) ?? throw new InvalidOperationException("The gateway process did not start.");
        Starts++;
        var deadline = DateTimeOffset.UtcNow + StartTimeout;
        var bindRetries = 0;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                var tail = await TailAsync();
                if (tail.Contains("address already in use", StringComparison.Ordinal) && bindRetries++ < 20)
                {
                    // The suite's ports sit inside Linux's ephemeral range: a client socket may hold the port for a moment.
                    await Task.Delay(500, cancellationToken);
                    _process.Dispose();
                    _process = Process.Start(start) ?? throw new InvalidOperationException("The gateway process did not start.");
                    continue;
                }

                throw new InvalidOperationException($"The gateway exited with {_process.ExitCode} while starting:{Environment.NewLine}{tail}");
            }

            try
            {
                using var live = await _probe.GetAsync(new Uri(BaseAddress, "/health/live"), cancellationToken);
                if (live.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Probe timed out on a busy machine.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The gateway did not answer /health/live within {StartTimeout}:{Environment.NewLine}{await TailAsync()}");
    }

    /// <summary>SIGKILL, then wait until the process is really gone.</summary>
    public void Kill()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        _process.Kill();
        _process.WaitForExit();
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> TailAsync()
    {
        if (!File.Exists(LogFile))
        {
            return "(no log)";
        }

        var lines = await File.ReadAllLinesAsync(LogFile);
        return string.Join(Environment.NewLine, lines.TakeLast(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        _probe.Dispose();
    }
}
