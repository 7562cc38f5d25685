namespace SubmissionGateway.X12.Guides;

/// <summary>How an implementation guide uses a loop, segment or element.</summary>
public enum Usage
{
    Required,
    Situational,
    NotUsed,
}
