namespace SubmissionGateway.X12.Guides;

/// <summary>X12 simple data element types.</summary>
public enum X12DataType
{
    /// <summary>String (AN).</summary>
    String,
    /// <summary>Identifier from a code list (ID).</summary>
    Identifier,
    /// <summary>Date, CCYYMMDD (DT).</summary>
    Date,
    /// <summary>Time, HHMM[SS[D[D]]] (TM).</summary>
    Time,
    /// <summary>Numeric with implied decimals (N0…N4).</summary>
    Numeric,
    /// <summary>Decimal number with an explicit point (R).</summary>
    Decimal,
    /// <summary>Binary (B), the payload of BIN/BDS.</summary>
    Binary,
}
