using System.Diagnostics.CodeAnalysis;
using System.ComponentModel.DataAnnotations;

namespace SubmissionGateway.Protection.PhiFields;

/// <summary>
/// Keys for PHI columns. The encryption keys and the blind-index key are deliberately separate: knowing the
/// index key lets one test guesses against the index, so it must never also decrypt, and vice versa.
/// </summary>
public sealed class PhiFieldOptions
{
    public const string SectionName = "PhiFields";

    /// <summary>The key id new values are encrypted under (old keys stay for reading).</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$")]
    public string ActiveKeyId { get; set; } = "";

    /// <summary>AES-256 keys by id (32 bytes each).</summary>
    [SuppressMessage("Usage", "CA2227", Justification = "Bound from configuration.")]
    public IDictionary<string, byte[]> EncryptionKeys { get; set; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);

    /// <summary>HMAC-SHA256 key for blind indexes (at least 32 bytes).</summary>
    [SuppressMessage("Performance", "CA1819", Justification = "Key material arrives as bytes.")]
    public byte[] BlindIndexKey { get; set; } = [];
}
