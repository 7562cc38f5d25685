namespace SubmissionGateway.X12.Guides;

/// <summary>One X12 syntax note of a segment, e.g. P0809 (NM108 and NM109 go together).</summary>
public sealed class SyntaxRule
{
    private SyntaxRule(SyntaxRuleKind kind, int[] positions, string notation)
    {
        Kind = kind;
        PositionArray = positions;
        Positions = positions;
        Notation = notation;
    }

    public SyntaxRuleKind Kind { get; }

    /// <summary>Element positions (1-based) the rule relates, in the order written.</summary>
    public IReadOnlyList<int> Positions { get; }

    internal int[] PositionArray { get; }

    /// <summary>The rule as the guide writes it ("P0809").</summary>
    public string Notation { get; }

    /// <summary>Parses an X12 syntax note: a letter and two-digit positions.</summary>
    public static SyntaxRule Parse(string notation)
    {
        ArgumentNullException.ThrowIfNull(notation);
        if (notation.Length < 5 || (notation.Length - 1) % 2 != 0)
        {
            throw new FormatException($"Syntax note '{notation}' is not a letter followed by two-digit positions.");
        }

        var kind = notation[0] switch
        {
            'P' => SyntaxRuleKind.Paired,
            'R' => SyntaxRuleKind.RequiredOneOf,
            'E' => SyntaxRuleKind.Exclusion,
            'C' => SyntaxRuleKind.Conditional,
            'L' => SyntaxRuleKind.ListConditional,
            _ => throw new FormatException($"Syntax note '{notation}' has an unknown kind '{notation[0]}'."),
        };
        var positions = new int[(notation.Length - 1) / 2];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = int.Parse(notation.AsSpan(1 + (i * 2), 2), System.Globalization.CultureInfo.InvariantCulture);
        }

        return new SyntaxRule(kind, positions, notation);
    }
}
