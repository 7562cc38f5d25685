using System.Diagnostics;
using System.Text.Json.Nodes;

namespace SubmissionGateway.Tests.Infrastructure;

/// <summary>
/// Runs infra/azure/validate.sh once for the test class: it restores the Bicep CLI from NuGet, lints every
/// template and compiles main.bicep to ARM JSON, which the tests then read.
/// </summary>
public sealed class BicepBuild : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);
    private string? _output;

    public int ExitCode { get; private set; } = -1;

    public string Log { get; private set; } = "";

    /// <summary>The compiled ARM template of main.bicep (null when the build failed).</summary>
    public JsonObject? Template { get; private set; }

    /// <summary>Set when this machine cannot run the script at all (not Linux).</summary>
    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            Unavailable = "The Bicep CLI package restored here is the linux-x64 one.";
            return;
        }

        _output = Directory.CreateTempSubdirectory("sgw-bicep-").FullName;
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot(),
        };
        start.ArgumentList.Add(Path.Combine("infra", "azure", "validate.sh"));
        start.ArgumentList.Add("--out");
        start.ArgumentList.Add(_output);
        // The test host's MSBuild variables would point the script's `dotnet restore` at the wrong SDK pieces.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"validate.sh ran longer than {Limit}.");
        }

        ExitCode = process.ExitCode;
        Log = await stdout + await stderr;
        var main = Path.Combine(_output, "main.json");
        if (File.Exists(main))
        {
            Template = JsonNode.Parse(await File.ReadAllTextAsync(main))!.AsObject();
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_output is not null && Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The ARM parameters compiled from environments/{name}.bicepparam.</summary>
    public JsonObject Parameters(string environment)
    {
        var path = Path.Combine(_output ?? throw new InvalidOperationException("Not built."), environment + ".parameters.json");
        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SubmissionGateway.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (SubmissionGateway.sln) was not found.");
    }
}
