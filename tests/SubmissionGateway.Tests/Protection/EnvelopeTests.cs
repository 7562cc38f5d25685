using System.Security.Cryptography;
using Shouldly;
using SubmissionGateway.Protection.Envelope;
using SubmissionGateway.Protection.Keys;

namespace SubmissionGateway.Tests.Protection;

public sealed class EnvelopeTests : IDisposable
{
    // Small regions so that multi-region cases (reordering, truncation at a boundary) stay tiny.
    private const int Region = 64;
    private const int HeaderProbe = 8;

    private readonly TemporaryFolder _folder = new();
    private readonly LocalKeyRing _ring;

    public EnvelopeTests()
    {
        _ring = new LocalKeyRing(_folder.Combine("kek.json"), TimeProvider.System);
    }

    public void Dispose()
    {
        _ring.Dispose();
        _folder.Dispose();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Region - 1)]
    [InlineData(Region)]
    [InlineData(Region + 1)]
    [InlineData(3 * Region)]
    [InlineData(5 * Region + 17)]
    public async Task Round_trip_returns_the_plaintext_and_its_size(int length)
    {
        var plaintext = SyntheticPayload.Create(length);
        var (sealedBytes, receipt) = await SealAsync(plaintext);

        receipt.Size.ShouldBe(length);
        receipt.KeyId.ShouldBe((await _ring.GetCurrentAsync(TestContext.Current.CancellationToken)).KeyId);
        (await OpenAllAsync(sealedBytes)).ShouldBe(plaintext);
        // Full regions then a shorter final one (never an empty trailing region; one empty region for no content).
        var regions = Math.Max(1, (length + Region - 1) / Region);
        sealedBytes.Length.ShouldBe(HeaderLength(sealedBytes) + length + (regions * (12 + 16)));
    }

    [Fact]
    public async Task Ciphertext_does_not_contain_the_plaintext_and_regions_are_framed()
    {
        var plaintext = "ISA*00*PATIENT JANE SYNTHETIC*MEMBER W000000001"u8.ToArray();
        var (sealedBytes, _) = await SealAsync(plaintext);

        sealedBytes.AsSpan().IndexOf("JANE SYNTHETIC"u8).ShouldBe(-1);
        var header = await EnvelopeReader.ReadHeaderAsync(new MemoryStream(sealedBytes), TestContext.Current.CancellationToken);
        header.FormatVersion.ShouldBe(1);
        header.RegionSize.ShouldBe(Region);
        header.WrapAlgorithm.ShouldBe("A256KWP");
        header.KeyId.ShouldStartWith("local:");
        // One region: header, nonce, ciphertext, tag.
        sealedBytes.Length.ShouldBe(HeaderLength(sealedBytes) + 12 + plaintext.Length + 16);
    }

    [Fact]
    public async Task Sealing_the_same_plaintext_twice_uses_fresh_data_keys()
    {
        var plaintext = SyntheticPayload.Create(100);
        var (first, _) = await SealAsync(plaintext);
        var (second, _) = await SealAsync(plaintext);

        var firstHeader = await EnvelopeReader.ReadHeaderAsync(new MemoryStream(first), TestContext.Current.CancellationToken);
        var secondHeader = await EnvelopeReader.ReadHeaderAsync(new MemoryStream(second), TestContext.Current.CancellationToken);
        firstHeader.WrappedKey.ShouldNotBe(secondHeader.WrappedKey);
        first.AsSpan(HeaderLength(first)).SequenceEqual(second.AsSpan(HeaderLength(second))).ShouldBeFalse();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_flipped_byte_in_any_region_is_detected_and_no_altered_region_is_released(int region)
    {
        var plaintext = SyntheticPayload.Create(3 * Region);
        var (sealedBytes, _) = await SealAsync(plaintext);
        sealedBytes[RegionOffset(sealedBytes, region) + 12 + 5] ^= 0x01;

        var (released, error) = await OpenUntilFailureAsync(sealedBytes);

        error.ShouldNotBeNull().Message.ShouldContain($"Segment {region} failed authentication");
        released.ShouldBe(plaintext[..(region * Region)]);
    }

    [Fact]
    public async Task A_flipped_tag_byte_is_detected()
    {
        var (sealedBytes, _) = await SealAsync(SyntheticPayload.Create(10));
        sealedBytes[^1] ^= 0x80;

        var (released, error) = await OpenUntilFailureAsync(sealedBytes);

        error.ShouldNotBeNull();
        released.ShouldBeEmpty();
    }

    [Fact]
    public async Task Swapped_regions_are_detected_before_any_plaintext_is_released()
    {
        var plaintext = SyntheticPayload.Create(3 * Region);
        var (sealedBytes, _) = await SealAsync(plaintext);
        var frame = 12 + Region + 16;
        var first = RegionOffset(sealedBytes, 0);
        var second = RegionOffset(sealedBytes, 1);
        var copy = sealedBytes.AsSpan(first, frame).ToArray();
        sealedBytes.AsSpan(second, frame).CopyTo(sealedBytes.AsSpan(first));
        copy.CopyTo(sealedBytes.AsSpan(second));

        var (released, error) = await OpenUntilFailureAsync(sealedBytes);

        error.ShouldNotBeNull().Message.ShouldContain("Segment 0 failed authentication");
        released.ShouldBeEmpty();
    }

    [Fact]
    public async Task Truncation_at_a_region_boundary_is_detected_and_the_end_is_never_reported()
    {
        var plaintext = SyntheticPayload.Create(3 * Region);
        var (sealedBytes, _) = await SealAsync(plaintext);
        var truncated = sealedBytes[..RegionOffset(sealedBytes, 2)];

        var (released, error) = await OpenUntilFailureAsync(truncated);

        // Region 1 now looks last, but it was sealed as not final: its tag fails and it is withheld.
        error.ShouldNotBeNull().Message.ShouldContain("Segment 1 failed authentication");
        released.ShouldBe(plaintext[..Region]);
    }

    [Fact]
    public async Task Truncation_inside_a_region_is_detected()
    {
        var plaintext = SyntheticPayload.Create(2 * Region + 10);
        var (sealedBytes, _) = await SealAsync(plaintext);

        var (released, error) = await OpenUntilFailureAsync(sealedBytes[..^7]);

        error.ShouldNotBeNull();
        released.Length.ShouldBeLessThan(plaintext.Length);
    }

    [Fact]
    public async Task Truncation_to_the_header_alone_is_detected()
    {
        var (sealedBytes, _) = await SealAsync(SyntheticPayload.Create(10));

        var (released, error) = await OpenUntilFailureAsync(sealedBytes[..HeaderLength(sealedBytes)]);

        error.ShouldNotBeNull().Message.ShouldContain("truncated");
        released.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12 + Region + 16)]
    public async Task Appended_bytes_are_detected(int extra)
    {
        var plaintext = SyntheticPayload.Create(2 * Region);
        var (sealedBytes, _) = await SealAsync(plaintext);
        var extended = sealedBytes.Concat(SyntheticPayload.Create(extra, seed: 5)).ToArray();

        var (released, error) = await OpenUntilFailureAsync(extended);

        error.ShouldNotBeNull();
        released.Length.ShouldBeLessThan(plaintext.Length);
    }

    [Fact]
    public async Task An_appended_copy_of_the_final_region_is_detected()
    {
        var plaintext = SyntheticPayload.Create(Region + 10);
        var (sealedBytes, _) = await SealAsync(plaintext);
        var last = sealedBytes.AsSpan(RegionOffset(sealedBytes, 1)).ToArray();

        var (released, error) = await OpenUntilFailureAsync([.. sealedBytes, .. last]);

        error.ShouldNotBeNull();
        released.ShouldBe(plaintext[..Region]);
    }

    [Fact]
    public async Task Another_key_ring_cannot_open_the_payload()
    {
        var (sealedBytes, _) = await SealAsync(SyntheticPayload.Create(50));
        using var otherFolder = new TemporaryFolder();
        using var other = new LocalKeyRing(otherFolder.Combine("kek.json"), TimeProvider.System);

        var error = await Should.ThrowAsync<EnvelopeException>(
            () => EnvelopeReader.OpenAsync(new MemoryStream(sealedBytes), other, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("is not available");
    }

    [Fact]
    public async Task A_wrapped_key_under_a_different_key_with_the_same_id_fails_to_unwrap()
    {
        var (sealedBytes, _) = await SealAsync(SyntheticPayload.Create(50));
        var header = await EnvelopeReader.ReadHeaderAsync(new MemoryStream(sealedBytes), TestContext.Current.CancellationToken);
        using var impostor = new SymmetricKeyEncryptionKey(header.KeyId, RandomNumberGenerator.GetBytes(32));

        var error = await Should.ThrowAsync<EnvelopeException>(
            () => EnvelopeReader.OpenAsync(new MemoryStream(sealedBytes), new SingleKeyResolver(impostor), TestContext.Current.CancellationToken));

        error.Message.ShouldContain("could not unwrap");
    }

    [Fact]
    public async Task A_payload_sealed_before_rotation_still_opens_and_rewrap_moves_it_to_the_new_version()
    {
        var plaintext = SyntheticPayload.Create(2 * Region + 3);
        var (sealedBytes, receipt) = await SealAsync(plaintext);
        var newId = await _ring.RotateAsync(TestContext.Current.CancellationToken);
        newId.ShouldNotBe(receipt.KeyId);

        (await OpenAllAsync(sealedBytes)).ShouldBe(plaintext);

        using var rewrapped = new MemoryStream();
        var current = await _ring.GetCurrentAsync(TestContext.Current.CancellationToken);
        var header = await EnvelopeReader.RewrapAsync(
            new MemoryStream(sealedBytes), rewrapped, _ring, current, _ring.WrapAlgorithm, TestContext.Current.CancellationToken);

        header.KeyId.ShouldBe(newId);
        var bytes = rewrapped.ToArray();
        // The segments are copied, not re-encrypted.
        bytes.AsSpan(HeaderLength(bytes)).SequenceEqual(sealedBytes.AsSpan(HeaderLength(sealedBytes))).ShouldBeTrue();
        (await OpenAllAsync(bytes)).ShouldBe(plaintext);
    }

    [Fact]
    public async Task A_shredded_header_leaves_nothing_to_open()
    {
        var (sealedBytes, _) = await SealAsync(SyntheticPayload.Create(50));
        Array.Clear(sealedBytes, 0, HeaderLength(sealedBytes));

        var error = await Should.ThrowAsync<EnvelopeException>(
            () => EnvelopeReader.OpenAsync(new MemoryStream(sealedBytes), _ring, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("not a SubmissionGateway encrypted payload");
    }

    [Fact]
    public async Task Synchronous_reads_decrypt_the_same_bytes()
    {
        var plaintext = SyntheticPayload.Create(4 * Region + 9);
        var (sealedBytes, _) = await SealAsync(plaintext);
        await using var stream = await EnvelopeReader.OpenAsync(new MemoryStream(sealedBytes), _ring, TestContext.Current.CancellationToken);
        using var copy = new MemoryStream();
        var buffer = new byte[7];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            copy.Write(buffer, 0, read);
        }

        copy.ToArray().ShouldBe(plaintext);
    }

    [Fact]
    public async Task Small_asynchronous_reads_decrypt_the_same_bytes_and_still_detect_truncation()
    {
        var plaintext = SyntheticPayload.Create(3 * Region + 5);
        var (sealedBytes, _) = await SealAsync(plaintext);

        (await ReadInSmallPiecesAsync(sealedBytes)).Released.ShouldBe(plaintext);

        var (released, error) = await ReadInSmallPiecesAsync(sealedBytes[..RegionOffset(sealedBytes, 3)]);
        error.ShouldNotBeNull().Message.ShouldContain("Segment 2 failed authentication");
        released.ShouldBe(plaintext[..(2 * Region)]);
    }

    private async Task<(byte[] Released, EnvelopeException? Error)> ReadInSmallPiecesAsync(byte[] sealedBytes)
    {
        using var released = new MemoryStream();
        try
        {
            await using var stream = await EnvelopeReader.OpenAsync(new MemoryStream(sealedBytes), _ring, TestContext.Current.CancellationToken);
            var buffer = new byte[5];
            int read;
            while ((read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken)) > 0)
            {
                released.Write(buffer, 0, read);
            }

            return (released.ToArray(), null);
        }
        catch (EnvelopeException e)
        {
            return (released.ToArray(), e);
        }
    }

    private async Task<(byte[] Sealed, SealedPayload Receipt)> SealAsync(byte[] plaintext)
    {
        using var output = new MemoryStream();
        var key = await _ring.GetCurrentAsync(TestContext.Current.CancellationToken);
        var receipt = await EnvelopeWriter.SealAsync(
            new MemoryStream(plaintext), output, key, _ring.WrapAlgorithm, DateTimeOffset.UnixEpoch, Region, TestContext.Current.CancellationToken);
        return (output.ToArray(), receipt);
    }

    private async Task<byte[]> OpenAllAsync(byte[] sealedBytes)
    {
        await using var stream = await EnvelopeReader.OpenAsync(new MemoryStream(sealedBytes), _ring, TestContext.Current.CancellationToken);
        return await SyntheticPayload.ReadAllAsync(stream);
    }

    /// <summary>Reads until the stream fails; returns what was released before the failure.</summary>
    private async Task<(byte[] Released, EnvelopeException? Error)> OpenUntilFailureAsync(byte[] sealedBytes)
    {
        using var released = new MemoryStream();
        try
        {
            await using var stream = await EnvelopeReader.OpenAsync(new MemoryStream(sealedBytes), _ring, TestContext.Current.CancellationToken);
            await stream.CopyToAsync(released, TestContext.Current.CancellationToken);
            return (released.ToArray(), null);
        }
        catch (EnvelopeException e)
        {
            return (released.ToArray(), e);
        }
    }

    private static int HeaderLength(byte[] sealedBytes) => HeaderProbe + BitConverter.ToInt32(sealedBytes, 4);

    private static int RegionOffset(byte[] sealedBytes, int region) => HeaderLength(sealedBytes) + region * (12 + Region + 16);

    private sealed class SingleKeyResolver(Azure.Core.Cryptography.IKeyEncryptionKey key) : Azure.Core.Cryptography.IKeyEncryptionKeyResolver
    {
        public Azure.Core.Cryptography.IKeyEncryptionKey Resolve(string keyId, CancellationToken cancellationToken = default) => key;

        public Task<Azure.Core.Cryptography.IKeyEncryptionKey> ResolveAsync(string keyId, CancellationToken cancellationToken = default) => Task.FromResult(key);
    }
}
