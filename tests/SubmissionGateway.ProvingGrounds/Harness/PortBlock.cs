namespace SubmissionGateway.ProvingGrounds.Harness;

/// <summary>
/// Fixed loopback ports for one test: the gateway's plain-HTTP port and the payer stand-in's (fixed so the payer
/// can go down and come back at the same address). Each test class takes its own block from 45700-45799.
/// </summary>
internal sealed record PortBlock(int Gateway, int Payer)
{
    public static PortBlock At(int offset) => new(45700 + offset, 45750 + offset);
}
