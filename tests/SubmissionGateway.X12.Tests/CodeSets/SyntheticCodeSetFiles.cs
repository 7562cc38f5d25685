using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace SubmissionGateway.X12.Tests.CodeSets;

/// <summary>Tiny invented code-set files in the official layouts, written for a test.</summary>
internal static class SyntheticCodeSetFiles
{
    /// <summary>An order-file line: order number (5), code (7, left-aligned), 0/1 flag, descriptions.</summary>
    public static string OrderLine(int order, string code, bool billable, string description) =>
        string.Create(CultureInfo.InvariantCulture, $"{order:D5} {code,-7} {(billable ? 1 : 0)} {description,-60} {description}");

    /// <summary>An invented FY order file: Q99 header with Q990/Q991 billable, Q98 header with Q980, plus extra codes.</summary>
    public static string OrderFile(params (string Code, bool Billable)[] extra)
    {
        var lines = new List<string>
        {
            OrderLine(1, "Q99", false, "Invented category"),
            OrderLine(2, "Q990", true, "Invented billable zero"),
            OrderLine(3, "Q991", true, "Invented billable one"),
            OrderLine(4, "Q98", false, "Invented second category"),
            OrderLine(5, "Q980", true, "Invented billable eight zero"),
        };
        var order = 6;
        foreach (var (code, billable) in extra)
        {
            lines.Add(OrderLine(order++, code, billable, "Invented extra"));
        }

        return string.Join("\r\n", lines) + "\r\n";
    }

    /// <summary>A zip like CMS's: the order file, its addenda and a codes file (the importer must pick the order file).</summary>
    public static string WriteIcdZip(string folder, int fiscalYear, string orderFile)
    {
        var path = Path.Combine(folder, $"invented_{fiscalYear}_dx.zip");
        File.Delete(path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Add(zip, $"icd10cm_codes_{fiscalYear}.txt", "Q990    Invented billable zero\r\n");
        Add(zip, $"icd10cm_order_addenda_{fiscalYear}.txt", "Add:         1 Q991    Invented\r\n");
        Add(zip, $"icd10cm_order_{fiscalYear}.txt", orderFile);
        return path;
    }

    public static string WriteHcpcsCsv(string folder, params string[] rows)
    {
        var path = Path.Combine(folder, "HCPC_INVENTED_ANWEB.csv");
        var text = new StringBuilder("HCPC,SEQNUM,RECID,LONG DESCRIPTION,SHORT DESCRIPTION,ADD DT,ACT EFF DT,TERM DT,ACTION CD\r\n");
        foreach (var row in rows)
        {
            text.Append(row).Append("\r\n");
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>A HCPCS procedure row (RECID 3); dates yyyyMMdd or empty.</summary>
    public static string HcpcsRow(string code, string added, string terminated, string description = "\"Invented, with a comma\"") =>
        $"{code},0010,3,{description},Invented,{added},{added},{terminated},N";

    public static string HcpcsModifierRow(string modifier, string added, string terminated) =>
        $"   {modifier},0010,7,Invented modifier,Invented,{added},{added},{terminated},N";

    public static string WriteTaxonomyCsv(string folder, params string[] codes)
    {
        var path = Path.Combine(folder, "nucc_taxonomy_invented.csv");
        var text = new StringBuilder("Code,Grouping,Classification,Specialization,Definition,Notes,Display Name,Section\r\n");
        foreach (var code in codes)
        {
            text.Append(code).Append(",Invented Group,Invented,,\"A definition, with a comma and \"\"quotes\"\".\",,Invented,Individual\r\n");
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.ASCII);
        writer.Write(content);
    }
}
