namespace SubmissionGateway.X12.CodeSets;

/// <summary>
/// A LOINC code as attachment requests and 275s carry it (e.g. 18842-5): up to seven digits, a hyphen, and the
/// check digit LOINC's "mod 10" algorithm gives. That algorithm (double the number formed by the odd positions
/// from the right, append the even positions, add all digits, distance to the next multiple of ten) always
/// yields the Luhn check digit, which is how it is computed here.
/// </summary>
public static class LoincCode
{
    /// <summary><see cref="CodeCheckResult.Valid"/>, <see cref="CodeCheckResult.InvalidFormat"/> or <see cref="CodeCheckResult.InvalidCheckDigit"/>.</summary>
    public static CodeCheckResult Check(ReadOnlySpan<byte> code)
    {
        var hyphen = code.IndexOf((byte)'-');
        if (hyphen is < 1 or > 7 || hyphen != code.Length - 2)
        {
            return CodeCheckResult.InvalidFormat;
        }

        var check = code[^1] - '0';
        if ((uint)check > 9 || !LuhnDigits.TrySum(code[..hyphen], out var sum))
        {
            return CodeCheckResult.InvalidFormat;
        }

        return LuhnDigits.CheckDigit(sum) == check ? CodeCheckResult.Valid : CodeCheckResult.InvalidCheckDigit;
    }
}
