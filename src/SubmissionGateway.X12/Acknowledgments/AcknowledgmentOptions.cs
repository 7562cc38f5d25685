namespace SubmissionGateway.X12.Acknowledgments;

/// <summary>Who the gateway is in the acknowledgments it writes, and where its control numbers come from.</summary>
public sealed class AcknowledgmentOptions
{
    /// <summary>The gateway's name as the information source of a 277CA (2100A NM103).</summary>
    public string GatewayName { get; init; } = "SUBMISSIONGATEWAY";

    /// <summary>The gateway's id as the information source of a 277CA (2100A NM109, ETIN).</summary>
    public string GatewayId { get; init; } = "SGW";

    /// <summary>ISA05 qualifier of the gateway's own interchange id.</summary>
    public string SenderQualifier { get; init; } = "ZZ";

    /// <summary>ISA06 of the acknowledgments; empty: echo the original receiver (ISA08).</summary>
    public string? SenderId { get; init; }

    /// <summary>GS02 of the acknowledgments; empty: echo the original receiver code (GS03).</summary>
    public string? ApplicationSenderCode { get; init; }

    /// <summary>Supplies interchange and group control numbers (1 … 999,999,999). The gateway keeps a counter; the CLI
    /// uses a time-based one.</summary>
    public Func<long> NextControlNumber { get; init; } = TimeBasedControlNumber;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Write a line break after each segment (readable, still valid).</summary>
    public bool LineBreaks { get; init; } = true;

    private static long TimeBasedControlNumber() => 1 + (DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 999_999_998);
}
