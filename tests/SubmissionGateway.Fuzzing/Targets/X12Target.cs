using SubmissionGateway.X12.Acknowledgments;
using SubmissionGateway.X12.CodeSets;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.Fuzzing.Targets;

/// <summary>
/// The X12 reader and validator at every SNIP level with typed views and the built-in code sets, then both
/// acknowledgment writers. Properties: nothing escapes the validator (a file it cannot read is a finding, not an
/// exception); every interchange it saw gets a 999 (or TA1), and every acknowledgment it writes is read back by our own
/// reader and accepted by our own validator.
/// </summary>
public sealed class X12Target : IFuzzTarget
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    private readonly X12Validator _validator = new(options: new X12ValidatorOptions
    {
        CodeSets = CodeSetCatalog.BuiltIn,
        Clock = Clock,
        // Read every BIN payload to its end, as the gateway's store does.
        BinaryPayloadSink = static (_, payload) => payload.CopyTo(Stream.Null),
    });

    private readonly X12Validator _acknowledgmentValidator = new(options: new X12ValidatorOptions { Clock = Clock });

    private readonly AcknowledgmentOptions _acknowledgments = new() { Clock = Clock, NextControlNumber = static () => 1 };

    public string Name => "x12";

    public void Check(byte[] input)
    {
        var report = _validator.Validate(new MemoryStream(input, writable: false));
        foreach (var interchange in report.Interchanges)
        {
            var functional = AcknowledgmentWriter.Write(interchange, _acknowledgments);
            if (functional.Length == 0)
            {
                if (!interchange.NeedsTa1 && (!interchange.EnvelopeAccepted || interchange.Groups.Count == 0))
                {
                    // Documented: nothing is due for an interchange that asked no TA1 and has no group to acknowledge.
                    continue;
                }

                throw new FuzzFailure("An interchange was read but no TA1/999 was written for it.");
            }

            ReadBack(functional, "TA1/999");
            var claims = ClaimAcknowledgmentWriter.Write(interchange, _acknowledgments);
            if (claims.Length > 0)
            {
                ReadBack(claims, "277CA");
            }
        }
    }

    private void ReadBack(byte[] acknowledgment, string what)
    {
        var report = _acknowledgmentValidator.Validate(new MemoryStream(acknowledgment, writable: false));
        if (report.Unreadable is not null)
        {
            throw new FuzzFailure($"Our own {what} cannot be read back: {report.Unreadable}");
        }

        if (!report.Accepted)
        {
            var first = report.Findings.FirstOrDefault();
            throw new FuzzFailure($"Our own {what} does not pass our validator: {first?.EnvelopeErrorCode ?? first?.SegmentErrorCode ?? first?.ElementErrorCode} {first?.SegmentId} {first?.Message}");
        }
    }
}
