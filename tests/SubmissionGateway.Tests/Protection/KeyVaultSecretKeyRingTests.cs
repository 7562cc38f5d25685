using System.Security.Cryptography;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using SubmissionGateway.Protection.Envelope;
using SubmissionGateway.Protection.Keys;

namespace SubmissionGateway.Tests.Protection;

public sealed class KeyVaultSecretKeyRingTests : IDisposable
{
    private const string SecretName = "sgw-attachment-kek";

    private readonly FakeKeyVault _vault = new();
    private readonly HttpClient _http;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));

    public KeyVaultSecretKeyRingTests()
    {
        // The stand-in's certificate is self-signed: pin exactly that certificate.
        _http = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == _vault.Certificate.Thumbprint,
        });
    }

    public void Dispose()
    {
        _http.Dispose();
        _vault.Dispose();
    }

    [Fact]
    public async Task First_use_creates_a_secret_version_and_wraps_with_it()
    {
        using var ring = CreateRing();

        var key = await ring.GetCurrentAsync(TestContext.Current.CancellationToken);

        _vault.Versions(SecretName).ShouldBe(1);
        key.KeyId.ShouldStartWith(new Uri(_vault.VaultUri, "secrets/" + SecretName + "/").AbsoluteUri);
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = await key.WrapKeyAsync(ring.WrapAlgorithm, dataKey, TestContext.Current.CancellationToken);
        (await key.UnwrapKeyAsync(ring.WrapAlgorithm, wrapped, TestContext.Current.CancellationToken)).ShouldBe(dataKey);
        _vault.RequestsWithoutApiVersion.ShouldBe(0);
    }

    [Fact]
    public async Task After_rotation_a_payload_sealed_under_the_old_version_opens_in_a_fresh_process()
    {
        using var ring = CreateRing();
        var plaintext = SyntheticPayload.Create(1000);
        using var sealedPayload = new MemoryStream();
        var first = await ring.GetCurrentAsync(TestContext.Current.CancellationToken);
        await EnvelopeWriter.SealAsync(new MemoryStream(plaintext), sealedPayload, first, ring.WrapAlgorithm, DateTimeOffset.UnixEpoch, TestContext.Current.CancellationToken);

        var rotated = await ring.RotateAsync(TestContext.Current.CancellationToken);

        rotated.ShouldNotBe(first.KeyId);
        _vault.Versions(SecretName).ShouldBe(2);
        using var fresh = CreateRing();
        (await fresh.GetCurrentAsync(TestContext.Current.CancellationToken)).KeyId.ShouldBe(rotated);
        await using var opened = await EnvelopeReader.OpenAsync(new MemoryStream(sealedPayload.ToArray()), fresh, TestContext.Current.CancellationToken);
        (await SyntheticPayload.ReadAllAsync(opened)).ShouldBe(plaintext);
    }

    [Fact]
    public async Task A_deleted_secret_version_makes_its_payloads_unrecoverable()
    {
        using var ring = CreateRing();
        using var sealedPayload = new MemoryStream();
        var first = await ring.GetCurrentAsync(TestContext.Current.CancellationToken);
        await EnvelopeWriter.SealAsync(new MemoryStream(SyntheticPayload.Create(10)), sealedPayload, first, ring.WrapAlgorithm, DateTimeOffset.UnixEpoch, TestContext.Current.CancellationToken);
        _vault.Forget(SecretName, 0);

        using var fresh = CreateRing();
        var error = await Should.ThrowAsync<EnvelopeException>(
            () => EnvelopeReader.OpenAsync(new MemoryStream(sealedPayload.ToArray()), fresh, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("is not available");
    }

    [Fact]
    public async Task Key_ids_of_another_secret_or_vault_are_refused_without_a_request()
    {
        using var ring = CreateRing();

        await Should.ThrowAsync<KeyNotFoundException>(
            () => ring.ResolveAsync("https://elsewhere.vault.azure.net/secrets/" + SecretName + "/abc", TestContext.Current.CancellationToken));
        await Should.ThrowAsync<KeyNotFoundException>(
            () => ring.ResolveAsync(new Uri(_vault.VaultUri, "secrets/other/abc").AbsoluteUri, TestContext.Current.CancellationToken));
        await Should.ThrowAsync<KeyNotFoundException>(() => ring.ResolveAsync("local:0badc0de:v1", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_current_version_is_reused_for_its_lifetime_then_read_again()
    {
        using var ring = CreateRing();
        var first = await ring.GetCurrentAsync(TestContext.Current.CancellationToken);
        var reads = _vault.LatestVersionReads;

        (await ring.GetCurrentAsync(TestContext.Current.CancellationToken)).ShouldBeSameAs(first);
        _vault.LatestVersionReads.ShouldBe(reads);

        // Another process rotates; this one notices after the lifetime.
        using var other = CreateRing();
        var rotated = await other.RotateAsync(TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromMinutes(5));

        (await ring.GetCurrentAsync(TestContext.Current.CancellationToken)).KeyId.ShouldBe(rotated);
        _vault.LatestVersionReads.ShouldBe(reads + 1);
    }

    private KeyVaultSecretKeyRing CreateRing()
    {
        var options = new SecretClientOptions
        {
            Transport = new HttpClientTransport(_http),
            // The stand-in answers the challenge from localhost, not from *.vault.azure.net.
            DisableChallengeResourceVerification = true,
            Retry = { MaxRetries = 0 },
        };
        return new KeyVaultSecretKeyRing(new SecretClient(_vault.VaultUri, new FixedTokenCredential(), options), SecretName, _time, TimeSpan.FromMinutes(5));
    }

    private sealed class FixedTokenCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
            => new(FakeKeyVault.Token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
            => ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
