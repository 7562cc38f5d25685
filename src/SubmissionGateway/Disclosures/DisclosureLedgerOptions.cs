using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using SubmissionGateway.Limits;

namespace SubmissionGateway.Disclosures;

public sealed class DisclosureLedgerOptions
{
    public const string SectionName = "Disclosures";

    /// <summary>Where signed tree heads are archived.</summary>
    public TreeHeadArchiveKind TreeHeadArchive { get; set; } = TreeHeadArchiveKind.FileSystem;

    /// <summary>Folder for the write-once signed tree heads (outside the database), when the archive is FileSystem.</summary>
    public string TreeHeadDirectory { get; set; } = "";

    /// <summary>The blob container for the heads, when the archive is AzureBlob.</summary>
    public TreeHeadBlobOptions TreeHeadBlob { get; set; } = new();

    /// <summary>The ECDSA P-256 private key (PKCS#8) that signs tree heads.</summary>
    [SuppressMessage("Performance", "CA1819", Justification = "Key material arrives as bytes.")]
    [Required]
    [MinLength(32)]
    public byte[] TreeHeadSigningKey { get; set; } = [];

    /// <summary>How often a new head is signed when the ledger has grown.</summary>
    [DurationRange("00:00:01", "1.00:00:00")]
    public TimeSpan TreeHeadInterval { get; set; } = TimeSpan.FromMinutes(5);
}
