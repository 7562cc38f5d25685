using System.Diagnostics;
using System.Text.RegularExpressions;
using Shouldly;

namespace SubmissionGateway.Tests.Infrastructure;

/// <summary>
/// The container image definition (no Docker engine is needed: the Dockerfile is read as text) and its entrypoint,
/// which both the image and infra/local/run-published.sh use, run for real.
/// </summary>
public sealed partial class ContainerImageTests
{
    private static readonly string Root = BicepBuild.RepositoryRoot();
    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(Root, "infra", "docker", "Dockerfile"));

    [Fact]
    public void Runtime_stage_runs_as_a_non_root_user_with_a_health_check()
    {
        var runtime = Dockerfile[Dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        runtime.ShouldContain("mcr.microsoft.com/dotnet/aspnet:");

        var user = UserLine().Match(runtime);
        user.Success.ShouldBeTrue("the runtime stage needs a USER");
        var uid = user.Groups[1].Value == "${APP_UID}" ? ArgDefault(runtime, "APP_UID") : user.Groups[1].Value;
        int.Parse(uid, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);

        // The probe the HEALTHCHECK runs is the one the HealthProbe project publishes.
        runtime.ShouldContain("HEALTHCHECK");
        runtime.ShouldContain("/probe/sgw-health-probe.dll");
        File.ReadAllText(Path.Combine(Root, "infra", "docker", "HealthProbe", "SubmissionGateway.HealthProbe.csproj"))
            .ShouldContain("<AssemblyName>sgw-health-probe</AssemblyName>");
    }

    [Fact]
    public void Data_folder_is_the_only_volume_and_matches_what_Azure_sets()
    {
        Dockerfile.ShouldContain("VOLUME /data");
        Dockerfile.ShouldContain("Protection__DataFolder=/data");
        Dockerfile.ShouldContain("Transport__HttpsPort=8443");

        var containerApp = File.ReadAllText(Path.Combine(Root, "infra", "azure", "modules", "containerapp.bicep"));
        containerApp.ShouldContain("mountPath: '/data'");
        containerApp.ShouldContain("var httpsPort = 8443");
        File.ReadAllText(Path.Combine(Root, "infra", "azure", "main.bicep")).ShouldContain("Protection__DataFolder: '/data'");
    }

    [Fact]
    public void Build_context_leaves_out_keys_and_build_output()
    {
        var ignored = File.ReadAllLines(Path.Combine(Root, ".dockerignore"));
        ignored.ShouldContain("**/bin/");
        ignored.ShouldContain("**/obj/");
        ignored.ShouldContain("**/*.pfx");
        ignored.ShouldContain("**/*.key");
        ignored.ShouldContain(".git/");
    }

    [Fact]
    public async Task Entrypoint_decodes_the_TLS_certificate_owner_only_and_points_Kestrel_at_it()
    {
        SkipUnlessUnix();
        using var folder = new TemporaryFolder();
        var pfx = new byte[] { 0x30, 0x82, 0x01, 0x02, 0x03, 0xFF, 0x00, 0x7F };

        // A stand-in "app" that prints the certificate path it was given, so the test needs no published gateway.
        var app = Path.Combine(folder.Path, "app");
        Directory.CreateDirectory(app);
        var (exitCode, output) = await RunEntrypointAsync(folder.Path, Convert.ToBase64String(pfx), app);

        var written = Path.Combine(folder.Path, "data", "tls", "operator.pfx");
        File.ReadAllBytes(written).ShouldBe(pfx);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(written).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        output.ShouldContain(Path.Combine(app, "SubmissionGateway.Api.dll"), customMessage: "the entrypoint execs the published gateway");
        exitCode.ShouldNotBe(64);
    }

    [Fact]
    public async Task Entrypoint_refuses_a_certificate_that_is_not_base64_and_leaves_nothing_behind()
    {
        SkipUnlessUnix();
        using var folder = new TemporaryFolder();
        var (exitCode, output) = await RunEntrypointAsync(folder.Path, "not*base64!", Path.Combine(folder.Path, "app"));

        exitCode.ShouldBe(64);
        output.ShouldContain("SGW_TLS_PFX_BASE64 is not valid base64");
        Directory.EnumerateFiles(Path.Combine(folder.Path, "data", "tls")).ShouldBeEmpty();
    }

    private static async Task<(int ExitCode, string Output)> RunEntrypointAsync(string folder, string certificate, string appDir)
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Root, "infra", "docker", "entrypoint.sh"));
        start.Environment["SGW_TLS_PFX_BASE64"] = certificate;
        start.Environment["SGW_APP_DIR"] = appDir;
        start.Environment["Protection__DataFolder"] = Path.Combine(folder, "data");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string ArgDefault(string stage, string name) =>
        Regex.Match(stage, $@"ARG {name}=(\d+)").Groups[1].Value;

    private static void SkipUnlessUnix()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("The entrypoint is a POSIX shell script.");
        }
    }

    [GeneratedRegex(@"\nUSER ([^:\s]+)")]
    private static partial Regex UserLine();

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("sgw-entrypoint-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
