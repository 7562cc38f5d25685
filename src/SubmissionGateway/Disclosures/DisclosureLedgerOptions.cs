using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace SubmissionGateway.Disclosures;

public sealed class DisclosureLedgerOptions
{
    public const string SectionName = "Disclosures";

    /// <summary>Folder for the write-once signed tree heads (outside the database).</summary>
    [Required]
    public string TreeHeadDirectory { get; set; } = "";

    /// <summary>The ECDSA P-256 private key (PKCS#8) that signs tree heads.</summary>
    [SuppressMessage("Performance", "CA1819", Justification = "Key material arrives as bytes.")]
    [Required]
    [MinLength(32)]
    public byte[] TreeHeadSigningKey { get; set; } = [];

    /// <summary>How often a new head is signed when the ledger has grown.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TreeHeadInterval { get; set; } = TimeSpan.FromMinutes(5);
}
