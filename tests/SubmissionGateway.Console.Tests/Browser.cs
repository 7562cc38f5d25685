using Microsoft.Playwright;

namespace SubmissionGateway.Console.Tests;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright. Missing Chromium skips the tests on a workstation and fails
/// them in CI (SGW_REQUIRE_SERVICES=1), where infra/local/test.sh installs it.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    /// <summary>Debian's Chromium; <c>SGW_CHROMIUM</c> points elsewhere (another build, or a missing path to see the tests refuse to pass).</summary>
    public static string ChromiumPath { get; } = Environment.GetEnvironmentVariable("SGW_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser? Chromium { get; private set; }

    public string? Missing { get; private set; }

    /// <summary>Where each page's screenshot is kept: $SGW_ARTIFACTS/console-screenshots, else TestResults/console-screenshots.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("SGW_ARTIFACTS") is { Length: > 0 } artifacts
            ? artifacts
            : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TestResults")),
        "console-screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Missing = $"Chromium is not installed at {ChromiumPath} (apt-get install -y chromium).";
            return;
        }

        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--no-first-run",
                "--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider",
            ],
        });
    }

    /// <summary>A fresh profile (no cookies) that trusts the gateway's self-signed certificate.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        if (Chromium is null)
        {
            if (Environment.GetEnvironmentVariable("SGW_REQUIRE_SERVICES") == "1")
            {
                Assert.Fail(Missing ?? "Chromium did not start.");
            }

            Assert.Skip(Missing ?? "Chromium did not start.");
        }

        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true, AcceptDownloads = true });
        // CI runs every test assembly at once on two cores: a page load once took longer than Playwright's 30 s default
        // there (a sign-in timed out in WaitForURL). A real failure still fails, a minute later.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
