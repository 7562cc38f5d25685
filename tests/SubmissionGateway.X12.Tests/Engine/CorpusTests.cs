using System.Text.Json;
using Shouldly;
using SubmissionGateway.X12.CodeSets;
using SubmissionGateway.Cli.Validate;

namespace SubmissionGateway.X12.Tests.Engine;

public sealed class CorpusTests
{
    public static TheoryData<string, int, string, string> Files => Corpus.Expected();

    [Theory]
    [MemberData(nameof(Files))]
    public void Sgw_validate_gives_the_expected_verdict_and_first_error(string file, int exitCode, string firstCode, string firstSegment)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = ValidateCommand.Run([new FileInfo(Corpus.PathOf(file))], json: true, ackOut: null, stdout, stderr, CodeSetCatalog.BuiltIn);

        exit.ShouldBe(exitCode, stdout.ToString());
        using var document = JsonDocument.Parse(stdout.ToString());
        var root = document.RootElement;
        root.GetProperty("accepted").GetBoolean().ShouldBe(exitCode == 0);
        var errors = root.GetProperty("errors").EnumerateArray().ToList();
        if (firstCode == "-")
        {
            errors.ShouldBeEmpty();
            root.GetProperty("transactions").GetArrayLength().ShouldBeGreaterThan(0);
            return;
        }

        errors.ShouldNotBeEmpty();
        errors[0].GetProperty("code").GetString().ShouldBe(firstCode);
        if (firstSegment != "-")
        {
            errors[0].GetProperty("segment").GetString().ShouldBe(firstSegment);
        }

        errors[0].GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        stderr.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void Json_report_lists_claims_with_their_verdicts()
    {
        using var stdout = new StringWriter();
        ValidateCommand.Run([new FileInfo(Corpus.PathOf("837P/bad-date.x12"))], json: true, ackOut: null, stdout, TextWriter.Null, CodeSetCatalog.BuiltIn)
            .ShouldBe(ValidateCommand.Rejected);

        using var document = JsonDocument.Parse(stdout.ToString());
        var transaction = document.RootElement.GetProperty("transactions")[0];
        transaction.GetProperty("controlNumber").GetString().ShouldBe("0001");
        transaction.GetProperty("implementation").GetString().ShouldBe("005010X222A1");
        var claims = transaction.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        claims.ShouldBe(["SGW-CLAIM-0001", "SGW-CLAIM-0002"]);
        var error = document.RootElement.GetProperty("errors")[0];
        error.GetProperty("snip").GetInt32().ShouldBe(1);
        error.GetProperty("loop").GetString().ShouldBe("2400");
        error.GetProperty("element").GetString().ShouldBe("DTP03");
        error.GetProperty("claim").GetString().ShouldBe("SGW-CLAIM-0001");
        error.GetProperty("position").GetInt32().ShouldBe(25);
        // Without imported sets the report says which checks were format only.
        document.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ShouldContain(n => n!.StartsWith("ICD-10-CM: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Ack_out_writes_a_999_beside_and_the_readable_report_names_it()
    {
        var folder = Directory.CreateTempSubdirectory("sgw-acks-");
        try
        {
            using var stdout = new StringWriter();
            ValidateCommand.Run([new FileInfo(Corpus.PathOf("837P/valid-office-visit.x12"))], json: false, folder, stdout, TextWriter.Null, CodeSetCatalog.BuiltIn)
                .ShouldBe(ValidateCommand.Accepted);

            var ack = Path.Combine(folder.FullName, "valid-office-visit.999.x12");
            File.Exists(ack).ShouldBeTrue();
            File.ReadAllText(ack).ShouldContain("AK9*A*1*1*1~");
            stdout.ToString().ShouldContain("ACCEPTED");
            stdout.ToString().ShouldContain(ack);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_file_is_exit_2_with_a_message_not_a_stack_trace()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        ValidateCommand.Run([new FileInfo("/nonexistent/claims.x12")], json: false, ackOut: null, stdout, stderr, CodeSetCatalog.BuiltIn).ShouldBe(ValidateCommand.Unreadable);
        stderr.ToString().ShouldContain("cannot read");
        stderr.ToString().ShouldNotContain("   at ");
    }

    [Fact]
    public async Task A_command_line_that_cannot_be_parsed_exits_2_with_a_message()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await SubmissionGateway.Cli.SgwCommand.RunAsync(["validate"], stdout, stderr);

        exit.ShouldBe(2);
        stderr.ToString().ShouldContain("sgw: ");
        stderr.ToString().ShouldContain("--help");
    }
}
