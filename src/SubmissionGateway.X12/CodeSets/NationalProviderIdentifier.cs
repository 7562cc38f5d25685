namespace SubmissionGateway.X12.CodeSets;

/// <summary>The NPI (NM109 with qualifier XX): ten digits, the last a Luhn check digit over the ISO card prefix 80840 and the first nine.</summary>
public static class NationalProviderIdentifier
{
    /// <summary>The Luhn sum of the prefix 80840 when it is followed by nine digits (its doubled positions fixed by that).</summary>
    private const int PrefixSum = 24;

    /// <summary><see cref="CodeCheckResult.Valid"/>, <see cref="CodeCheckResult.InvalidFormat"/> or <see cref="CodeCheckResult.InvalidCheckDigit"/>.</summary>
    public static CodeCheckResult Check(ReadOnlySpan<byte> npi)
    {
        if (npi.Length != 10 || !LuhnDigits.TrySum(npi[..9], out var sum) || (uint)(npi[9] - '0') > 9)
        {
            return CodeCheckResult.InvalidFormat;
        }

        return LuhnDigits.CheckDigit(sum + PrefixSum) == npi[9] - '0' ? CodeCheckResult.Valid : CodeCheckResult.InvalidCheckDigit;
    }
}
