using System.Security.Cryptography;
using System.Text.Json;
using Shouldly;
using SubmissionGateway.Protection.Keys;

namespace SubmissionGateway.Tests.Protection;

public sealed class LocalKeyRingTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task First_use_creates_the_key_file_owner_only()
    {
        var path = _folder.Combine("keys", "kek.json");
        using var ring = new LocalKeyRing(path, TimeProvider.System);

        var key = await ring.GetCurrentAsync(TestContext.Current.CancellationToken);

        File.Exists(path).ShouldBeTrue();
        key.KeyId.ShouldMatch("^local:[0-9a-f]{8}:v1$");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    public async Task A_key_file_others_can_access_is_refused_with_the_fix(UnixFileMode exposed)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix permissions only.");
            return;
        }

        var path = _folder.Combine("kek.json");
        using (var creator = new LocalKeyRing(path, TimeProvider.System))
        {
            await creator.EnsureReadyAsync(TestContext.Current.CancellationToken);
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | exposed);
        using var ring = new LocalKeyRing(path, TimeProvider.System);

        var error = await Should.ThrowAsync<KeyRingException>(() => ring.GetCurrentAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain("chmod 600");
        error.Message.ShouldContain(path);
    }

    [Fact]
    public async Task Rotation_adds_a_version_and_every_version_still_unwraps()
    {
        var path = _folder.Combine("kek.json");
        using var ring = new LocalKeyRing(path, TimeProvider.System);
        var first = await ring.GetCurrentAsync(TestContext.Current.CancellationToken);
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = await first.WrapKeyAsync(ring.WrapAlgorithm, dataKey, TestContext.Current.CancellationToken);

        var secondId = await ring.RotateAsync(TestContext.Current.CancellationToken);

        secondId.ShouldEndWith(":v2");
        secondId.Split(':')[1].ShouldBe(first.KeyId.Split(':')[1]);
        (await ring.GetCurrentAsync(TestContext.Current.CancellationToken)).KeyId.ShouldBe(secondId);
        // A fresh instance (another process) sees both versions.
        using var reopened = new LocalKeyRing(path, TimeProvider.System);
        var old = await reopened.ResolveAsync(first.KeyId, TestContext.Current.CancellationToken);
        (await old.UnwrapKeyAsync(ring.WrapAlgorithm, wrapped, TestContext.Current.CancellationToken)).ShouldBe(dataKey);
        (await reopened.GetCurrentAsync(TestContext.Current.CancellationToken)).KeyId.ShouldBe(secondId);
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        document.RootElement.GetProperty("versions").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Rotating_before_any_use_creates_the_first_version_then_the_second()
    {
        using var ring = new LocalKeyRing(_folder.Combine("fresh", "kek.json"), TimeProvider.System);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));

        var rotated = await ring.RotateAsync(timeout.Token);

        rotated.ShouldEndWith(":v2");
    }

    [Fact]
    public async Task Unknown_key_ids_are_not_found()
    {
        using var ring = new LocalKeyRing(_folder.Combine("kek.json"), TimeProvider.System);

        await Should.ThrowAsync<KeyNotFoundException>(() => ring.ResolveAsync("local:00000000:v9", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_damaged_key_file_is_reported_not_replaced()
    {
        var path = _folder.Combine("kek.json");
        using (var creator = new LocalKeyRing(path, TimeProvider.System))
        {
            await creator.EnsureReadyAsync(TestContext.Current.CancellationToken);
        }

        await File.WriteAllTextAsync(path, "{ not json", TestContext.Current.CancellationToken);
        using var ring = new LocalKeyRing(path, TimeProvider.System);

        var error = await Should.ThrowAsync<KeyRingException>(() => ring.GetCurrentAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain("damaged");
        (await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).ShouldBe("{ not json");
    }

    [Fact]
    public async Task A_rotation_by_another_process_is_seen_by_the_next_seal_although_the_file_is_kept_parsed()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = _folder.Combine("kek.json");
        using var gateway = new LocalKeyRing(path, TimeProvider.System);
        var before = (await gateway.GetCurrentAsync(ct)).KeyId;
        (await gateway.GetCurrentAsync(ct)).KeyId.ShouldBe(before);

        // `sgw keys rotate` runs in its own process, with its own ring over the same file.
        using var cli = new LocalKeyRing(path, TimeProvider.System);
        var rotated = await cli.RotateAsync(ct);

        rotated.ShouldNotBe(before);
        (await gateway.GetCurrentAsync(ct)).KeyId.ShouldBe(rotated);
    }

    [Fact]
    public async Task A_key_file_damaged_after_it_was_read_is_still_reported_on_the_next_use()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = _folder.Combine("kek.json");
        using var ring = new LocalKeyRing(path, TimeProvider.System);
        await ring.GetCurrentAsync(ct);

        await File.WriteAllTextAsync(path, "{ not json", ct);

        (await Should.ThrowAsync<KeyRingException>(() => ring.GetCurrentAsync(ct))).Message.ShouldContain("damaged");
    }

    [Fact]
    public void Wrapping_with_another_algorithm_is_refused()
    {
        using var key = new SymmetricKeyEncryptionKey("k", RandomNumberGenerator.GetBytes(32));

        Should.Throw<CryptographicException>(() => key.WrapKey("RSA-OAEP", new byte[32], TestContext.Current.CancellationToken));
    }
}
