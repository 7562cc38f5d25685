using System.Globalization;
using System.Text;

namespace SubmissionGateway.Benchmarks.X12;

/// <summary>Builds a valid 837P of a given size: one billing provider, then subscriber loops with two claims each.
/// Names, member ids, addresses, codes and amounts vary from subscriber to subscriber as in a real batch, so no
/// cache or intern table is flattered by repetition.</summary>
public static class LargeClaimFile
{
    public static byte[] Build(int minimumBytes)
    {
        var header = """
            ISA*00*          *00*          *ZZ*SGWDEMOBILLING *ZZ*SGWSANDBOXPAYER*261120*0930*^*00501*000000101*0*T*:~
            GS*HC*SGWDEMOBILLING*SGWSANDBOXPAYER*20261120*0930*101*X*005010X222A1~
            ST*837*0001*005010X222A1~
            BHT*0019*00*BATCH0001*20261120*0930*CH~
            NM1*41*2*MAPLE STREET BILLING*****46*SGW000001~
            PER*IC*ALEX CLERK*TE*5555550100~
            NM1*40*2*SANDBOX HEALTH PLAN*****46*SGWPAYER01~
            HL*1**20*1~
            NM1*85*2*MAPLE STREET FAMILY MEDICINE*****XX*1234567893~
            N3*100 MAPLE STREET~
            N4*SPRINGFIELD*IL*627010001~
            REF*EI*371234567~

            """.Replace("\r", string.Empty, StringComparison.Ordinal);
        var text = new StringBuilder(minimumBytes + 4096);
        text.Append(header);
        var segments = header.Count(c => c == '~') - 2;
        var hl = 1;
        var claim = 0;
        string[] lastNames = ["TESTPATIENT", "SAMPLEFORD", "EXAMPLEMAN", "FICTIVA", "MOCKINGTON", "PLACEHOLDT", "INVENTERO"];
        string[] firstNames = ["JANE", "JOHN", "ALEX", "SAM", "ROBIN", "CASEY", "JORDAN", "TAYLOR"];
        string[] diagnoses = ["J069", "R509", "Z0000", "E119", "I10", "M5450", "K219", "J029"];
        string[] procedures = ["99213", "99214", "99212", "87880", "93000", "36415", "81002", "90471"];
        while (text.Length < minimumBytes)
        {
            hl++;
            var member = hl.ToString("D9", CultureInfo.InvariantCulture);
            var last = lastNames[hl % lastNames.Length] + (char)('A' + (hl / 7 % 26)) + (char)('A' + (hl / 182 % 26));
            var first = firstNames[hl % firstNames.Length];
            var street = 100 + (hl % 9000);
            var dx1 = diagnoses[hl % diagnoses.Length];
            var dx2 = diagnoses[(hl / 3) % diagnoses.Length];
            var px1 = procedures[hl % procedures.Length];
            var px2 = procedures[(hl / 5) % procedures.Length];
            var cents = hl % 100;
            var block = $"""
                HL*{hl}*1*22*0~
                SBR*P*18*GRP0042******CI~
                NM1*IL*1*{last}*{first}*Q***MI*SGW{member}~
                N3*{street} INVENTED LANE~
                N4*SPRINGFIELD*IL*62704~
                DMG*D8*19800115*F~
                NM1*PR*2*SANDBOX HEALTH PLAN*****PI*SGWPAYER01~
                CLM*SGW-{++claim:D8}*150.{cents:D2}***11:B:1*Y*A*Y*Y~
                HI*ABK:{dx1}*ABF:{dx2}~
                LX*1~
                SV1*HC:{px1}*100.{cents:D2}*UN*1***1:2~
                DTP*472*D8*20260910~
                LX*2~
                SV1*HC:{px2}*50*UN*1***1~
                DTP*472*D8*20260910~
                CLM*SGW-{++claim:D8}*80***11:B:1*Y*A*Y*Y~
                HI*ABK:{dx2}~
                LX*1~
                SV1*HC:{px1}*80*UN*1***1~
                DTP*472*D8*20260912~

                """.Replace("\r", string.Empty, StringComparison.Ordinal);
            text.Append(block);
            segments += 20;
        }

        text.Append(CultureInfo.InvariantCulture, $"SE*{segments + 1}*0001~\nGE*1*101~\nIEA*1*000000101~\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
