extern alias fuzzing;

using System.Security.Cryptography;
using System.Text;
using CsCheck;
using fuzzing::SubmissionGateway.Fuzzing.Mutation;
using fuzzing::SubmissionGateway.Fuzzing.Running;
using fuzzing::SubmissionGateway.Fuzzing.Targets;
using Shouldly;
using SubmissionGateway.Api.AttachmentRequests;

namespace SubmissionGateway.Api.Tests.Fuzzing;

/// <summary>
/// The short CI run of the multipart campaign (the long run is `dotnet run -c Release --project tests/SubmissionGateway.Fuzzing
/// -- --iterations 10000000 --target multipart --threads 2`), the round trip of generated forms, and the bodies the
/// campaign found, kept under tests/corpus/fuzz/multipart.
/// </summary>
public sealed class MultipartReadingTests(ITestOutputHelper output)
{
    private const string CampaignSeed = "3vtV6x0uEd_1";

    private static string Found(string file) => Path.Combine(SeedCorpus.Folder, "fuzz", "multipart", file);

    [Fact]
    public void Multipart_reading_holds_its_properties_over_mutated_upload_bodies()
    {
        var settings = new FuzzSettings
        {
            Iterations = 20_000,
            Seed = Environment.GetEnvironmentVariable("CsCheck_Seed") ?? CampaignSeed,
            CrashFolder = Path.Combine(Path.GetTempPath(), "sgw-fuzz-crashes"),
            ProgressInterval = TimeSpan.Zero,
        };

        var count = FuzzCampaign.Run(new MultipartTarget(), FuzzCampaign.Inputs(MultipartSeeds.All(), MultipartMutator.Mutate), settings, output.WriteLine);

        count.ShouldBe(20_000);
    }

    [Fact]
    public void The_campaign_reaches_files_that_are_admitted_and_bodies_that_are_refused()
    {
        var outcomes = new List<MultipartOutcome>();
        FuzzCampaign.Inputs(MultipartSeeds.All(), MultipartMutator.Mutate)
            .Sample(body => outcomes.Add(MultipartTarget.Read(body, body.Length + 1)), seed: CampaignSeed, iter: 2_000, threads: 1);

        outcomes.Count(o => o.Decision == "Png, admitted").ShouldBeGreaterThan(100);
        outcomes.Count(o => o.Malformed).ShouldBeGreaterThan(100);
        outcomes.Count(o => o.TooLongField is not null).ShouldBeGreaterThan(0);
        outcomes.Count(o => !o.Malformed && o.FileSha256 is null).ShouldBeGreaterThan(0);
    }

    /// <summary>The oracle: a well-formed form, whatever its values and document bytes, reads back exactly, whole and in pieces.</summary>
    [Fact]
    public void Generated_forms_read_back_exactly_whole_and_in_pieces()
    {
        var boundaryBits = Encoding.ASCII.GetBytes("\r\n--" + MultipartSeeds.Boundary);
        var documents = Gen.Select(Gen.Byte.Array[0, 3000], Gen.Int[0, 3], Gen.Int[0, boundaryBits.Length - 1], (bytes, inserts, cut) =>
        {
            // Documents that carry the boundary's first bytes (never all of them: then it would be a boundary).
            var document = bytes;
            for (var i = 0; i < inserts; i++)
            {
                var at = document.Length == 0 ? 0 : bytes.Length % (document.Length + 1);
                document = [.. document.AsSpan(0, at), .. boundaryBits.AsSpan(0, cut), .. document.AsSpan(at)];
            }

            return document;
        });
        var values = Gen.OneOf(Gen.Char['!', '~'], Gen.Char['\u00C0', '\u017F']).Array[0, 1024].Select(c => new string(c));
        Gen.Select(values.Array[6], documents, Gen.Int[1, 64]).Sample((fieldValues, document, chunk) =>
        {
            var fields = MultipartSeeds.Fields.Select((f, i) => (f.Name, fieldValues[i])).ToList();
            var body = MultipartSeeds.Body(fields, "filename=\"scan.png\"", "image/png", document);
            var expected = string.Join("&", fields.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => $"{f.Name}={f.Item2}"));

            foreach (var outcome in new[] { MultipartTarget.Read(body, body.Length + 1), MultipartTarget.Read(body, chunk) })
            {
                outcome.Malformed.ShouldBeFalse();
                outcome.Fields.ShouldBe(expected);
                outcome.FileName.ShouldBe("scan.png");
                outcome.FileSha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(document)));
            }
        }, seed: "0N0XIzNfhQu2", iter: 300, threads: 1);
    }

    [Theory]
    [InlineData("filename-star-without-value.bin", typeof(ArgumentNullException))] // `filename*` with no value
    [InlineData("filename-star-in-utf-7.bin", typeof(NotSupportedException))] // `filename*=UTF-7''…`: .NET refuses UTF-7
    public void A_file_name_star_that_cannot_be_decoded_is_a_malformed_body_not_a_crash(string file, Type thrownByAspNet)
    {
        // Found by the campaign: ASP.NET's header decoding threw these, and each was a 500.
        var body = File.ReadAllBytes(Found(file));

        var upload = Should.Throw<InvalidDataException>(() =>
            StreamedUpload.ReadUntilFileAsync(MultipartSeeds.Boundary, new MemoryStream(body), TestContext.Current.CancellationToken));

        upload.Message.ShouldContain("filename*");
        upload.InnerException.ShouldBeOfType(thrownByAspNet);
    }

    [Fact]
    public void A_body_with_junk_after_a_boundary_reads_the_same_whole_and_a_few_bytes_at_a_time()
    {
        // Found by the campaign: ASP.NET's reader refused this whole (line too long) but read it as six parts, file
        // included, when it arrived in 7-byte pieces. Read through the gateway's reader, both ways give the same answer.
        var body = File.ReadAllBytes(Found("junk-after-boundary-line.bin"));

        var whole = MultipartTarget.Read(body, body.Length + 1);

        whole.Malformed.ShouldBeTrue();
        foreach (var chunk in new[] { 1, 2, 7, 13, 100 })
        {
            MultipartTarget.Read(body, chunk).ShouldBe(whole, $"read {chunk} bytes at a time");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(4096)]
    public async Task A_filled_read_is_short_only_at_the_end_of_the_body(int arriving)
    {
        var body = RandomNumberGenerator.GetBytes(10_000);
        var filled = new FilledReadStream(new ChunkedReadStream(body, arriving));
        var buffer = new byte[3_000];
        var reads = new List<int>();
        var copy = new MemoryStream();

        int read;
        while ((read = await filled.ReadAsync(buffer, TestContext.Current.CancellationToken)) > 0)
        {
            reads.Add(read);
            copy.Write(buffer, 0, read);
        }

        reads.ShouldBe([3_000, 3_000, 3_000, 1_000]);
        copy.ToArray().ShouldBe(body);
    }
}
