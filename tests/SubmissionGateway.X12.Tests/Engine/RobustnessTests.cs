using CsCheck;
using Shouldly;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.X12.Tests.Engine;

/// <summary>Arbitrary and mutated bytes never crash or hang the reader or the validator.</summary>
public sealed class RobustnessTests
{
    private static readonly byte[] Sample = Corpus.Read("837P/valid-office-visit.x12");
    private static readonly X12Validator Validator = new();

    [Fact]
    public void Mutated_claim_files_always_get_a_verdict()
    {
        var mutation = Gen.Select(Gen.Int[0, Sample.Length - 1], Gen.Byte, Gen.Int[0, 2], (at, value, kind) => (at, value, kind));
        mutation.Array[1, 12].Sample(mutations =>
        {
            var bytes = new List<byte>(Sample);
            foreach (var (at, value, kind) in mutations)
            {
                var position = Math.Min(at, bytes.Count - 1);
                switch (kind)
                {
                    case 0:
                        bytes[position] = value;
                        break;
                    case 1:
                        bytes.Insert(position, value);
                        break;
                    default:
                        bytes.RemoveAt(position);
                        break;
                }
            }

            var report = Validator.Validate(new MemoryStream([.. bytes]), TestContext.Current.CancellationToken);
            (report.Accepted || report.Findings.Any() || report.Unreadable is not null).ShouldBeTrue();
        }, iter: 3000);
    }

    [Fact]
    public void Random_bytes_always_get_a_verdict()
    {
        Gen.Byte.Array[0, 600].Sample(bytes =>
        {
            var report = Validator.Validate(new MemoryStream(bytes), TestContext.Current.CancellationToken);
            report.Accepted.ShouldBeFalse();
        }, iter: 3000);
    }

    [Fact]
    public void Truncating_a_valid_file_anywhere_never_passes()
    {
        for (var length = 0; length < Sample.Length - 12; length += 7)
        {
            var report = Validator.Validate(new MemoryStream(Sample, 0, length), TestContext.Current.CancellationToken);
            report.Accepted.ShouldBeFalse($"accepted when cut at {length}");
        }
    }
}
