using System.Text.Json.Serialization;

namespace SubmissionGateway.Protection.Keys;

/// <summary>One version of the local key-encryption key.</summary>
internal sealed class LocalKeyVersion
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("created")]
    public DateTimeOffset Created { get; set; }

    [JsonPropertyName("key")]
    public byte[] Key { get; set; } = [];
}
