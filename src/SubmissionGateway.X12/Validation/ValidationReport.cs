namespace SubmissionGateway.X12.Validation;

/// <summary>What the validator found in one input: every interchange, group and transaction set with its verdict.</summary>
public sealed class ValidationReport
{
    public List<InterchangeResult> Interchanges { get; } = [];

    /// <summary>What the report could not check fully, e.g. a code set checked for format only.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Set when the input could not be read as X12 at all, or stopped being readable part-way.</summary>
    public string? Unreadable { get; internal set; }

    /// <summary>Byte offset where reading stopped, when <see cref="Unreadable"/> is set.</summary>
    public long UnreadableOffset { get; internal set; }

    /// <summary>True when 837 claim views were built on a second thread (the claim lane); for tests of that path.</summary>
    internal bool ClaimsBuiltAlongside { get; set; }

    /// <summary>True when the input was not X12 from its first byte (no interchange at all).</summary>
    public bool NotX12 => Interchanges.Count == 0 && Unreadable is not null;

    public IEnumerable<TransactionSetResult> Transactions => Interchanges.SelectMany(i => i.Groups).SelectMany(g => g.Transactions);

    /// <summary>Every finding, envelope and transaction, in file order of their containers.</summary>
    public IEnumerable<X12Finding> Findings =>
        Interchanges.SelectMany(i => i.Findings
            .Concat(i.Groups.SelectMany(g => g.Findings.Concat(g.Transactions.SelectMany(t => t.Findings.Concat(t.Claims.SelectMany(c => c.Findings)))))));

    /// <summary>True when everything was read, every envelope is sound and every transaction set and claim is accepted.</summary>
    public bool Accepted =>
        Unreadable is null && Interchanges.Count > 0 &&
        Interchanges.TrueForAll(i => i.EnvelopeAccepted && (i.Groups.Count > 0 || i.HasTa1) && i.Groups.TrueForAll(g =>
            g.Findings.Count == 0 && g.Transactions.Count > 0 && g.Transactions.TrueForAll(t => t.SyntaxAccepted && t.Claims.TrueForAll(c => c.Accepted))));
}
