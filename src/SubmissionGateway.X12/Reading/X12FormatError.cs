namespace SubmissionGateway.X12.Reading;

/// <summary>Why the reader could not go on.</summary>
public enum X12FormatError
{
    None = 0,
    /// <summary>The input does not start with an ISA segment.</summary>
    NotX12,
    /// <summary>The ISA segment is shorter than its 16 elements or declares clashing delimiters.</summary>
    InvalidInterchangeHeader,
    /// <summary>No segment terminator within the longest segment the reader accepts.</summary>
    SegmentTooLong,
    /// <summary>The input ended inside a segment.</summary>
    UnexpectedEnd,
    /// <summary>A BIN/BDS length is not a number, or the byte after the declared payload is not the segment terminator.</summary>
    InvalidBinaryLength,
}
