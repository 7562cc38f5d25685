using System.Diagnostics;
using Shouldly;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.Envelope;
using SubmissionGateway.Protection.Keys;

namespace SubmissionGateway.Tests.Protection;

public sealed class FileAttachmentStoreTests : AttachmentStoreContract
{
    private string DataFolder => Folder.Combine("data");

    private string AttachmentsFolder => Path.Combine(DataFolder, "attachments");

    protected override Task<IAttachmentStore> CreateStoreAsync(IKeyRing keys)
        => Task.FromResult<IAttachmentStore>(new FileAttachmentStore(DataFolder, keys, Time));

    [Fact]
    public async Task A_failed_upload_leaves_no_file_behind()
    {
        var store = await CreateStoreAsync(Ring());

        await Should.ThrowAsync<IOException>(
            () => store.PutAsync(new FailingStream(SyntheticPayload.Create(10_000)), TestContext.Current.CancellationToken));

        Directory.EnumerateFiles(AttachmentsFolder, "*", SearchOption.AllDirectories).ShouldBeEmpty();
        (await ListAsync(store)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Uploads_abandoned_by_a_crash_are_purged_but_recent_ones_are_kept()
    {
        var store = (FileAttachmentStore)await CreateStoreAsync(Ring());
        await store.PutAsync(new MemoryStream([1]), TestContext.Current.CancellationToken);
        var incoming = Path.Combine(AttachmentsFolder, ".incoming");
        var stale = Path.Combine(incoming, "stale.partial");
        var recent = Path.Combine(incoming, "recent.partial");
        await File.WriteAllBytesAsync(stale, [1, 2], TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(recent, [3, 4], TestContext.Current.CancellationToken);
        File.SetLastWriteTimeUtc(stale, Time.GetUtcNow().UtcDateTime.AddHours(-2));
        File.SetLastWriteTimeUtc(recent, Time.GetUtcNow().UtcDateTime.AddMinutes(-10));

        store.PurgeAbandonedUploads(TimeSpan.FromHours(1)).ShouldBe(1);

        File.Exists(stale).ShouldBeFalse();
        File.Exists(recent).ShouldBeTrue();
        (await ListAsync(store)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Payload_files_are_owner_only_and_hold_no_plaintext()
    {
        var store = await CreateStoreAsync(Ring());
        var plaintext = "NM1*QC*1*SYNTHETIC*JANE****MI*W000000001"u8.ToArray();

        var receipt = await store.PutAsync(new MemoryStream(plaintext), TestContext.Current.CancellationToken);

        var path = Path.Combine(AttachmentsFolder, receipt.Id + ".sgwe");
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        bytes.AsSpan().IndexOf("SYNTHETIC"u8).ShouldBe(-1);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public async Task A_byte_flipped_on_disk_is_detected_when_reading()
    {
        var store = await CreateStoreAsync(Ring());
        var receipt = await store.PutAsync(new MemoryStream(SyntheticPayload.Create(3000)), TestContext.Current.CancellationToken);
        var path = Path.Combine(AttachmentsFolder, receipt.Id + ".sgwe");
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        bytes[^100] ^= 0x20;
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);

        var released = new MemoryStream();
        var error = await Should.ThrowAsync<EnvelopeException>(async () =>
        {
            await using var stream = await store.OpenReadAsync(receipt.Id, TestContext.Current.CancellationToken);
            await stream.CopyToAsync(released, TestContext.Current.CancellationToken);
        });

        error.Message.ShouldContain("failed authentication");
        released.Length.ShouldBe(0);
    }

    [Fact]
    public async Task Delete_destroys_the_wrapped_key_even_for_another_link_to_the_same_file()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Uses a hard link, as an undelete or a stale directory entry would.");
            return;
        }

        var ring = Ring();
        var store = await CreateStoreAsync(ring);
        var receipt = await store.PutAsync(new MemoryStream(SyntheticPayload.Create(3000)), TestContext.Current.CancellationToken);
        var path = Path.Combine(AttachmentsFolder, receipt.Id + ".sgwe");
        var link = Folder.Combine("leftover.sgwe");
        using (var ln = Process.Start("ln", [path, link]))
        {
            await ln.WaitForExitAsync(TestContext.Current.CancellationToken);
            ln.ExitCode.ShouldBe(0);
        }

        await store.DeleteAsync(receipt.Id, TestContext.Current.CancellationToken);

        File.Exists(path).ShouldBeFalse();
        await Should.ThrowAsync<EnvelopeException>(
            () => EnvelopeReader.OpenAsync(File.OpenRead(link), ring, TestContext.Current.CancellationToken));
    }
}
