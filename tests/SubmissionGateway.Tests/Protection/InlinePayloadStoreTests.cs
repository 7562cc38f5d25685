using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.Envelope;
using SubmissionGateway.Protection.Keys;
using SubmissionGateway.Protection.Retention;
using SubmissionGateway.Tests.Persistence;

namespace SubmissionGateway.Tests.Protection;

/// <summary>Small payloads sealed in the database: found, shredded, rotated and expired like the files beside them.</summary>
public sealed class InlinePayloadStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 8, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_committed_draft_reads_back_as_its_plaintext_and_is_listed_while_the_file_store_stays_empty(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await Setup.CreateAsync(provider, ct);
        var plaintext = SyntheticPayload.Create(5_000);

        var draft = await setup.Store.SealAsync(plaintext, deliveryFinishedAt: Now, ct);
        await setup.CommitAsync(draft, ct);

        draft.Receipt.Size.ShouldBe(5_000);
        draft.Receipt.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(plaintext)));
        draft.Row.Envelope.ShouldNotBe(plaintext);
        (await setup.ReadAsync(draft.Receipt.Id, ct)).ShouldBe(plaintext);
        var listed = (await setup.ListAsync(setup.Store, ct)).ShouldHaveSingleItem();
        listed.Id.ShouldBe(draft.Receipt.Id);
        listed.KeyId.ShouldBe(draft.Receipt.KeyId);
        listed.DeliveryFinishedAt.ShouldBe(Now);
        (await setup.ListAsync(setup.Files, ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_draft_whose_transaction_never_committed_does_not_exist()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await Setup.CreateAsync(DatabaseProvider.Sqlite, ct);

        var draft = await setup.Store.SealAsync(SyntheticPayload.Create(100), deliveryFinishedAt: null, ct);

        await Should.ThrowAsync<AttachmentNotFoundException>(() => setup.Store.OpenReadAsync(draft.Receipt.Id, ct));
        (await setup.Store.DeleteAsync(draft.Receipt.Id, ct)).ShouldBeFalse();
        (await setup.ListAsync(setup.Store, ct)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Delete_removes_the_row_and_its_wrapped_key_and_leaves_the_file_store_alone(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await Setup.CreateAsync(provider, ct);
        var inline = await setup.Store.SealAsync(SyntheticPayload.Create(300), deliveryFinishedAt: null, ct);
        await setup.CommitAsync(inline, ct);
        var file = await setup.Store.PutAsync(new MemoryStream(SyntheticPayload.Create(400)), ct);

        (await setup.Store.DeleteAsync(inline.Receipt.Id, ct)).ShouldBeTrue();

        await Should.ThrowAsync<AttachmentNotFoundException>(() => setup.Store.OpenReadAsync(inline.Receipt.Id, ct));
        await using (var db = setup.Database.Factory.CreateDbContext())
        {
            (await db.Set<InlinePayload>().CountAsync(ct)).ShouldBe(0);
        }

        (await setup.ListAsync(setup.Store, ct)).Select(s => s.Id).ShouldBe([file.Id]);
        (await setup.Store.DeleteAsync(file.Id, ct)).ShouldBeTrue();
        (await setup.ListAsync(setup.Files, ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_deleted_inline_payload_leaves_no_copy_of_its_envelope_in_the_sqlite_file_once_checkpointed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await Setup.CreateAsync(DatabaseProvider.Sqlite, ct);
        var draft = await setup.Store.SealAsync(SyntheticPayload.Create(3_000), deliveryFinishedAt: null, ct);
        await setup.CommitAsync(draft, ct);
        // The envelope's last 64 bytes: ciphertext and tag, found nowhere else.
        var marker = draft.Row.Envelope[^64..];
        await setup.CheckpointAsync(ct);
        (await setup.DatabaseFileContainsAsync(marker, ct)).ShouldBeTrue("the envelope is in the database file before the delete");

        (await setup.Store.DeleteAsync(draft.Receipt.Id, ct)).ShouldBeTrue();
        await setup.CheckpointAsync(ct);

        (await setup.DatabaseFileContainsAsync(marker, ct)).ShouldBeFalse("secure_delete zeroes the freed content");
    }

    [Fact]
    public async Task Rotation_rewraps_an_inline_payload_under_the_new_key_version_and_it_still_reads()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await Setup.CreateAsync(DatabaseProvider.Sqlite, ct);
        var plaintext = SyntheticPayload.Create(2_000);
        var draft = await setup.Store.SealAsync(plaintext, deliveryFinishedAt: null, ct);
        await setup.CommitAsync(draft, ct);

        var newKey = await setup.Ring.RotateAsync(ct);
        (await setup.Store.RewrapAsync(draft.Receipt.Id, ct)).ShouldBe(newKey);

        newKey.ShouldNotBe(draft.Receipt.KeyId);
        (await setup.ListAsync(setup.Store, ct)).ShouldHaveSingleItem().KeyId.ShouldBe(newKey);
        await using (var db = setup.Database.Factory.CreateDbContext())
        {
            var envelope = (await db.Set<InlinePayload>().SingleAsync(ct)).Envelope;
            (await EnvelopeReader.ReadHeaderAsync(new MemoryStream(envelope), ct)).KeyId.ShouldBe(newKey);
        }

        (await setup.ReadAsync(draft.Receipt.Id, ct)).ShouldBe(plaintext);
    }

    [Fact]
    public async Task Retention_shreds_an_inline_payload_once_its_delivery_finished_long_enough_ago()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await Setup.CreateAsync(DatabaseProvider.Sqlite, ct);
        var delivered = await setup.Store.SealAsync(SyntheticPayload.Create(100), deliveryFinishedAt: null, ct);
        var pending = await setup.Store.SealAsync(SyntheticPayload.Create(100, seed: 2), deliveryFinishedAt: null, ct);
        await setup.CommitAsync(delivered, ct);
        await setup.CommitAsync(pending, ct);

        await setup.Store.MarkDeliveryFinishedAsync(delivered.Receipt.Id, Now, ct);
        var time = new FakeTimeProvider(Now.AddDays(30).AddSeconds(1));
        var retention = new PayloadRetention(setup.Store, Options.Create(new ProtectionOptions { RetentionDays = 30 }), time, NullLogger<PayloadRetention>.Instance);

        (await retention.SweepAsync(ct)).Shredded.ShouldBe(1);
        (await setup.ListAsync(setup.Store, ct)).Select(s => s.Id).ShouldBe([pending.Receipt.Id]);
    }

    [Fact]
    public async Task An_altered_envelope_in_the_database_fails_authentication_instead_of_reading_back()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await Setup.CreateAsync(DatabaseProvider.Sqlite, ct);
        var draft = await setup.Store.SealAsync(SyntheticPayload.Create(1_000), deliveryFinishedAt: null, ct);
        draft.Row.Envelope[^20] ^= 0x01;
        await setup.CommitAsync(draft, ct);

        Exception? failure = null;
        try
        {
            await setup.ReadAsync(draft.Receipt.Id, ct);
        }
        catch (Exception e)
        {
            failure = e;
        }

        failure.ShouldNotBeNull("an altered envelope must not read back");
        (failure is CryptographicException or EnvelopeException).ShouldBeTrue(failure.GetType().Name);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Reading_together_decrypts_the_batchs_inline_payloads_and_leaves_out_files_altered_rows_and_unknown_ids(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await Setup.CreateAsync(provider, ct);
        var first = SyntheticPayload.Create(1_500);
        var second = SyntheticPayload.Create(700, seed: 2);
        var a = await setup.Store.SealAsync(first, deliveryFinishedAt: null, ct);
        var b = await setup.Store.SealAsync(second, deliveryFinishedAt: null, ct);
        var altered = await setup.Store.SealAsync(SyntheticPayload.Create(900, seed: 3), deliveryFinishedAt: null, ct);
        altered.Row.Envelope[^20] ^= 0x01;
        await setup.CommitAsync(a, ct);
        await setup.CommitAsync(b, ct);
        await setup.CommitAsync(altered, ct);
        var file = await setup.Files.PutAsync(new MemoryStream(SyntheticPayload.Create(800, seed: 4)), ct);

        var read = await setup.Store.ReadTogetherAsync([a.Receipt.Id, b.Receipt.Id, altered.Receipt.Id, file.Id, AttachmentId.New()], ct);

        read.Keys.ShouldBe([a.Receipt.Id, b.Receipt.Id], ignoreOrder: true);
        read[a.Receipt.Id].ShouldBe(first);
        read[b.Receipt.Id].ShouldBe(second);
    }

    [Fact]
    public async Task Inline_ids_sort_in_creation_order_yet_differ_in_their_random_part()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var setup = await Setup.CreateAsync(DatabaseProvider.Sqlite, ct);
        var clock = new FakeTimeProvider(Now);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(AttachmentId.NewInCreationOrder(clock).Value);
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        var sameMillisecond = AttachmentId.NewInCreationOrder(clock).Value;
        var again = AttachmentId.NewInCreationOrder(clock).Value;

        ids.ShouldBe([.. ids.Order(StringComparer.Ordinal)]);
        ids.ShouldAllBe(id => id.Length == 32);
        ids.ForEach(id => AttachmentId.Parse(id));
        // The first 12 hex digits are the time; the other 20 (80 bits) are random.
        ids[0][..12].ShouldBe(Now.ToUnixTimeMilliseconds().ToString("x12", System.Globalization.CultureInfo.InvariantCulture));
        sameMillisecond[..12].ShouldBe(again[..12]);
        sameMillisecond[12..].ShouldNotBe(again[12..]);
        var draft = await setup.Store.SealAsync(SyntheticPayload.Create(10), deliveryFinishedAt: null, ct);
        draft.Receipt.Id.Value[..12].ShouldBe(ids[0][..12]);
    }

    [Fact]
    public async Task Registration_wraps_the_configured_store_once_and_both_service_types_resolve_to_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, ct);
        using var folder = new TemporaryFolder();
        var services = new ServiceCollection();
        services.AddSingleton<IDbContextFactory<GatewayDbContext>>(database.Factory);
        services.AddSingleton(TimeProvider.System);
        using var ring = new LocalKeyRing(folder.Combine("kek.json"), TimeProvider.System);
        services.AddSingleton<IKeyRing>(ring);
        services.AddSingleton<IAttachmentStore>(_ => new FileAttachmentStore(folder.Combine("data"), ring, TimeProvider.System));

        services.AddInlinePayloads().AddInlinePayloads();
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IAttachmentStore>();
        var inline = store.ShouldBeOfType<InlinePayloadStore>();
        inline.Outer.ShouldBeOfType<FileAttachmentStore>();
        provider.GetRequiredService<InlinePayloadStore>().ShouldBeSameAs(inline);
    }

    private sealed class Setup : IAsyncDisposable
    {
        private readonly TemporaryFolder _folder = new();

        private Setup(TestDatabase database)
        {
            Database = database;
            Ring = new LocalKeyRing(_folder.Combine("keys", "kek.json"), TimeProvider.System);
            Files = new FileAttachmentStore(_folder.Combine("data"), Ring, TimeProvider.System);
            Store = new InlinePayloadStore(Files, database.Factory, Ring, new FakeTimeProvider(Now));
        }

        public TestDatabase Database { get; }

        public LocalKeyRing Ring { get; }

        public FileAttachmentStore Files { get; }

        public InlinePayloadStore Store { get; }

        public static async Task<Setup> CreateAsync(DatabaseProvider provider, CancellationToken ct) => new(await TestDatabase.CreateAsync(provider, ct));

        /// <summary>What a caller does with a draft: adds its row to its own transaction and commits.</summary>
        public async Task CommitAsync(InlinePayloadDraft draft, CancellationToken ct)
        {
            await using var db = Database.Factory.CreateDbContext();
            db.Set<InlinePayload>().Add(draft.Row);
            await db.SaveChangesAsync(ct);
        }

        /// <summary>Moves the write-ahead log into the database file and empties the log.</summary>
        public async Task CheckpointAsync(CancellationToken ct)
        {
            await using var db = Database.Factory.CreateDbContext();
            await db.Database.OpenConnectionAsync(ct);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync(ct);
        }

        public async Task<bool> DatabaseFileContainsAsync(byte[] marker, CancellationToken ct)
        {
            var bytes = await File.ReadAllBytesAsync(Database.SqlitePath, ct);
            return bytes.AsSpan().IndexOf(marker) >= 0;
        }

        public async Task<byte[]> ReadAsync(AttachmentId id, CancellationToken ct)
        {
            await using var stream = await Store.OpenReadAsync(id, ct);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct);
            return buffer.ToArray();
        }

        public async Task<List<StoredAttachment>> ListAsync(IAttachmentStore store, CancellationToken ct)
        {
            var all = new List<StoredAttachment>();
            await foreach (var stored in store.ListAsync(ct))
            {
                all.Add(stored);
            }

            return all;
        }

        public async ValueTask DisposeAsync()
        {
            Ring.Dispose();
            await Database.DisposeAsync();
            _folder.Dispose();
        }
    }
}
