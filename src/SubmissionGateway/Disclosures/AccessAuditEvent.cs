namespace SubmissionGateway.Disclosures;

/// <summary>One read or write of PHI through the gateway: who, what, when and why.</summary>
public sealed class AccessAuditEvent
{
    public long Id { get; set; }

    public DateTime OccurredAt { get; set; }

    /// <summary>User or client id.</summary>
    public string Actor { get; set; } = "";

    public AccessAction Action { get; set; }

    /// <summary>The kind of thing touched: attachment-request, claim, submission, accounting, …</summary>
    public string ResourceType { get; set; } = "";

    public string ResourceId { get; set; } = "";

    /// <summary>Why: the stated reason or the work item that justified the access.</summary>
    public string Reason { get; set; } = "";

    /// <summary>Whether the request or case touched was already closed when it was accessed.</summary>
    public bool ResourceClosed { get; set; }
}
