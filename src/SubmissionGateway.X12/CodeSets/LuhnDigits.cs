namespace SubmissionGateway.X12.CodeSets;

/// <summary>The Luhn (mod 10, double every second digit from the right) sum that NPI and LOINC check digits rest on.</summary>
internal static class LuhnDigits
{
    /// <summary>
    /// The Luhn sum of <paramref name="digits"/> as if a check digit followed them: the rightmost digit given is
    /// doubled. False when a byte is not a digit.
    /// </summary>
    public static bool TrySum(ReadOnlySpan<byte> digits, out int sum)
    {
        sum = 0;
        var doubleIt = true;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return true;
    }

    public static int CheckDigit(int sum) => (10 - (sum % 10)) % 10;
}
