using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SubmissionGateway.Protection;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.Envelope;
using SubmissionGateway.Protection.Keys;
using SubmissionGateway.Protection.Retention;

namespace SubmissionGateway.Tests.Protection;

/// <summary>The behaviour every <see cref="IAttachmentStore"/> owes; run against the file store and the blob store.</summary>
public abstract class AttachmentStoreContract : IDisposable
{
    private readonly List<LocalKeyRing> _rings = [];

    protected AttachmentStoreContract()
    {
        Folder = new TemporaryFolder();
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    }

    protected TemporaryFolder Folder { get; }

    protected FakeTimeProvider Time { get; }

    protected string KeyFile => Folder.Combine("keys", "kek.json");

    /// <summary>A store over the given key ring; stores created by one test share their storage location.</summary>
    protected abstract Task<IAttachmentStore> CreateStoreAsync(IKeyRing keys);

    protected LocalKeyRing Ring(string? path = null)
    {
        var ring = new LocalKeyRing(path ?? KeyFile, Time);
        _rings.Add(ring);
        return ring;
    }

    public void Dispose()
    {
        foreach (var ring in _rings)
        {
            ring.Dispose();
        }

        Folder.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData((9 * 1024 * 1024) + 3)]
    public async Task Put_then_read_returns_the_plaintext_with_its_size_and_sha256(int length)
    {
        var store = await CreateStoreAsync(Ring());
        var plaintext = SyntheticPayload.Create(length);

        var receipt = await store.PutAsync(new MemoryStream(plaintext), TestContext.Current.CancellationToken);

        receipt.Size.ShouldBe(length);
        receipt.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(plaintext)));
        receipt.KeyId.ShouldEndWith(":v1");
        receipt.StoredAt.ShouldBe(Time.GetUtcNow());
        await using var stream = await store.OpenReadAsync(receipt.Id, TestContext.Current.CancellationToken);
        (await SyntheticPayload.ReadAllAsync(stream)).ShouldBe(plaintext);
    }

    [Fact]
    public async Task Every_put_gets_a_new_random_id()
    {
        var store = await CreateStoreAsync(Ring());

        var first = await store.PutAsync(new MemoryStream([1, 2, 3]), TestContext.Current.CancellationToken);
        var second = await store.PutAsync(new MemoryStream([1, 2, 3]), TestContext.Current.CancellationToken);

        first.Id.ShouldNotBe(second.Id);
        first.Sha256.ShouldBe(second.Sha256);
    }

    [Fact]
    public async Task Opening_an_unknown_id_is_not_found()
    {
        var store = await CreateStoreAsync(Ring());

        await Should.ThrowAsync<AttachmentNotFoundException>(() => store.OpenReadAsync(AttachmentId.New(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Delete_shreds_the_payload_and_is_idempotent()
    {
        var store = await CreateStoreAsync(Ring());
        var kept = await store.PutAsync(new MemoryStream(SyntheticPayload.Create(10)), TestContext.Current.CancellationToken);
        var receipt = await store.PutAsync(new MemoryStream(SyntheticPayload.Create(2000)), TestContext.Current.CancellationToken);

        (await store.DeleteAsync(receipt.Id, TestContext.Current.CancellationToken)).ShouldBeTrue();

        await Should.ThrowAsync<AttachmentNotFoundException>(() => store.OpenReadAsync(receipt.Id, TestContext.Current.CancellationToken));
        (await store.DeleteAsync(receipt.Id, TestContext.Current.CancellationToken)).ShouldBeFalse();
        (await ListAsync(store)).Select(a => a.Id).ShouldBe([kept.Id]);
    }

    [Fact]
    public async Task Rewrap_after_rotation_moves_the_payload_to_the_new_version_and_the_old_version_is_no_longer_needed()
    {
        var ring = Ring();
        var store = await CreateStoreAsync(ring);
        var plaintext = SyntheticPayload.Create(5000);
        var receipt = await store.PutAsync(new MemoryStream(plaintext), TestContext.Current.CancellationToken);
        var rotated = await ring.RotateAsync(TestContext.Current.CancellationToken);

        // Before re-wrapping, the old version still opens it.
        await using (var before = await store.OpenReadAsync(receipt.Id, TestContext.Current.CancellationToken))
        {
            (await SyntheticPayload.ReadAllAsync(before)).ShouldBe(plaintext);
        }

        (await store.RewrapAsync(receipt.Id, TestContext.Current.CancellationToken)).ShouldBe(rotated);
        (await store.RewrapAsync(receipt.Id, TestContext.Current.CancellationToken)).ShouldBe(rotated);
        (await ListAsync(store)).Single().KeyId.ShouldBe(rotated);

        // Retire version 1 from the key file: the payload must now depend on version 2 only.
        var withoutFirst = Folder.Combine("keys", "kek-v2-only.json");
        var json = JsonNode.Parse(await File.ReadAllTextAsync(KeyFile, TestContext.Current.CancellationToken))!;
        json["versions"]!.AsArray().RemoveAt(0);
        File.WriteAllText(withoutFirst, json.ToJsonString());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(withoutFirst, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var retired = await CreateStoreAsync(Ring(withoutFirst));
        await using var after = await retired.OpenReadAsync(receipt.Id, TestContext.Current.CancellationToken);
        (await SyntheticPayload.ReadAllAsync(after)).ShouldBe(plaintext);
    }

    [Fact]
    public async Task Another_key_ring_cannot_open_the_payload()
    {
        var store = await CreateStoreAsync(Ring());
        var receipt = await store.PutAsync(new MemoryStream(SyntheticPayload.Create(100)), TestContext.Current.CancellationToken);
        var stranger = await CreateStoreAsync(Ring(Folder.Combine("other", "kek.json")));

        await Should.ThrowAsync<EnvelopeException>(async () =>
        {
            await using var stream = await stranger.OpenReadAsync(receipt.Id, TestContext.Current.CancellationToken);
            await SyntheticPayload.ReadAllAsync(stream);
        });
    }

    [Fact]
    public async Task Delivery_time_is_listed_and_unknown_ids_are_refused()
    {
        var store = await CreateStoreAsync(Ring());
        var receipt = await store.PutAsync(new MemoryStream(SyntheticPayload.Create(10)), TestContext.Current.CancellationToken);
        var finished = Time.GetUtcNow().AddHours(3);

        await store.MarkDeliveryFinishedAsync(receipt.Id, finished, TestContext.Current.CancellationToken);

        var listed = (await ListAsync(store)).Single();
        listed.DeliveryFinishedAt.ShouldBe(finished);
        listed.StoredAt.ShouldBe(receipt.StoredAt);
        await Should.ThrowAsync<AttachmentNotFoundException>(
            () => store.MarkDeliveryFinishedAsync(AttachmentId.New(), finished, TestContext.Current.CancellationToken));
        // Recording delivery must not disturb the wrapped key.
        await using var stream = await store.OpenReadAsync(receipt.Id, TestContext.Current.CancellationToken);
        (await SyntheticPayload.ReadAllAsync(stream)).Length.ShouldBe(10);
    }

    [Fact]
    public async Task Retention_sweep_shreds_only_payloads_delivered_more_than_the_retention_period_ago()
    {
        var store = await CreateStoreAsync(Ring());
        var retention = new PayloadRetention(
            store, Options.Create(new ProtectionOptions { RetentionDays = 30 }), Time, NullLogger<PayloadRetention>.Instance);
        var old = await store.PutAsync(new MemoryStream(SyntheticPayload.Create(10)), TestContext.Current.CancellationToken);
        var recent = await store.PutAsync(new MemoryStream(SyntheticPayload.Create(10)), TestContext.Current.CancellationToken);
        var pending = await store.PutAsync(new MemoryStream(SyntheticPayload.Create(10)), TestContext.Current.CancellationToken);
        await retention.RecordDeliveryFinishedAsync(old.Id, Time.GetUtcNow(), TestContext.Current.CancellationToken);
        await retention.RecordDeliveryFinishedAsync(recent.Id, Time.GetUtcNow().AddDays(2), TestContext.Current.CancellationToken);

        Time.Advance(TimeSpan.FromDays(30));
        var atThirty = await retention.SweepAsync(TestContext.Current.CancellationToken);
        atThirty.Shredded.ShouldBe(0); // exactly 30 days is not "more than" 30

        Time.Advance(TimeSpan.FromDays(1));
        var first = await retention.SweepAsync(TestContext.Current.CancellationToken);

        first.ShouldBe(new RetentionSweepResult(Time.GetUtcNow().AddDays(-30), 3, 1, 0));
        await Should.ThrowAsync<AttachmentNotFoundException>(() => store.OpenReadAsync(old.Id, TestContext.Current.CancellationToken));
        (await ListAsync(store)).Select(a => a.Id).ShouldBe([recent.Id, pending.Id], ignoreOrder: true);

        Time.Advance(TimeSpan.FromDays(2));
        (await retention.SweepAsync(TestContext.Current.CancellationToken)).Shredded.ShouldBe(1);
        (await ListAsync(store)).Select(a => a.Id).ShouldBe([pending.Id]);
    }

    [Fact]
    public async Task A_payload_being_read_can_still_be_shredded()
    {
        var store = await CreateStoreAsync(Ring());
        var receipt = await store.PutAsync(new MemoryStream(SyntheticPayload.Create(1000)), TestContext.Current.CancellationToken);
        await using var reading = await store.OpenReadAsync(receipt.Id, TestContext.Current.CancellationToken);

        (await store.DeleteAsync(receipt.Id, TestContext.Current.CancellationToken)).ShouldBeTrue();

        await Should.ThrowAsync<AttachmentNotFoundException>(() => store.OpenReadAsync(receipt.Id, TestContext.Current.CancellationToken));
    }

    protected static async Task<List<StoredAttachment>> ListAsync(IAttachmentStore store)
    {
        var items = new List<StoredAttachment>();
        await foreach (var item in store.ListAsync(TestContext.Current.CancellationToken))
        {
            items.Add(item);
        }

        return items;
    }
}
