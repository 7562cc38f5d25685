using System.ComponentModel.DataAnnotations;
using SubmissionGateway.X12.CodeSets;

namespace SubmissionGateway.Intake;

/// <summary>How the gateway names itself on the interchanges it writes, and what it validates against.</summary>
public sealed class IntakeOptions
{
    public const string SectionName = "Intake";

    /// <summary>ISA05 of the interchanges sent to payers.</summary>
    [Required]
    [RegularExpression("^[A-Z0-9]{2}$")]
    public string SenderQualifier { get; set; } = "ZZ";

    /// <summary>ISA06 (and GS02) of the interchanges sent to payers: the gateway, never the billing system.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9]{2,15}$")]
    public string SenderId { get; set; } = "SUBMISSIONGW";

    /// <summary>The legal basis written into each disclosure entry.</summary>
    [Required]
    public string LegalBasis { get; set; } = "45 CFR 164.506(c) payment";

    /// <summary>
    /// How many control numbers a process takes from the database counter at once and hands out from memory. Larger
    /// blocks mean fewer write transactions per submission and larger gaps after a restart (unused numbers are skipped,
    /// never repeated); 1 takes every number from the database.
    /// </summary>
    [Range(1, 1_000_000)]
    public int ControlNumberBlock { get; set; } = 1000;

    /// <summary>
    /// Bodies up to this many bytes are kept in memory for the request, so they are validated and re-enveloped from
    /// that copy while the encrypted original is being stored, instead of being read back and decrypted twice. Larger
    /// bodies stream through the store and are never held whole in memory. 0 streams every body.
    /// </summary>
    [Range(0, 16 * 1024 * 1024)]
    public int InMemoryBodyLimit { get; set; } = 256 * 1024;

    /// <summary>
    /// Originals and payer interchanges up to this many bytes are sealed into the database in the same transaction as
    /// their ledger entries (when the store keeps payloads inline), instead of a file or blob each: no file create,
    /// sync and rename per payload, and a rollback leaves nothing behind. Larger ones go to the attachment store.
    /// Only bodies kept in memory (<see cref="InMemoryBodyLimit"/>) can be inline. 0 keeps every payload in the store.
    /// </summary>
    [Range(0, 1024 * 1024)]
    public int InlinePayloadLimit { get; set; } = 64 * 1024;

    /// <summary>Folder of imported code sets (<c>sgw codesets import</c>); null means the gateway's data folder.</summary>
    public string? CodeSetFolder { get; set; }

    /// <summary>A catalog already loaded (tests, hosts that share one); wins over <see cref="CodeSetFolder"/>.</summary>
    public CodeSetCatalog? CodeSets { get; set; }
}
