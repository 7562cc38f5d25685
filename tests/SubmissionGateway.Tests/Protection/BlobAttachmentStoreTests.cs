using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Shouldly;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.Envelope;
using SubmissionGateway.Protection.Keys;

namespace SubmissionGateway.Tests.Protection;

public sealed class BlobAttachmentStoreTests(AzuriteFixture azurite) : AttachmentStoreContract, IClassFixture<AzuriteFixture>, IAsyncDisposable
{
    private readonly string _containerName = "sgw-test-" + Guid.NewGuid().ToString("N")[..20];

    public async ValueTask DisposeAsync()
    {
        // A shared Azurite (SGW_TEST_AZURITE) outlives the tests: leave no synthetic payloads behind.
        if (azurite.ConnectionString is { } connectionString)
        {
            await new BlobServiceClient(connectionString).GetBlobContainerClient(_containerName).DeleteIfExistsAsync();
        }
    }

    protected override async Task<IAttachmentStore> CreateStoreAsync(IKeyRing keys)
    {
        var store = new BlobAttachmentStore(Container(), keys, Time);
        await store.EnsureContainerAsync(TestContext.Current.CancellationToken);
        return store;
    }

    [Fact]
    public async Task The_container_is_private_and_blob_metadata_holds_no_phi()
    {
        var store = await CreateStoreAsync(Ring());
        var plaintext = "NM1*QC*1*SYNTHETIC*JANE****MI*W000000001"u8.ToArray();

        var receipt = await store.PutAsync(new MemoryStream(plaintext), TestContext.Current.CancellationToken);

        var container = Container();
        (await container.GetAccessPolicyAsync(cancellationToken: TestContext.Current.CancellationToken)).Value.BlobPublicAccess.ShouldBe(PublicAccessType.None);
        var blob = container.GetBlobClient(receipt.Id.Value);
        var properties = (await blob.GetPropertiesAsync(cancellationToken: TestContext.Current.CancellationToken)).Value;
        properties.Metadata.Keys.ShouldBe(["encryptiondata", "sgwstoredat"], ignoreOrder: true);
        using var encryption = JsonDocument.Parse(properties.Metadata["encryptiondata"]);
        encryption.RootElement.GetProperty("EncryptionAgent").GetProperty("Protocol").GetString().ShouldBe("2.0");
        encryption.RootElement.GetProperty("WrappedContentKey").GetProperty("KeyId").GetString().ShouldBe(receipt.KeyId);
        // Read without client-side decryption: the stored bytes are ciphertext.
        var raw = (await blob.DownloadContentAsync(TestContext.Current.CancellationToken)).Value.Content.ToArray();
        raw.AsSpan().IndexOf("SYNTHETIC"u8).ShouldBe(-1);
        raw.Length.ShouldBe(12 + plaintext.Length + 16);
    }

    [Fact]
    public async Task A_container_open_to_anonymous_reads_is_refused()
    {
        azurite.Require();
        var container = Container();
        await container.CreateAsync(PublicAccessType.Blob, cancellationToken: TestContext.Current.CancellationToken);
        var store = new BlobAttachmentStore(container, Ring(), Time);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => store.EnsureContainerAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain("anonymous");
    }

    [Fact]
    public async Task A_byte_flipped_in_the_stored_blob_is_detected_when_reading()
    {
        var store = await CreateStoreAsync(Ring());
        var receipt = await store.PutAsync(new MemoryStream(SyntheticPayload.Create(3000)), TestContext.Current.CancellationToken);
        var blob = Container().GetBlobClient(receipt.Id.Value);
        var properties = (await blob.GetPropertiesAsync(cancellationToken: TestContext.Current.CancellationToken)).Value;
        var raw = (await blob.DownloadContentAsync(TestContext.Current.CancellationToken)).Value.Content.ToArray();
        raw[100] ^= 0x04;
        await blob.UploadAsync(new BinaryData(raw), new BlobUploadOptions { Metadata = properties.Metadata }, TestContext.Current.CancellationToken);

        var released = new MemoryStream();
        await Should.ThrowAsync<EnvelopeException>(async () =>
        {
            await using var stream = await store.OpenReadAsync(receipt.Id, TestContext.Current.CancellationToken);
            await stream.CopyToAsync(released, TestContext.Current.CancellationToken);
        });

        released.Length.ShouldBe(0);
    }

    private BlobContainerClient Container() => new BlobServiceClient(azurite.Require()).GetBlobContainerClient(_containerName);
}
