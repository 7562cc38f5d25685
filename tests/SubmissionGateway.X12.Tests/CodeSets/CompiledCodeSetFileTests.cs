using Shouldly;
using SubmissionGateway.X12.CodeSets;

namespace SubmissionGateway.X12.Tests.CodeSets;

/// <summary>The compiled file format: round trip, damage detection, versioning, atomic and all-or-nothing writes.</summary>
public sealed class CompiledCodeSetFileTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<string> ImportInventedFy2025Async()
    {
        var zip = SyntheticCodeSetFiles.WriteIcdZip(_temp.Path, 2025, SyntheticCodeSetFiles.OrderFile());
        var folder = _temp.File("codesets");
        await CodeSetImporter.ImportAsync([zip], folder, TimeProvider.System, TestContext.Current.CancellationToken);
        return Path.Combine(folder, "icd10cm-fy2025.sgwcs");
    }

    [Fact]
    public async Task Compiled_file_keeps_source_name_hash_dates_and_codes()
    {
        var compiled = await ImportInventedFy2025Async();
        var zip = Path.Combine(_temp.Path, "invented_2025_dx.zip");

        var set = CompiledCodeSetFile.Read(compiled);

        set.Info.Kind.ShouldBe(CodeSetKind.Icd10Cm);
        set.Info.SourceSha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(zip, TestContext.Current.CancellationToken))));
        set.Info.EffectiveFrom.ShouldBe(new DateOnly(2024, 10, 1));
        set.Info.EffectiveTo.ShouldBe(new DateOnly(2025, 9, 30));
        set.Info.CompiledAt.ShouldNotBeNull();
        var codes = new List<string>();
        foreach (var key in set.Table.Keys)
        {
            codes.Add(CodeKey.Unpack(key));
        }

        codes.ShouldBe(["Q98", "Q980", "Q99", "Q990", "Q991"]); // sorted, headers kept
        set.Table.FlagsAt(set.Table.IndexOf(Key("Q99"))).ShouldBe((byte)0);
        set.Table.FlagsAt(set.Table.IndexOf(Key("Q990"))).ShouldBe(CodeTable.Billable);
        File.ReadAllBytes(compiled).AsSpan(0, 8).SequenceEqual("SGWCODES"u8).ShouldBeTrue();
    }

    [Fact]
    public async Task A_damaged_file_is_refused_with_a_clear_message()
    {
        var compiled = await ImportInventedFy2025Async();
        var bytes = await File.ReadAllBytesAsync(compiled, TestContext.Current.CancellationToken);
        bytes[^40] ^= 0xFF;
        await File.WriteAllBytesAsync(compiled, bytes, TestContext.Current.CancellationToken);

        var error = Should.Throw<CodeSetFormatException>(() => CodeSetCatalog.Load(Path.GetDirectoryName(compiled)!));

        error.Message.ShouldContain("damaged");
    }

    [Fact]
    public async Task A_truncated_file_is_refused()
    {
        var compiled = await ImportInventedFy2025Async();
        var bytes = await File.ReadAllBytesAsync(compiled, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(compiled, bytes[..(bytes.Length / 2)], TestContext.Current.CancellationToken);

        Should.Throw<CodeSetFormatException>(() => CompiledCodeSetFile.Read(compiled));
    }

    [Fact]
    public async Task Another_format_version_is_refused()
    {
        var compiled = await ImportInventedFy2025Async();
        var bytes = await File.ReadAllBytesAsync(compiled, TestContext.Current.CancellationToken);
        bytes[8] = 99; // version, little-endian after the magic
        var body = bytes.AsSpan(0, bytes.Length - 32);
        System.Security.Cryptography.SHA256.HashData(body).CopyTo(bytes.AsSpan(bytes.Length - 32));
        await File.WriteAllBytesAsync(compiled, bytes, TestContext.Current.CancellationToken);

        var error = Should.Throw<CodeSetFormatException>(() => CompiledCodeSetFile.Read(compiled));

        error.Message.ShouldContain("format version 99");
    }

    [Fact]
    public async Task Import_leaves_no_temporary_file_and_replaces_the_set_of_the_same_year()
    {
        var compiled = await ImportInventedFy2025Async();
        var zip = SyntheticCodeSetFiles.WriteIcdZip(_temp.Path, 2025, SyntheticCodeSetFiles.OrderFile(("Q992", true)));

        await CodeSetImporter.ImportAsync([zip], Path.GetDirectoryName(compiled)!, TimeProvider.System, TestContext.Current.CancellationToken);

        Directory.GetFiles(Path.GetDirectoryName(compiled)!).Select(Path.GetFileName).ShouldBe(["icd10cm-fy2025.sgwcs"]);
        CodeSetCatalog.Load(Path.GetDirectoryName(compiled)!).CheckIcd10Cm("Q992"u8, new DateOnly(2025, 1, 1)).ShouldBe(CodeCheckResult.Valid);
    }

    [Fact]
    public async Task One_bad_file_imports_nothing()
    {
        var good = SyntheticCodeSetFiles.WriteIcdZip(_temp.Path, 2025, SyntheticCodeSetFiles.OrderFile());
        var bad = _temp.File("notes.txt");
        await File.WriteAllTextAsync(bad, "not a code set\n", TestContext.Current.CancellationToken);
        var folder = _temp.File("codesets");

        var error = await Should.ThrowAsync<CodeSetFormatException>(() =>
            CodeSetImporter.ImportAsync([good, bad], folder, TimeProvider.System, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("notes.txt");
        Directory.Exists(folder).ShouldBeFalse();
    }

    [Theory]
    [InlineData("garbage.zip", "PK\u0003\u0004 but no zip")]
    [InlineData("icd10cm_order_2025.txt", "00001 A00     0 Cholera\r\nthis line is broken\r\n")]
    [InlineData("HCPC2025.csv", "HCPC,SEQNUM,RECID,ADD DT\r\nA0021,0010,3,19850101\r\n")] // no TERM DT column
    [InlineData("HCPC2025b.csv", "HCPC,SEQNUM,RECID,LONG DESCRIPTION,SHORT DESCRIPTION,ADD DT,ACT EFF DT,TERM DT,ACTION CD\r\nA0021,0010,3,x,x,1985-01-01,,,N\r\n")]
    [InlineData("nucc_taxonomy.csv", "Code,Grouping,Classification\r\n207Q00000,a,b\r\n")]
    public async Task Broken_source_files_are_refused_with_a_message_naming_them(string name, string content)
    {
        var path = _temp.File(name);
        await File.WriteAllTextAsync(path, content, TestContext.Current.CancellationToken);

        var error = await Should.ThrowAsync<CodeSetFormatException>(() =>
            CodeSetImporter.ImportAsync([path], _temp.File("codesets"), TimeProvider.System, TestContext.Current.CancellationToken));

        error.Message.ShouldContain(name);
    }

    [Fact]
    public void Packed_keys_sort_like_the_codes()
    {
        string[] codes = ["A00", "A000", "A001", "A01", "B99", "E11", "E119", "E11A", "Z9989", "0001U", "99213", "207Q00000X"];
        var keys = codes.Select(Key).ToArray();
        var sortedCodes = codes.Order(StringComparer.Ordinal).ToArray();

        keys.Order().Select(CodeKey.Unpack).ShouldBe(sortedCodes);
        CodeKey.TryPack("A0.1"u8, out _).ShouldBeFalse();
        CodeKey.TryPack("ABCDEFGHIJK"u8, out _).ShouldBeFalse();
    }

    private static ulong Key(string code) => CodeKey.TryPack(code.AsSpan(), out var key) ? key : throw new ArgumentException(code);
}
