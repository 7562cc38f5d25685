using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using SubmissionGateway.Cli;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.PhiFields;
using SubmissionGateway.Tests.PhiFields;
using SubmissionGateway.Tests.Protection;

namespace SubmissionGateway.Tests.Disclosures;

/// <summary>Signed tree heads in a real Azurite blob container, as the attachment-store tests run.</summary>
public sealed class BlobTreeHeadArchiveTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncDisposable
{
    private readonly string _containerName = "sgw-heads-" + Guid.NewGuid().ToString("N")[..20];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (azurite.ConnectionString is { } connectionString)
        {
            await new BlobServiceClient(connectionString).GetBlobContainerClient(_containerName).DeleteIfExistsAsync();
        }
    }

    private BlobContainerClient Container() => new BlobServiceClient(azurite.Require()).GetBlobContainerClient(_containerName);

    [Fact]
    public async Task Heads_are_read_back_in_tree_size_order_and_verify_the_ledger()
    {
        var archive = new BlobTreeHeadArchive(Container());
        await using var ledger = await LedgerFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        var publisher = new TreeHeadPublisher(ledger.Database.Factory, archive, ledger.Signer, ledger.Time);

        // Sizes 9 then 10: without zero-padded names the listing would return 10 before 9.
        await ledger.Ledger.RecordDisclosuresAsync(Enumerable.Range(0, 9).Select(n => LedgerFixture.Record(n)).ToList(), Ct);
        (await publisher.PublishAsync(Ct))!.TreeSize.ShouldBe(9);
        await ledger.Ledger.RecordDisclosureAsync(LedgerFixture.Record(9), Ct);
        ledger.Time.Advance(TimeSpan.FromMinutes(5));
        (await publisher.PublishAsync(Ct))!.TreeSize.ShouldBe(10);

        var heads = await ReadAllAsync(archive);
        heads.Select(h => h.TreeSize).ShouldBe([9L, 10L]);
        var result = await LedgerAudit.VerifyAsync(ledger.Database.Factory, archive, ledger.Verifier, Ct);
        result.IsIntact.ShouldBeTrue(result.Problem);
        result.HeadsChecked.ShouldBe(2);
        result.EntriesChecked.ShouldBe(10);
        (await Container().GetAccessPolicyAsync(cancellationToken: Ct)).Value.BlobPublicAccess.ShouldBe(PublicAccessType.None);
    }

    [Fact]
    public async Task A_second_head_of_the_same_size_is_refused_and_the_first_is_kept()
    {
        var archive = new BlobTreeHeadArchive(Container());
        using var signer = new TreeHeadSigner(TreeHeadSigner.CreateKey());
        var first = signer.Sign(5, SHA256.HashData("root-a"u8), new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero));
        var forged = signer.Sign(5, SHA256.HashData("root-b"u8), new DateTimeOffset(2026, 3, 2, 14, 31, 0, TimeSpan.Zero));
        await archive.WriteAsync(first, Ct);

        var refused = await Should.ThrowAsync<TreeHeadAlreadyArchivedException>(() => archive.WriteAsync(forged, Ct));

        refused.Message.ShouldContain("size 5");
        var stored = (await ReadAllAsync(archive)).ShouldHaveSingleItem();
        stored.RootHash.ShouldBe(first.RootHash);
        stored.Signature.ShouldBe(first.Signature);
    }

    [Fact]
    public async Task An_edited_head_blob_fails_verification()
    {
        var archive = new BlobTreeHeadArchive(Container());
        await using var ledger = await LedgerFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        await ledger.Ledger.RecordDisclosuresAsync(Enumerable.Range(0, 4).Select(n => LedgerFixture.Record(n)).ToList(), Ct);
        await new TreeHeadPublisher(ledger.Database.Factory, archive, ledger.Signer, ledger.Time).PublishAsync(Ct);

        // Someone with write access to the storage account replaces the head (bypassing the archive).
        var blob = Container().GetBlobClient("sth-00000000000000000004.json");
        var json = JsonNode.Parse((await blob.DownloadContentAsync(Ct)).Value.Content.ToString())!;
        json["rootHash"] = Convert.ToBase64String(SHA256.HashData("another root"u8));
        await blob.UploadAsync(BinaryData.FromString(json.ToJsonString()), overwrite: true, Ct);

        var result = await LedgerAudit.VerifyAsync(ledger.Database.Factory, archive, ledger.Verifier, Ct);
        result.IsIntact.ShouldBeFalse();
    }

    [Fact]
    public async Task An_absent_container_reads_as_no_heads_and_is_created_private_on_first_write()
    {
        var archive = new BlobTreeHeadArchive(Container());
        (await ReadAllAsync(archive)).ShouldBeEmpty();
        using var signer = new TreeHeadSigner(TreeHeadSigner.CreateKey());

        await archive.WriteAsync(signer.Sign(1, SHA256.HashData("r"u8), DateTimeOffset.UnixEpoch), Ct);

        (await ReadAllAsync(archive)).Single().TreeSize.ShouldBe(1);
        (await Container().GetAccessPolicyAsync(cancellationToken: Ct)).Value.BlobPublicAccess.ShouldBe(PublicAccessType.None);
    }

    [Fact]
    public async Task AddDisclosures_chooses_the_blob_archive_from_options()
    {
        var connectionString = azurite.Require();
        await using var services = Services(o =>
        {
            o.TreeHeadArchive = TreeHeadArchiveKind.AzureBlob;
            o.TreeHeadBlob.ConnectionString = connectionString;
            o.TreeHeadBlob.ContainerName = _containerName;
        });
        var archive = services.GetRequiredService<ITreeHeadArchive>().ShouldBeOfType<BlobTreeHeadArchive>();
        using var signer = new TreeHeadSigner(TreeHeadSigner.CreateKey());

        await archive.WriteAsync(signer.Sign(3, SHA256.HashData("r"u8), DateTimeOffset.UnixEpoch), Ct);

        (await Container().GetBlobClient("sth-00000000000000000003.json").ExistsAsync(Ct)).Value.ShouldBeTrue();
    }

    [Fact]
    public async Task Sgw_ledger_verify_reads_heads_from_the_blob_container()
    {
        var connectionString = azurite.Require();
        await using var ledger = await LedgerFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        await ledger.Ledger.RecordDisclosuresAsync(Enumerable.Range(0, 6).Select(n => LedgerFixture.Record(n)).ToList(), Ct);
        await new TreeHeadPublisher(ledger.Database.Factory, new BlobTreeHeadArchive(Container()), ledger.Signer, ledger.Time).PublishAsync(Ct);
        var keyFile = Path.Combine(ledger.Database.Directory!, "ledger-public.pem");
        await File.WriteAllTextAsync(keyFile, PemEncoding.WriteString("PUBLIC KEY", ledger.Signer.ExportPublicKey()), Ct);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var intact = await RunAsync("ledger", "verify", "--database", ledger.Database.SqlitePath,
            "--heads-blob", connectionString, "--heads-container", _containerName, "--public-key", keyFile);
        var both = await RunAsync("ledger", "verify", "--database", ledger.Database.SqlitePath,
            "--heads", ledger.HeadDirectory, "--heads-blob", connectionString, "--public-key", keyFile);
        var wrongContainer = await RunAsync("ledger", "verify", "--database", ledger.Database.SqlitePath,
            "--heads-blob", connectionString, "--heads-container", "Not_A_Container", "--public-key", keyFile);

        intact.Exit.ShouldBe(0, intact.Err);
        intact.Out.ShouldContain("ledger intact: 6 entries, 1 signed tree heads verified");
        both.Exit.ShouldBe(2);
        both.Err.ShouldContain("exactly one of --heads");
        wrongContainer.Exit.ShouldBe(2);
        wrongContainer.Err.ShouldStartWith("error: ");
        wrongContainer.Err.ShouldNotContain("   at ");
    }

    [Fact]
    public void Blob_archive_options_without_an_account_fail_at_start_up()
    {
        using var services = Services(o => o.TreeHeadArchive = TreeHeadArchiveKind.AzureBlob);

        var failure = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<DisclosureLedgerOptions>>().Value);

        failure.Message.ShouldContain("TreeHeadBlob needs a ConnectionString or a ServiceUri");
    }

    private static ServiceProvider Services(Action<DisclosureLedgerOptions> configure)
    {
        var keys = TestPhiKeys.Create();
        var services = new ServiceCollection();
        services.AddPhiFields(o =>
        {
            o.ActiveKeyId = keys.ActiveKeyId;
            o.EncryptionKeys = keys.EncryptionKeys;
            o.BlindIndexKey = keys.BlindIndexKey;
        });
        services.AddDisclosures(o =>
        {
            o.TreeHeadSigningKey = TreeHeadSigner.CreateKey();
            configure(o);
        });
        return services.BuildServiceProvider();
    }

    private static async Task<List<SignedTreeHead>> ReadAllAsync(ITreeHeadArchive archive)
    {
        var heads = new List<SignedTreeHead>();
        await foreach (var head in archive.ReadAllAsync(Ct))
        {
            heads.Add(head);
        }

        return heads;
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await SgwCommand.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
