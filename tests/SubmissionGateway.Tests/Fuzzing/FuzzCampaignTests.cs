using Shouldly;
using SubmissionGateway.AttachmentRequests;
using SubmissionGateway.Fuzzing.Mutation;
using SubmissionGateway.Fuzzing.Running;
using SubmissionGateway.Fuzzing.Targets;

namespace SubmissionGateway.Tests.Fuzzing;

/// <summary>
/// The short CI run of the fuzzing campaigns (the long run is `dotnet run -c Release --project tests/SubmissionGateway.Fuzzing
/// -- --iterations 10000000 --target x12`). Seeded, so a failure here is reproduced by the seed CsCheck prints; the
/// failing input is written to the crash folder named in the output.
/// </summary>
public sealed class FuzzCampaignTests(ITestOutputHelper output)
{
    // Fixed so CI runs the same inputs every time; set CsCheck_Seed to explore others.
    private const string X12Seed = "0WwrDN1JcER1";
    private const string PdfSeed = "5z9QYy1ct7l1";

    [Fact]
    public void X12_reader_validator_and_acknowledgments_hold_their_properties_over_mutated_corpus_files()
    {
        var count = FuzzCampaign.Run(new X12Target(), FuzzCampaign.Inputs(SeedCorpus.X12(), X12Mutator.Mutate), Settings(X12Seed, 3_000), output.WriteLine);

        count.ShouldBe(3_000);
    }

    [Fact]
    public void Pdf_inspection_refuses_or_accepts_a_rewrite_that_passes_again_over_mutated_pdfs()
    {
        var count = FuzzCampaign.Run(new PdfTarget(), FuzzCampaign.Inputs(SeedCorpus.Pdf(), PdfMutator.Mutate), Settings(PdfSeed, 1_000), output.WriteLine);

        count.ShouldBe(1_000);
    }

    [Theory]
    [InlineData("font-without-first-char.pdf", "pdf-unreadable")] // PdfPig threw a font exception the catch did not list
    [InlineData("escaped-javascript-name-in-page.pdf", "pdf-javascript")] // accepted, but its rewrite named /JavaScript
    // Once accepted with a rewrite naming /Encrypt: its stream states 69 bytes, but its endstream is broken and PdfPig read 86,
    // up to "endstrea/Encrypt". Now refused before the rewrite as damaged, like the 3rd-run finding below; the rewrite scan
    // for /Encrypt keeps its own test (UploadRefusalTests.A_pdf_whose_rewrite_would_name_encrypt_is_refused_on_both_paths).
    [InlineData("encrypt-name-in-content-stream.pdf", "pdf-unreadable")]
    [InlineData("font-subtype-rewrite-unreadable.pdf", "pdf-unreadable")] // accepted, but its rewrite did not read back (10M-input run): a stream's /Length was wrong
    [InlineData("pdf-rewrite-of-rewrite-unreadable.pdf", "pdf-unreadable")] // accepted, but the rewrite of its rewrite did not read back: a stream without /Length (3rd long run)
    public void Every_pdf_the_fuzzer_found_is_refused_for_what_it_is(string file, string refusal)
    {
        var inspected = DocumentInspector.Inspect("scan.pdf", File.ReadAllBytes(Path.Combine(SeedCorpus.Folder, "fuzz", "pdf", file)), DocumentFormats.Pdf);

        inspected.Refusal.ShouldNotBeNull();
        inspected.Refusal.Type.ShouldBe(refusal);
    }

    [Fact]
    public void Every_kept_pdf_is_named_in_the_regression_rows()
    {
        Directory.GetFiles(Path.Combine(SeedCorpus.Folder, "fuzz", "pdf")).Select(Path.GetFileName)
            .ShouldBe(["encrypt-name-in-content-stream.pdf", "escaped-javascript-name-in-page.pdf", "font-without-first-char.pdf", "font-subtype-rewrite-unreadable.pdf",
                "pdf-rewrite-of-rewrite-unreadable.pdf"], ignoreOrder: true);
    }

    [Fact]
    public void Mutations_are_reproducible_from_their_seed_and_do_change_the_input()
    {
        var seeds = SeedCorpus.X12();
        var first = X12Mutator.Mutate(seeds[0], seeds[1], 3, 42);

        X12Mutator.Mutate(seeds[0], seeds[1], 3, 42).ShouldBe(first);
        var changed = Enumerable.Range(0, 50).Count(i => !X12Mutator.Mutate(seeds[0], seeds[1], 1, (ulong)i).AsSpan().SequenceEqual(seeds[0]));
        changed.ShouldBeGreaterThan(40);
    }

    [Fact]
    public void A_property_failure_writes_the_smallest_failing_input_and_names_the_seed()
    {
        var crashes = Directory.CreateTempSubdirectory("sgw-fuzz-test-");
        try
        {
            var lines = new List<string>();
            var failure = Should.Throw<Exception>(() => FuzzCampaign.Run(new FailsOnIsa(), FuzzCampaign.Inputs(SeedCorpus.X12(), X12Mutator.Mutate),
                Settings(X12Seed, 200) with { CrashFolder = crashes.FullName }, lines.Add));

            failure.Message.ShouldContain("seed");
            var saved = crashes.GetFiles().ShouldHaveSingleItem();
            File.ReadAllBytes(saved.FullName).AsSpan().IndexOf("ISA"u8).ShouldBeGreaterThanOrEqualTo(0);
            lines.ShouldContain(l => l.Contains(saved.FullName, StringComparison.Ordinal));
        }
        finally
        {
            crashes.Delete(recursive: true);
        }
    }

    private static FuzzSettings Settings(string seed, long iterations) => new()
    {
        Seed = Environment.GetEnvironmentVariable("CsCheck_Seed") ?? seed,
        Iterations = iterations,
        Threads = 1,
        // Wall-clock limits, generous: on a shared CI machine an input that needs 0.25 s of CPU has taken 11 s.
        PerInputLimit = TimeSpan.FromSeconds(60),
        HangLimit = TimeSpan.FromSeconds(300),
        CrashFolder = Path.Combine(Path.GetTempPath(), "sgw-fuzz-crashes"),
    };

    private sealed class FailsOnIsa : IFuzzTarget
    {
        public string Name => "always-isa";

        public void Check(byte[] input)
        {
            if (input.AsSpan().IndexOf("ISA"u8) >= 0)
            {
                throw new FuzzFailure("contains an ISA");
            }
        }
    }
}
