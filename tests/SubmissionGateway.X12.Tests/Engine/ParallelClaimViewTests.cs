using System.Text;
using System.Text.Json;
using Shouldly;
using SubmissionGateway.Benchmarks.X12;
using SubmissionGateway.X12.Acknowledgments;
using SubmissionGateway.X12.CodeSets;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.X12.Tests.Engine;

/// <summary>
/// Claim views and edits built on a second thread (ParallelThresholdBytes) must give the very report the sequential
/// path gives: every finding in order, every claim field, the notes, and the 999 and 277CA bytes.
/// </summary>
public sealed class ParallelClaimViewTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    // The acknowledgments carry the time to the minute (ISA10, GS05): on the system clock two runs a few seconds apart
    // on a busy machine can straddle a minute and differ, which once made this comparison fail for no fault of the lane.
    private static readonly AcknowledgmentOptions AckOptions = new() { NextControlNumber = () => 77, Clock = new FixedClock(Now) };

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Corpus.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!file.EndsWith(".tsv", StringComparison.Ordinal) && !file.EndsWith(".md", StringComparison.Ordinal))
            {
                data.Add(Path.GetRelativePath(Corpus.Root, file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Every_corpus_file_gives_the_same_report_on_both_paths(string file)
    {
        var bytes = Corpus.Read(file);

        var sequential = Describe(bytes, parallel: false);
        var parallel = Describe(bytes, parallel: true);

        parallel.ShouldBe(sequential);
    }

    [Fact]
    public void The_large_generated_file_gives_the_same_report_on_both_paths()
    {
        var bytes = LargeClaimFile.Build(3 * 1024 * 1024);

        var sequential = Describe(bytes, parallel: false);
        var parallel = Describe(bytes, parallel: true);

        parallel.ShouldBe(sequential);
        sequential.ShouldContain("\"Id\":\"SGW-00010000\"");
    }

    [Fact]
    public void By_default_a_file_of_a_megabyte_or_more_gets_the_lane_and_a_small_one_does_not()
    {
        var validator = new X12Validator(options: new X12ValidatorOptions { CodeSets = CodeSetCatalog.BuiltIn });

        var large = validator.Validate(new MemoryStream(LargeClaimFile.Build(2 * 1024 * 1024)), TestContext.Current.CancellationToken);
        var small = validator.Validate(new MemoryStream(Corpus.Read("837P/valid-office-visit.x12")), TestContext.Current.CancellationToken);

        large.ClaimsBuiltAlongside.ShouldBe(Environment.ProcessorCount > 1, "the lane needs a second processor");
        large.Accepted.ShouldBeTrue();
        small.ClaimsBuiltAlongside.ShouldBeFalse();
        small.Accepted.ShouldBeTrue();
    }

    [Fact]
    public void A_large_stream_of_unknown_length_moves_its_claims_to_the_lane_part_way_with_the_same_report()
    {
        var text = Encoding.ASCII.GetString(LargeClaimFile.Build(3 * 1024 * 1024));
        // Faults on both sides of the point where the lane takes over (1 MiB into the input).
        text = text.Replace("CLM*SGW-00000011*150.", "CLM*SGW-00000011*999.", StringComparison.Ordinal)
            .Replace("CLM*SGW-00009002*80*", "CLM*SGW-00009002*81*", StringComparison.Ordinal);
        var bytes = Encoding.ASCII.GetBytes(text);
        var options = new X12ValidatorOptions
        {
            CodeSets = CodeSetCatalog.BuiltIn,
            Clock = new FixedClock(Now),
            ParallelThresholdBytes = 1024 * 1024,
        };

        var unknownLength = new X12Validator(options: options).Validate(new UnknownLengthStream(bytes), TestContext.Current.CancellationToken);
        var small = new X12Validator(options: options).Validate(new UnknownLengthStream(bytes[..(512 * 1024)]), TestContext.Current.CancellationToken);

        unknownLength.ClaimsBuiltAlongside.ShouldBe(Environment.ProcessorCount > 1, "the lane needs a second processor");
        small.ClaimsBuiltAlongside.ShouldBeFalse("half a megabyte never reaches the threshold");
        Describe(unknownLength).ShouldBe(Describe(bytes, parallel: false));
        var claims = unknownLength.Transactions.Single().Claims;
        claims.Single(c => c.Id == "SGW-00000011").Findings.ShouldContain(f => f.Rule == "claim-charge-balance");
        claims.Single(c => c.Id == "SGW-00009002").Findings.ShouldContain(f => f.Rule == "claim-charge-balance");
    }

    [Fact]
    public void A_large_file_with_bad_claims_and_bad_segments_gives_the_same_report_on_both_paths()
    {
        var text = Encoding.ASCII.GetString(LargeClaimFile.Build(2 * 1024 * 1024));
        // SNIP 3 imbalance, SNIP 4 patient loop, SNIP 5 unknown code and bad qualifier, SNIP 2 bad element and an
        // unexpected segment, spread over the file so they land in different batches of the lane.
        text = text.Replace("CLM*SGW-00000011*150.", "CLM*SGW-00000011*999.", StringComparison.Ordinal)
            .Replace("CLM*SGW-00003002*80*", "CLM*SGW-00003002*81*", StringComparison.Ordinal)
            .Replace("HL*500*1*22*0~\nSBR*P*18*", "HL*500*1*22*0~\nSBR*P*01*", StringComparison.Ordinal)
            .Replace("HL*2000*1*22*0~\nSBR*P*18*GRP0042******CI~\nNM1*IL*1*", "HL*2000*1*22*0~\nSBR*P*18*GRP0042******CI~\nNM1*IL*X*", StringComparison.Ordinal)
            .Replace("HL*4000*1*22*0~", "HL*4000*1*22*0~\nZZZ*1~", StringComparison.Ordinal);
        // A claim the validator finds fault with (a situational rule: PWK without its control number) and whose edits
        // find fault too (the charge does not balance): both kinds of finding land in the same claim's list.
        for (var claim = 21; claim < 40_000; claim += 97)
        {
            var clm = text.IndexOf($"CLM*SGW-{claim:D8}*", StringComparison.Ordinal);
            if (clm < 0)
            {
                continue;
            }

            var end = text.IndexOf('~', clm);
            var charge = clm + $"CLM*SGW-{claim:D8}*".Length;
            text = text.Insert(end + 2, "PWK*OZ*BM~\n").Insert(charge, "7");
        }

        var dx = text.IndexOf("HI*ABK:", 1_000_000, StringComparison.Ordinal);
        text = string.Concat(text.AsSpan(0, dx), "HI*ABK:Q99999*ZZZ:E119", text.AsSpan(text.IndexOf('~', dx)));
        var bytes = Encoding.ASCII.GetBytes(text);

        var sequential = Describe(bytes, parallel: false);
        var parallel = Describe(bytes, parallel: true);

        parallel.ShouldBe(sequential);
        sequential.ShouldContain("claim-charge-balance");
        sequential.ShouldContain("patient-loop-when-not-subscriber");
        sequential.ShouldContain("Q99999");
        sequential.ShouldContain("ZZZ");
        sequential.ShouldContain("pwk-control-number");
    }

    [Fact]
    public void Findings_of_both_threads_about_one_claim_come_out_in_the_same_order_run_after_run()
    {
        var text = Encoding.ASCII.GetString(LargeClaimFile.Build(1024 * 1024));
        for (var claim = 1; claim < 20_000; claim += 3)
        {
            var clm = text.IndexOf($"CLM*SGW-{claim:D8}*", StringComparison.Ordinal);
            if (clm >= 0)
            {
                var end = text.IndexOf('~', clm);
                var charge = clm + $"CLM*SGW-{claim:D8}*".Length;
                text = text.Insert(end + 2, "PWK*OZ*BM~\n").Insert(charge, "9");
            }
        }

        var bytes = Encoding.ASCII.GetBytes(text);
        var sequential = Describe(bytes, parallel: false);
        sequential.ShouldContain("pwk-control-number");
        sequential.ShouldContain("claim-charge-balance");

        for (var run = 0; run < 10; run++)
        {
            Describe(bytes, parallel: true).ShouldBe(sequential, $"run {run}");
        }
    }

    [Fact]
    public void Cancellation_stops_both_threads()
    {
        var bytes = LargeClaimFile.Build(4 * 1024 * 1024);
        using var cancellation = new CancellationTokenSource();
        using var input = new CancellingStream(bytes, cancelAfter: 1024 * 1024, cancellation);
        var validator = new X12Validator(options: new X12ValidatorOptions { CodeSets = CodeSetCatalog.BuiltIn, ParallelThresholdBytes = 0 });

        Should.Throw<OperationCanceledException>(() => validator.Validate(input, cancellation.Token));
        input.Position.ShouldBeLessThan(bytes.Length);
    }

    private static string Describe(byte[] bytes, bool parallel)
    {
        var validator = new X12Validator(options: new X12ValidatorOptions
        {
            CodeSets = CodeSetCatalog.BuiltIn,
            Clock = new FixedClock(Now),
            ParallelThresholdBytes = parallel ? 0 : long.MaxValue,
        });
        var report = validator.Validate(new MemoryStream(bytes), TestContext.Current.CancellationToken);
        if (!parallel)
        {
            report.ClaimsBuiltAlongside.ShouldBeFalse();
        }

        return Describe(report);
    }

    private static string Describe(ValidationReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(JsonSerializer.Serialize(new { report.Unreadable, report.UnreadableOffset, report.Notes, report.Accepted }));
        text.AppendLine(JsonSerializer.Serialize(report.Findings.ToList()));
        foreach (var interchange in report.Interchanges)
        {
            foreach (var transaction in interchange.Groups.SelectMany(g => g.Transactions))
            {
                text.AppendLine(JsonSerializer.Serialize(new { transaction.ControlNumber, transaction.SegmentCount, transaction.Reference, transaction.SyntaxAccepted, transaction.Accepted }));
                text.AppendLine(JsonSerializer.Serialize(transaction.Claims));
                text.AppendLine(JsonSerializer.Serialize(transaction.Claims.Select(c => new { c.Accepted, c.SyntaxAccepted, c.DatesOfService?.From, c.DatesOfService?.To })));
            }

            text.AppendLine(Acknowledgment(() => AcknowledgmentWriter.Write(interchange, AckOptions)));
            text.AppendLine(Acknowledgment(() => ClaimAcknowledgmentWriter.Write(interchange, AckOptions)));
        }

        return text.ToString();
    }

    private static string Acknowledgment(Func<byte[]> write)
    {
        try
        {
            return Encoding.Latin1.GetString(write());
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            return ex.GetType().Name + ": " + ex.Message;
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>A stream that will not say how long it is, as a request body or a decrypting stream does.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }

    /// <summary>A seekable stream that cancels a token once so many bytes have been read, as a caller giving up would.</summary>
    private sealed class CancellingStream(byte[] bytes, int cancelAfter, CancellationTokenSource cancellation) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= cancelAfter)
            {
                cancellation.Cancel();
            }

            return base.Read(buffer, offset, count);
        }
    }
}
