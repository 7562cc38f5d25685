namespace SubmissionGateway.X12.Reading;

/// <summary>The delimiters an interchange declares in its ISA segment: element separator (ISA byte 3),
/// repetition separator (ISA11), component separator (ISA16) and the segment terminator that follows ISA16.</summary>
public readonly record struct X12Delimiters(byte Element, byte Repetition, byte Component, byte Segment)
{
    /// <summary>The delimiters this gateway writes in its own acknowledgments and re-enveloped files.</summary>
    public static X12Delimiters Default { get; } = new((byte)'*', (byte)'^', (byte)':', (byte)'~');

    internal bool AreDistinct =>
        Element != Repetition && Element != Component && Element != Segment &&
        Repetition != Component && Repetition != Segment && Component != Segment;
}
