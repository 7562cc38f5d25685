using System.Globalization;
using System.Text;

namespace SubmissionGateway.ProvingGrounds.Harness;

/// <summary>
/// Distinct 837Ps derived from the shipped sample: each gets its own interchange and group control numbers, claim
/// ids and attachment control number, so the gateway sees a new submission every time. Invented patient only.
/// </summary>
internal static class SyntheticClaims
{
    private static readonly Lazy<string> Sample = new(() => File.ReadAllText(Repository.OfficeVisitSample));

    public static byte[] Batch(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 999_999_999);
        var isa13 = number.ToString("D9", CultureInfo.InvariantCulture);
        var gs06 = number.ToString(CultureInfo.InvariantCulture);
        var text = Sample.Value
            .Replace("*000000101*", $"*{isa13}*", StringComparison.Ordinal)
            .Replace("IEA*1*000000101", $"IEA*1*{isa13}", StringComparison.Ordinal)
            .Replace("*0930*101*X*", $"*0930*{gs06}*X*", StringComparison.Ordinal)
            .Replace("GE*1*101", $"GE*1*{gs06}", StringComparison.Ordinal)
            .Replace("SGW-CLAIM-0001", ClaimId(number, 1), StringComparison.Ordinal)
            .Replace("SGW-CLAIM-0002", ClaimId(number, 2), StringComparison.Ordinal)
            .Replace("SGWATT0002", $"ATT{isa13}", StringComparison.Ordinal);
        return Encoding.ASCII.GetBytes(text);
    }

    public static string ClaimId(int number, int claim) => string.Create(CultureInfo.InvariantCulture, $"PG{number:D9}-{claim}");
}
