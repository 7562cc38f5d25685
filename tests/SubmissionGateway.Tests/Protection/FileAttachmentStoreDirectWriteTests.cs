using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.Envelope;
using SubmissionGateway.Protection.Keys;

namespace SubmissionGateway.Tests.Protection;

/// <summary>
/// The file store with and without direct writes: every size around the block, staging and region boundaries reads
/// back whole through the ordinary reader, and both ways give files of the same length (same envelope, no padding).
/// </summary>
public sealed class FileAttachmentStoreDirectWriteTests : IDisposable
{
    private const int Region = 4 * 1024 * 1024;
    private const int Staging = AlignedBlockBuffer.DefaultSize;

    private readonly TemporaryFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly LocalKeyRing _keys;

    public FileAttachmentStoreDirectWriteTests()
    {
        _keys = new LocalKeyRing(_folder.Combine("keys", "kek.json"), _time);
    }

    public static TheoryData<int> Sizes() =>
    [
        0, 1, 4095, 4096, 4097, Staging - 1, Staging, Region - 1, Region, Region + 1, (3 * Region) + 5, 12_000_000,
    ];

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Direct_and_buffered_puts_read_back_whole_and_store_the_same_length(int size)
    {
        var plaintext = SyntheticPayload.Create(size);
        var direct = Store("direct", directWrites: true);
        var buffered = Store("buffered", directWrites: false);

        var directReceipt = await direct.PutAsync(new MemoryStream(plaintext), TestContext.Current.CancellationToken);
        var bufferedReceipt = await buffered.PutAsync(new MemoryStream(plaintext), TestContext.Current.CancellationToken);

        foreach (var (store, receipt) in new[] { (direct, directReceipt), (buffered, bufferedReceipt) })
        {
            receipt.Size.ShouldBe(size);
            receipt.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(plaintext)));
            await using var stream = await store.OpenReadAsync(receipt.Id, TestContext.Current.CancellationToken);
            (await SyntheticPayload.ReadAllAsync(stream)).ShouldBe(plaintext);
        }

        new FileInfo(PayloadPath("direct", directReceipt.Id)).Length.ShouldBe(new FileInfo(PayloadPath("buffered", bufferedReceipt.Id)).Length);
        buffered.DirectPuts.ShouldBe(0);
        Directory.EnumerateFiles(_folder.Combine("direct", "attachments", ".incoming")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_large_payload_goes_direct_where_the_file_system_allows_it_and_a_small_one_does_not()
    {
        var store = Store("direct", directWrites: true);
        var supported = await DirectIoProbe.AcceptsDirectWritesAsync(_folder.Path);

        await store.PutAsync(new MemoryStream(SyntheticPayload.Create(100_000)), TestContext.Current.CancellationToken);
        store.DirectPuts.ShouldBe(0);

        await store.PutAsync(new MemoryStream(SyntheticPayload.Create(12_000_000)), TestContext.Current.CancellationToken);
        store.DirectPuts.ShouldBe(supported ? 1 : 0, $"direct I/O supported here: {supported}");
        if (OperatingSystem.IsLinux() && (System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture
            is System.Runtime.InteropServices.Architecture.X64 or System.Runtime.InteropServices.Architecture.Arm64))
        {
            supported.ShouldBeTrue("the test folder's file system is expected to take O_DIRECT on Linux");
        }
    }

    [Fact]
    public async Task A_byte_flipped_in_a_directly_written_payload_is_detected()
    {
        var store = Store("direct", directWrites: true);
        var receipt = await store.PutAsync(new MemoryStream(SyntheticPayload.Create((2 * Region) + 100)), TestContext.Current.CancellationToken);
        var path = PayloadPath("direct", receipt.Id);
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = Region + 1000;
            var original = file.ReadByte();
            file.Position = Region + 1000;
            file.WriteByte((byte)(original ^ 0x01));
        }

        var error = await Should.ThrowAsync<EnvelopeException>(async () =>
        {
            await using var stream = await store.OpenReadAsync(receipt.Id, TestContext.Current.CancellationToken);
            await stream.CopyToAsync(Stream.Null, TestContext.Current.CancellationToken);
        });
        error.Message.ShouldContain("failed authentication");
    }

    [Fact]
    public async Task A_large_upload_that_fails_midway_leaves_nothing_and_the_next_one_is_whole()
    {
        var store = Store("direct", directWrites: true);

        // Past the first region, so direct writes are in flight when the connection drops.
        await Should.ThrowAsync<IOException>(
            () => store.PutAsync(new FailingStream(SyntheticPayload.Create(Region + (3 * Staging) + 11)), TestContext.Current.CancellationToken));

        Directory.EnumerateFiles(_folder.Combine("direct", "attachments"), "*", SearchOption.AllDirectories).ShouldBeEmpty();
        var plaintext = SyntheticPayload.Create(12_000_000, seed: 275);
        var receipt = await store.PutAsync(new MemoryStream(plaintext), TestContext.Current.CancellationToken);
        await using var stream = await store.OpenReadAsync(receipt.Id, TestContext.Current.CancellationToken);
        (await SyntheticPayload.ReadAllAsync(stream)).ShouldBe(plaintext);
    }

    [Fact]
    public async Task Concurrent_large_puts_each_read_back_whole()
    {
        var store = Store("direct", directWrites: true);
        var payloads = Enumerable.Range(0, 6).Select(i => SyntheticPayload.Create((2 * Region) + (i * 4097), seed: i)).ToArray();

        var receipts = await Task.WhenAll(payloads.Select(p => Task.Run(() => store.PutAsync(new MemoryStream(p), TestContext.Current.CancellationToken))));

        for (var i = 0; i < payloads.Length; i++)
        {
            await using var stream = await store.OpenReadAsync(receipts[i].Id, TestContext.Current.CancellationToken);
            (await SyntheticPayload.ReadAllAsync(stream)).ShouldBe(payloads[i]);
        }
    }

    public void Dispose()
    {
        _keys.Dispose();
        _folder.Dispose();
    }

    private FileAttachmentStore Store(string name, bool directWrites) =>
        new(_folder.Combine(name), _keys, _time, Region, directWrites);

    private string PayloadPath(string name, AttachmentId id) => _folder.Combine(name, "attachments", id.Value + ".sgwe");
}
