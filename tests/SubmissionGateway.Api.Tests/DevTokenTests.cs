extern alias cli;

using System.Net;
using System.Net.Http.Headers;
using Shouldly;
using SgwCommand = cli::SubmissionGateway.Cli.SgwCommand;

namespace SubmissionGateway.Api.Tests;

/// <summary><c>sgw dev-token</c> against the real API: its tokens open exactly what their role allows.</summary>
public sealed class DevTokenTests(GatewayApiFactory factory) : IClassFixture<GatewayApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_submitter_dev_token_can_post_the_sample()
    {
        using var client = factory.CreateClient();
        var (exit, token, _) = await SgwAsync("dev-token", "--role", "submitter", "--submitter-id", Samples.OfficeVisitSubmitter, "--data-folder", factory.DataFolder);
        exit.ShouldBe(0);
        token.Split('.').Length.ShouldBe(3);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Samples.OfficeVisit, Ct));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/edi-x12");
        using var response = await client.PostAsync(new Uri("/submissions", UriKind.Relative), content, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        using var client = factory.CreateClient();
        var other = Path.Combine(Path.GetTempPath(), "sgw-api-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, token, _) = await SgwAsync("dev-token", "--role", "submitter", "--submitter-id", Samples.OfficeVisitSubmitter, "--data-folder", other);
            exit.ShouldBe(0);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.GetAsync(new Uri("/submissions/anything", UriKind.Relative), Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    [Theory]
    [InlineData("--role", "submitter")]
    [InlineData("--role", "superuser")]
    [InlineData("--role", "coder", "--minutes", "600")]
    public async Task A_bad_request_for_a_token_is_a_usage_error(params string[] args)
    {
        var (exit, token, error) = await SgwAsync(["dev-token", .. args, "--data-folder", factory.DataFolder]);
        exit.ShouldBe(2);
        token.ShouldBeEmpty();
        error.ShouldStartWith("sgw");
    }

    [Fact]
    public async Task The_generated_keys_are_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes only.");
        }

        using var _ = factory.CreateClient();
        var keys = Directory.GetFiles(Path.Combine(factory.DataFolder, "keys"));
        keys.Length.ShouldBeGreaterThanOrEqualTo(4);
        const UnixFileMode exposed = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        #pragma warning disable CA1416 // Windows returned above.
        keys.ShouldAllBe(k => (File.GetUnixFileMode(k) & exposed) == 0);
#pragma warning restore CA1416
    }

    private static async Task<(int Exit, string Out, string Error)> SgwAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await SgwCommand.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString().Trim(), stderr.ToString().Trim());
    }
}
