using Shouldly;
using SubmissionGateway.Cli;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.Keys;

namespace SubmissionGateway.Tests.Protection;

public sealed class KeysRotateCommandTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string DataFolder => _folder.Combine("data");

    private string KeyFile => Path.Combine(DataFolder, "keys", "kek.json");

    [Fact]
    public async Task Rotate_adds_a_version_and_rewraps_stored_payloads_which_still_read()
    {
        var plaintext = SyntheticPayload.Create(10_000);
        AttachmentReceipt receipt;
        using (var ring = new LocalKeyRing(KeyFile, TimeProvider.System))
        {
            receipt = await new FileAttachmentStore(DataFolder, ring, TimeProvider.System)
                .PutAsync(new MemoryStream(plaintext), TestContext.Current.CancellationToken);
        }

        var (exit, stdout, stderr) = await RunAsync("keys", "rotate", "--data-folder", DataFolder);

        exit.ShouldBe(0, stderr);
        stdout.ShouldContain(":v2");
        stdout.ShouldContain("Re-wrapped 1 stored payload(s)");
        using var reopened = new LocalKeyRing(KeyFile, TimeProvider.System);
        var store = new FileAttachmentStore(DataFolder, reopened, TimeProvider.System);
        await foreach (var item in store.ListAsync(TestContext.Current.CancellationToken))
        {
            item.KeyId.ShouldEndWith(":v2");
        }

        await using var stream = await store.OpenReadAsync(receipt.Id, TestContext.Current.CancellationToken);
        (await SyntheticPayload.ReadAllAsync(stream)).ShouldBe(plaintext);
    }

    [Fact]
    public async Task Rotate_also_rewraps_the_small_payloads_the_gateway_keeps_in_its_embedded_database()
    {
        var ct = TestContext.Current.CancellationToken;
        var plaintext = SyntheticPayload.Create(2_000);
        var database = new SubmissionGateway.Persistence.GatewayDbContextFactory(new SubmissionGateway.Persistence.PersistenceOptions
        {
            Provider = SubmissionGateway.Persistence.DatabaseProvider.Sqlite,
            ConnectionString = $"Data Source={Path.Combine(DataFolder, "gateway.db")};Pooling=False",
        });
        Directory.CreateDirectory(DataFolder);
        await SubmissionGateway.Persistence.GatewayDatabase.MigrateAsync(database, ct);
        AttachmentReceipt receipt;
        using (var ring = new LocalKeyRing(KeyFile, TimeProvider.System))
        {
            var inline = new InlinePayloadStore(new FileAttachmentStore(DataFolder, ring, TimeProvider.System), database, ring, TimeProvider.System);
            var draft = await inline.SealAsync(plaintext, deliveryFinishedAt: null, ct);
            await using (var db = database.CreateDbContext())
            {
                db.Set<InlinePayload>().Add(draft.Row);
                await db.SaveChangesAsync(ct);
            }

            receipt = draft.Receipt;
        }

        var (exit, stdout, stderr) = await RunAsync("keys", "rotate", "--data-folder", DataFolder);

        exit.ShouldBe(0, stderr);
        stdout.ShouldContain("Re-wrapped 1 stored payload(s)");
        using var reopened = new LocalKeyRing(KeyFile, TimeProvider.System);
        var store = new InlinePayloadStore(new FileAttachmentStore(DataFolder, reopened, TimeProvider.System), database, reopened, TimeProvider.System);
        await foreach (var item in store.ListAsync(ct))
        {
            item.KeyId.ShouldEndWith(":v2");
        }

        await using var stream = await store.OpenReadAsync(receipt.Id, ct);
        (await SyntheticPayload.ReadAllAsync(stream)).ShouldBe(plaintext);
    }

    [Fact]
    public async Task Rotate_on_a_fresh_data_folder_creates_the_key_file()
    {
        var (exit, stdout, stderr) = await RunAsync("keys", "rotate", "--data-folder", DataFolder);

        exit.ShouldBe(0, stderr);
        stdout.ShouldContain(":v2");
        stdout.ShouldContain("Re-wrapped 0 stored payload(s)");
        File.Exists(KeyFile).ShouldBeTrue();
    }

    [Fact]
    public async Task No_rewrap_leaves_payloads_on_the_old_version()
    {
        using (var ring = new LocalKeyRing(KeyFile, TimeProvider.System))
        {
            await new FileAttachmentStore(DataFolder, ring, TimeProvider.System)
                .PutAsync(new MemoryStream([1, 2, 3]), TestContext.Current.CancellationToken);
        }

        var (exit, stdout, _) = await RunAsync("keys", "rotate", "--data-folder", DataFolder, "--no-rewrap");

        exit.ShouldBe(0);
        stdout.ShouldNotContain("Re-wrapped");
        using var reopened = new LocalKeyRing(KeyFile, TimeProvider.System);
        await foreach (var item in new FileAttachmentStore(DataFolder, reopened, TimeProvider.System).ListAsync(TestContext.Current.CancellationToken))
        {
            item.KeyId.ShouldEndWith(":v1");
        }
    }

    [Fact]
    public async Task Json_names_the_new_version_and_how_many_payloads_moved()
    {
        using (var ring = new LocalKeyRing(KeyFile, TimeProvider.System))
        {
            await new FileAttachmentStore(DataFolder, ring, TimeProvider.System)
                .PutAsync(new MemoryStream([1, 2, 3]), TestContext.Current.CancellationToken);
        }

        var (exit, stdout, stderr) = await RunAsync("keys", "rotate", "--data-folder", DataFolder, "--json");

        exit.ShouldBe(0, stderr);
        using var json = System.Text.Json.JsonDocument.Parse(stdout);
        json.RootElement.GetProperty("keyId").GetString().ShouldEndWith(":v2");
        json.RootElement.GetProperty("rewrapped").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task An_exposed_key_file_is_a_clear_error_without_a_stack_trace()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix permissions only.");
            return;
        }

        using (var ring = new LocalKeyRing(KeyFile, TimeProvider.System))
        {
            await ring.EnsureReadyAsync(TestContext.Current.CancellationToken);
        }

        File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var before = await File.ReadAllTextAsync(KeyFile, TestContext.Current.CancellationToken);

        var (exit, _, stderr) = await RunAsync("keys", "rotate", "--data-folder", DataFolder);

        exit.ShouldBe(1);
        stderr.ShouldContain("chmod 600");
        stderr.ShouldNotContain(" at ");
        (await File.ReadAllTextAsync(KeyFile, TestContext.Current.CancellationToken)).ShouldBe(before);
    }

    [Fact]
    public async Task Invalid_settings_are_reported_by_name()
    {
        var settings = _folder.Combine("appsettings.json");
        await File.WriteAllTextAsync(settings, """{ "Protection": { "DataFolder": "x", "RetentionDays": 0 } }""", TestContext.Current.CancellationToken);

        var (exit, _, stderr) = await RunAsync("keys", "rotate", "--config", settings);

        exit.ShouldBe(1);
        stderr.ShouldContain("RetentionDays");
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await SgwCommand.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
