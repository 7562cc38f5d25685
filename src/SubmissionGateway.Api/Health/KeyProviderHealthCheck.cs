using System.Security.Cryptography;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SubmissionGateway.Protection.Keys;

namespace SubmissionGateway.Api.Health;

/// <summary>Wraps a throw-away data key with the current key-encryption key and unwraps it again through the resolver.</summary>
internal sealed class KeyProviderHealthCheck(IKeyRing keys) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var dek = RandomNumberGenerator.GetBytes(32);
        try
        {
            var current = await keys.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
            var wrapped = await current.WrapKeyAsync(keys.WrapAlgorithm, dek, cancellationToken).ConfigureAwait(false);
            var resolved = await keys.ResolveAsync(current.KeyId, cancellationToken).ConfigureAwait(false);
            var unwrapped = await resolved.UnwrapKeyAsync(keys.WrapAlgorithm, wrapped, cancellationToken).ConfigureAwait(false);
            return CryptographicOperations.FixedTimeEquals(dek, unwrapped)
                ? HealthCheckResult.Healthy("The current key version wraps and unwraps a data key.", new Dictionary<string, object> { ["keyId"] = current.KeyId })
                : HealthCheckResult.Unhealthy("The key provider unwrapped a data key to different bytes.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure is the answer; the exception goes to the health log, never to the anonymous caller.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The key provider cannot wrap and unwrap a data key.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dek);
        }
    }
}
