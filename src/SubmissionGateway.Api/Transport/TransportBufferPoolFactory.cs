using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace SubmissionGateway.Api.Transport;

/// <summary>Hands Kestrel's socket transport a <see cref="TransportBufferPool"/> (it takes its pool from this service).</summary>
internal sealed class TransportBufferPoolFactory : IMemoryPoolFactory<byte>
{
    // A transport asks once per listener, so this stays a handful; kept so tests can see the transport used them.
    private readonly ConcurrentQueue<TransportBufferPool> _created = new();

    internal IReadOnlyCollection<TransportBufferPool> Created => _created;

    public MemoryPool<byte> Create(MemoryPoolOptions? options = null)
    {
        var pool = new TransportBufferPool();
        _created.Enqueue(pool);
        return pool;
    }
}
