namespace SubmissionGateway.X12.Attachments;

/// <summary>One document a 275 carries (an LX loop with its BIN payload).</summary>
public sealed class AttachmentDocument
{
    /// <summary>LX01.</summary>
    public int Number { get; internal set; }

    /// <summary>LOINC attachment codes the STC segment names for this document.</summary>
    public List<string> LoincCodes { get; } = [];

    /// <summary>CAT segment: the attachment format (e.g. AE:MB for a MIME package, or a file type code).</summary>
    public string? Format { get; internal set; }

    /// <summary>Declared payload length (BIN01).</summary>
    public long Length { get; internal set; }

    /// <summary>SHA-256 of the payload bytes, computed while they streamed past.</summary>
    public byte[]? Sha256 { get; internal set; }

    public long Offset { get; internal set; }
}
