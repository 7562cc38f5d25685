using System.Text;

namespace SubmissionGateway.Api.Tests.Attachments;

/// <summary>
/// The corpus's unsolicited 275 (invented patient TESTPATIENT, JANE, member SGW00012345; claim SGW-CLAIM-0002 of the
/// sample 837, PWK06 SGWATT0002, date of service 2026-11-12, LOINC 18842-5), with fields swapped per test. Swaps keep
/// the segment count and leave the BIN payload alone, so the result stays valid X12.
/// </summary>
internal static class Synthetic275
{
    public static string Unsolicited => File.ReadAllText(Samples.Corpus("275/valid-unsolicited-pdf.x12"), Encoding.Latin1);

    /// <summary>A solicited 275 answering payer request <paramref name="requestNumber"/> about claim SGW-CLAIM-0001 (2026-11-10).</summary>
    public static string Solicited(string requestNumber) => Unsolicited
        .Replace("BGN*02*SGWATT0002", "BGN*11*SGWATT0003", StringComparison.Ordinal)
        .Replace("TRN*1*SGWATT0002", "TRN*2*" + requestNumber, StringComparison.Ordinal)
        .Replace("REF*EJ*SGW-CLAIM-0002", "REF*EJ*SGW-CLAIM-0001", StringComparison.Ordinal)
        .Replace("DTP*472*D8*20261112", "DTP*472*D8*20261110", StringComparison.Ordinal);

    public static string With(this string x12, params (string From, string To)[] swaps)
    {
        foreach (var (from, to) in swaps)
        {
            if (!x12.Contains(from, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The 275 has no '{from}' to swap.");
            }

            x12 = x12.Replace(from, to, StringComparison.Ordinal);
        }

        return x12;
    }
}
