using System.Text.Json.Serialization;

namespace SubmissionGateway.Protection.Keys;

/// <summary>The JSON shape of the local key file: every version ever created, and which one is current.</summary>
internal sealed class LocalKeyFile
{
    [JsonPropertyName("format")]
    public int Format { get; set; } = 1;

    [JsonPropertyName("current")]
    public string Current { get; set; } = "";

    [JsonPropertyName("versions")]
    public List<LocalKeyVersion> Versions { get; set; } = [];
}
