using System.Buffers;
using System.Net.Security;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SubmissionGateway.Api.Transport;

namespace SubmissionGateway.Api.Tests.Transport;

/// <summary>The pool Kestrel receives into: 64 KiB blocks, each handed to one owner at a time, idle ones kept up to a cap.</summary>
public sealed class TransportBufferPoolTests : IDisposable
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("sgw-pool-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_real_kestrel_set_up_by_the_transport_security_receives_a_large_body_into_the_pool()
    {
        await using var host = await TransportHost.StartAsync(_dataFolder);
        using var client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        });
        var body = new byte[3 * 1024 * 1024];
        new Random(275).NextBytes(body);

        using var response = await client.PostAsync(new Uri(host.Https, "/count"), new ByteArrayContent(body), TestContext.Current.CancellationToken);

        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var pools = host.Services.GetRequiredService<IMemoryPoolFactory<byte>>().ShouldBeOfType<TransportBufferPoolFactory>().Created;
        pools.ShouldNotBeEmpty();
        pools.Sum(p => p.Allocated).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Blocks_are_64_KiB_and_a_larger_request_is_refused()
    {
        using var pool = new TransportBufferPool();

        pool.MaxBufferSize.ShouldBe(64 * 1024);
        using (var block = pool.Rent())
        {
            block.Memory.Length.ShouldBe(64 * 1024);
        }

        using (var small = pool.Rent(100))
        {
            small.Memory.Length.ShouldBe(64 * 1024);
        }

        Should.Throw<ArgumentOutOfRangeException>(() => pool.Rent((64 * 1024) + 1));
    }

    [Fact]
    public void A_returned_block_is_reused_and_a_second_dispose_does_not_give_it_two_owners()
    {
        using var pool = new TransportBufferPool();
        var first = pool.Rent();
        var array = ArrayOf(first);

        first.Dispose();
        Should.Throw<ObjectDisposedException>(() => first.Memory);
        first.Dispose();
        var again = pool.Rent();
        var other = pool.Rent();

        ArrayOf(again).ShouldBeSameAs(array);
        ArrayOf(other).ShouldNotBeSameAs(array);
        pool.Allocated.ShouldBe(2);
        again.Dispose();
        other.Dispose();
    }

    [Fact]
    public void Idle_blocks_beyond_the_cap_are_left_to_the_collector()
    {
        using var pool = new TransportBufferPool();
        var burst = Enumerable.Range(0, TransportBufferPool.RetainedBlocks + 44).Select(_ => pool.Rent()).ToList();
        var arrays = burst.Select(ArrayOf).ToHashSet();
        burst.ForEach(b => b.Dispose());

        var next = Enumerable.Range(0, TransportBufferPool.RetainedBlocks + 44).Select(_ => pool.Rent()).ToList();

        next.Count(b => arrays.Contains(ArrayOf(b))).ShouldBe(TransportBufferPool.RetainedBlocks);
        pool.Allocated.ShouldBe((2 * (TransportBufferPool.RetainedBlocks + 44)) - TransportBufferPool.RetainedBlocks);
        next.ForEach(b => b.Dispose());
    }

    private static byte[] ArrayOf(IMemoryOwner<byte> owner)
    {
        MemoryMarshal.TryGetArray<byte>(owner.Memory, out var segment).ShouldBeTrue();
        return segment.Array!;
    }
}
