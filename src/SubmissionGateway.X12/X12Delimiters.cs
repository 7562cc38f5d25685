namespace SubmissionGateway.X12;

/// <summary>The four delimiters an interchange declares in its ISA segment.</summary>
public readonly record struct X12Delimiters(byte Element, byte Repetition, byte Component, byte Segment);
