using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SubmissionGateway.Protection.Attachments;
using SubmissionGateway.Protection.Envelope;
using SubmissionGateway.Protection.Keys;

namespace SubmissionGateway.Benchmarks.Protection;

/// <summary>
/// Sealing and opening 100 MB as streams (4 MiB AES-256-GCM regions, key wrap, SHA-256 of the plaintext) beside
/// one raw AES-256-GCM call over the same buffer, in the same run. Goal: at least 50% of raw speed, and peak
/// memory growth of at most 64 MB whatever the size.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EnvelopeStreamBenchmarks
{
    private const int Size = 100 * 1024 * 1024;

    private byte[] _plaintext = [];
    private byte[] _rawCiphertext = [];
    private byte[] _output = [];
    private byte[] _sealed = [];
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _nonce = RandomNumberGenerator.GetBytes(12);
    private readonly byte[] _tag = new byte[16];
    private SymmetricKeyEncryptionKey _kek = null!;
    private StaticResolver _resolver = null!;
    private string _ran = "";

    [GlobalSetup]
    public void Setup()
    {
        _plaintext = new byte[Size];
        new Random(275).NextBytes(_plaintext);
        _output = new byte[Size];
        // Touched now, so the raw baseline's peak figure is not the first write into fresh pages.
        _output.AsSpan().Fill(1);
        _rawCiphertext = new byte[Size];
        using (var aes = new AesGcm(_key, 16))
        {
            aes.Encrypt(_nonce, _plaintext, _rawCiphertext, _tag);
        }

        _kek = new SymmetricKeyEncryptionKey("bench:v1", RandomNumberGenerator.GetBytes(32));
        _resolver = new StaticResolver(_kek);
        // Sealed once into a buffer of the right size, so the setup itself creates no large garbage.
        using var sealedStream = new MemoryStream(Size + 64 * 1024);
        EnvelopeWriter.SealAsync(new MemoryStream(_plaintext, writable: false), sealedStream, _kek, SymmetricKeyEncryptionKey.Algorithm,
            DateTimeOffset.UnixEpoch, CancellationToken.None).GetAwaiter().GetResult();
        _sealed = sealedStream.ToArray();
        PeakMemory.ResetAfterSetup();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        PeakMemory.Report(_ran);
        _kek.Dispose();
    }

    [Benchmark(Baseline = true, Description = "raw AES-GCM encrypt")]
    [BenchmarkCategory("Encrypt")]
    public void RawEncrypt()
    {
        _ran = nameof(RawEncrypt);
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(_nonce, _plaintext, _output, _tag);
    }

    [Benchmark(Description = "envelope seal (stream)")]
    [BenchmarkCategory("Encrypt")]
    public Task<SealedPayload> StreamEncrypt()
    {
        _ran = nameof(StreamEncrypt);
        return EnvelopeWriter.SealAsync(new MemoryStream(_plaintext, writable: false), Stream.Null, _kek, SymmetricKeyEncryptionKey.Algorithm,
            DateTimeOffset.UnixEpoch, CancellationToken.None);
    }

    /// <summary>The file store's put path: the same seal, plus the receipt's SHA-256 of the plaintext.</summary>
    [Benchmark(Description = "envelope seal + SHA-256 (store put)")]
    [BenchmarkCategory("Encrypt")]
    public async Task<string> StreamEncryptWithDigest()
    {
        _ran = nameof(StreamEncryptWithDigest);
        using var digest = new PlaintextDigestStream(new MemoryStream(_plaintext, writable: false));
        await EnvelopeWriter.SealAsync(digest, Stream.Null, _kek, SymmetricKeyEncryptionKey.Algorithm, DateTimeOffset.UnixEpoch, CancellationToken.None);
        return digest.Sha256Hex();
    }

    /// <summary>SHA-256 alone over the same buffer, to show what the receipt's digest costs by itself.</summary>
    [Benchmark(Description = "raw SHA-256 (reference)")]
    [BenchmarkCategory("Encrypt")]
    public byte[] RawSha256()
    {
        _ran = nameof(RawSha256);
        return SHA256.HashData(_plaintext);
    }

    [Benchmark(Baseline = true, Description = "raw AES-GCM decrypt")]
    [BenchmarkCategory("Decrypt")]
    public void RawDecrypt()
    {
        _ran = nameof(RawDecrypt);
        using var aes = new AesGcm(_key, 16);
        aes.Decrypt(_nonce, _rawCiphertext, _tag, _output);
    }

    [Benchmark(Description = "envelope open (stream)")]
    [BenchmarkCategory("Decrypt")]
    public async Task StreamDecrypt()
    {
        _ran = nameof(StreamDecrypt);
        await using var plaintext = await EnvelopeReader.OpenAsync(new MemoryStream(_sealed, writable: false), _resolver, CancellationToken.None);
        await plaintext.CopyToAsync(Stream.Null, 1024 * 1024, CancellationToken.None);
    }

    private sealed class StaticResolver(Azure.Core.Cryptography.IKeyEncryptionKey key) : Azure.Core.Cryptography.IKeyEncryptionKeyResolver
    {
        public Azure.Core.Cryptography.IKeyEncryptionKey Resolve(string keyId, CancellationToken cancellationToken = default) => key;

        public Task<Azure.Core.Cryptography.IKeyEncryptionKey> ResolveAsync(string keyId, CancellationToken cancellationToken = default)
            => Task.FromResult(key);
    }
}
