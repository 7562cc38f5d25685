using Shouldly;
using SubmissionGateway.Protection.Attachments;

namespace SubmissionGateway.Tests.Protection;

/// <summary>
/// The payload file writer on real files: whatever the size and however the writes are cut, the file holds exactly the
/// bytes written (no block padding left), through O_DIRECT where the file system takes it and the page cache where not.
/// </summary>
public sealed class PayloadFileStreamTests : IDisposable
{
    private const int Staging = AlignedBlockBuffer.DefaultSize;

    private readonly TemporaryFolder _folder = new();

    public static TheoryData<int> Sizes() =>
    [
        0, 1, 4095, 4096, 4097, Staging - 1, Staging, Staging + 1, (3 * Staging) + 7, 12_000_000,
    ];

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task The_file_holds_exactly_the_bytes_written_on_the_direct_path(int size)
    {
        var supported = await DirectIoProbe.AcceptsDirectWritesAsync(_folder.Path);
        var path = _folder.Combine($"direct-{size}.partial");
        var content = SyntheticPayload.Create(size);

        var wentDirect = await WriteInOddChunksAsync(path, content, tryDirect: true);

        (await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken)).ShouldBe(content);
        wentDirect.ShouldBe(supported && size >= Staging, $"direct I/O supported here: {supported}");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task The_file_holds_exactly_the_bytes_written_on_the_buffered_path(int size)
    {
        var path = _folder.Combine($"buffered-{size}.partial");
        var content = SyntheticPayload.Create(size);

        var wentDirect = await WriteInOddChunksAsync(path, content, tryDirect: false);

        (await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken)).ShouldBe(content);
        wentDirect.ShouldBeFalse();
    }

    [Fact]
    public async Task Synchronous_writes_give_the_same_file()
    {
        var path = _folder.Combine("sync.partial");
        var content = SyntheticPayload.Create((2 * Staging) + 100);
        var output = PayloadFileStream.Create(path, tryDirect: true);
        await using (output)
        {
            output.Write(content.AsSpan(0, 5000));
            output.Write(content, 5000, content.Length - 5000);
            await output.CompleteAsync(TestContext.Current.CancellationToken);
        }

        (await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken)).ShouldBe(content);
    }

    [Fact]
    public async Task The_file_is_owner_only_and_an_existing_file_is_never_overwritten()
    {
        var path = _folder.Combine("owned.partial");
        await WriteInOddChunksAsync(path, SyntheticPayload.Create(Staging + 10), tryDirect: true);

        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Should.Throw<IOException>(() => PayloadFileStream.Create(path, tryDirect: true));
        (await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken)).Length.ShouldBe(Staging + 10);
    }

    [Fact]
    public async Task Nothing_can_be_written_after_completion()
    {
        var output = PayloadFileStream.Create(_folder.Combine("done.partial"), tryDirect: true);
        await using (output)
        {
            await output.WriteAsync(new byte[10], TestContext.Current.CancellationToken);
            await output.CompleteAsync(TestContext.Current.CancellationToken);

            await Should.ThrowAsync<InvalidOperationException>(async () => await output.WriteAsync(new byte[1], TestContext.Current.CancellationToken));
        }
    }

    /// <summary>
    /// ramfs has no direct I/O: the kernel refuses O_DIRECT with EINVAL, and the writer must carry on through the page
    /// cache. Mounting needs root; elsewhere this is skipped (the buffered path itself is covered above).
    /// </summary>
    [Fact]
    public async Task A_file_system_that_refuses_direct_io_gets_the_buffered_path()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Assert.Skip("Mounting a ramfs (which refuses O_DIRECT) needs root on Linux.");
        }

        var mountPoint = _folder.Combine("ramfs");
        Directory.CreateDirectory(mountPoint);
        if (!await DirectIoProbe.RunAsync("mount", "-t", "ramfs", "ramfs", mountPoint))
        {
            Assert.Skip("This machine does not let the tests mount a ramfs.");
        }

        try
        {
            (await DirectIoProbe.AcceptsDirectWritesAsync(mountPoint)).ShouldBeFalse("ramfs is expected to refuse O_DIRECT");
            var path = Path.Combine(mountPoint, "refused.partial");
            var content = SyntheticPayload.Create((3 * Staging) + 7);

            var wentDirect = await WriteInOddChunksAsync(path, content, tryDirect: true);

            wentDirect.ShouldBeFalse();
            (await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken)).ShouldBe(content);
        }
        finally
        {
            (await DirectIoProbe.RunAsync("umount", mountPoint)).ShouldBeTrue();
        }
    }

    public void Dispose() => _folder.Dispose();

    // Writes cut as a sealer and a network cut them: a short header, then pieces that straddle the staging buffer.
    private static async Task<bool> WriteInOddChunksAsync(string path, byte[] content, bool tryDirect)
    {
        var output = PayloadFileStream.Create(path, tryDirect);
        await using (output)
        {
            var offset = 0;
            var chunk = 37;
            while (offset < content.Length)
            {
                var take = Math.Min(chunk, content.Length - offset);
                await output.WriteAsync(content.AsMemory(offset, take), TestContext.Current.CancellationToken);
                offset += take;
                chunk = chunk < 10_000 ? 700_001 : 37 + (chunk % 5000);
            }

            await output.CompleteAsync(TestContext.Current.CancellationToken);
            output.Length.ShouldBe(content.Length);
            return output.WentDirect;
        }
    }
}
