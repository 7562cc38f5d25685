using Shouldly;
using SubmissionGateway.X12.Acknowledgments;
using SubmissionGateway.X12.CodeSets;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.X12.Tests.Engine;

/// <summary>
/// Every input the fuzzer (tests/SubmissionGateway.Fuzzing) found failing, kept under tests/corpus/fuzz/x12: each made
/// the validator write an acknowledgment that our own validator refused, by echoing a received envelope value that
/// does not fit the acknowledgment's element (a control byte in a segment id, a long GS08 or CLM01, a blank ISA08,
/// an unknown ISA05 qualifier).
/// </summary>
public sealed class FuzzRegressionTests
{
    private static readonly TimeProvider Clock = new FixedClock();

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Corpus.PathOf("fuzz/x12")).Where(f => !Path.GetFileName(f).StartsWith("space-", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Acknowledgments_of_a_fuzzed_input_pass_our_own_validator(string file)
    {
        var validator = new X12Validator(options: new X12ValidatorOptions { CodeSets = CodeSetCatalog.BuiltIn, Clock = Clock });
        var report = validator.Validate(new MemoryStream(Corpus.Read("fuzz/x12/" + file)), TestContext.Current.CancellationToken);

        report.Interchanges.ShouldNotBeEmpty();
        var options = new AcknowledgmentOptions { Clock = Clock, NextControlNumber = static () => 7 };
        var written = 0;
        foreach (var interchange in report.Interchanges)
        {
            foreach (var acknowledgment in new[] { AcknowledgmentWriter.Write(interchange, options), ClaimAcknowledgmentWriter.Write(interchange, options) })
            {
                if (acknowledgment.Length == 0)
                {
                    continue;
                }

                written++;
                var check = new X12Validator(options: new X12ValidatorOptions { Clock = Clock }).Validate(new MemoryStream(acknowledgment), TestContext.Current.CancellationToken);
                check.Unreadable.ShouldBeNull();
                check.Accepted.ShouldBeTrue(string.Join("\n", check.Findings.Select(f => $"{f.SegmentId} {f.Message}")));
            }
        }

        written.ShouldBeGreaterThan(0);
    }

    /// <summary>
    /// The first two findings of that kind declared a space as the segment terminator or component separator: those
    /// files are now refused before any acknowledgment (a space is data and never delimits). Their envelope values,
    /// a blank ISA08 and the unknown ISA05 qualifier FZ, are kept in isa-blank-receiver-id.x12 and
    /// isa-unknown-sender-qualifier.x12 with the usual delimiters, above.
    /// </summary>
    [Theory]
    [InlineData("space-terminator-isa-blank-receiver-id.x12")]
    [InlineData("space-component-isa-unknown-sender-qualifier.x12")]
    public void A_fuzzed_input_that_delimits_with_a_space_is_refused_as_unreadable(string file)
    {
        var report = new X12Validator(options: new X12ValidatorOptions { Clock = Clock })
            .Validate(new MemoryStream(Corpus.Read("fuzz/x12/" + file)), TestContext.Current.CancellationToken);

        report.Interchanges.ShouldBeEmpty();
        report.Unreadable.ShouldNotBeNull().ShouldContain("is a space, which cannot be a delimiter");
    }

    [Fact]
    public void An_unrecognized_segment_id_is_not_echoed_into_IK301_as_is()
    {
        var report = new X12Validator(options: new X12ValidatorOptions { Clock = Clock })
            .Validate(new MemoryStream(Corpus.Read("fuzz/x12/999-control-byte-in-segment-id.x12")), TestContext.Current.CancellationToken);

        var text = System.Text.Encoding.Latin1.GetString(AcknowledgmentWriter.Write(report.Interchanges[0], new AcknowledgmentOptions { Clock = Clock }));

        text.ShouldNotContain("\u000e");
        text.ShouldContain("IK3*AK9*");
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    }
}
