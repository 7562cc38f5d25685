using System.Text;
using BenchmarkDotNet.Attributes;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.Benchmarks.X12;

/// <summary>
/// Validation of a 275 carrying a 50 MB document in its BIN segment, against a baseline scan of the same bytes for
/// segment terminators. The payload streams through the reader (and SHA-256) without being buffered, so memory stays
/// flat: compare Allocated with the file size.
/// Run: dotnet run -c Release --project tests/SubmissionGateway.Benchmarks -- --filter '*AttachmentValidation*'
/// </summary>
[MemoryDiagnoser]
public class AttachmentValidationBenchmarks
{
    private const int PayloadSize = 50 * 1024 * 1024;
    private byte[] _file = [];
    private X12Validator _validator = null!;

    [GlobalSetup]
    public void Setup()
    {
        var head = Encoding.ASCII.GetBytes(
            "ISA*00*          *00*          *ZZ*SGWDEMOBILLING *ZZ*SGWSANDBOXPAYER*261121*1015*^*00501*000000201*0*T*:~\n" +
            "GS*PI*SGWDEMOBILLING*SGWSANDBOXPAYER*20261121*1015*201*X*005010X210~\nST*275*0001*005010X210~\n" +
            "BGN*02*SGWATT0002*20261121*1015~\nNM1*PR*2*SANDBOX HEALTH PLAN*****PI*SGWPAYER01~\n" +
            "NM1*41*2*MAPLE STREET BILLING*****46*SGW000001~\nNM1*1P*2*MAPLE STREET FAMILY MEDICINE*****XX*1234567893~\n" +
            "NM1*QC*1*TESTPATIENT*JANE****MI*SGW00012345~\nREF*EJ*SGW-CLAIM-0002~\nDTP*472*D8*20261112~\nLX*1~\n" +
            "TRN*1*SGWATT0002~\nSTC*R4:18842-5::LOI~\nDTP*368*D8*20261121~\nCAT*AE*PDF~\nEFI*05~\n" + $"BIN*{PayloadSize}*");
        var tail = Encoding.ASCII.GetBytes("~\nSE*16*0001~\nGE*1*201~\nIEA*1*000000201~\n");
        _file = new byte[head.Length + PayloadSize + tail.Length];
        head.CopyTo(_file, 0);
        // Pseudo-random payload bytes, delimiters included, as a scanned document would have.
        new Random(275).NextBytes(_file.AsSpan(head.Length, PayloadSize));
        tail.CopyTo(_file, head.Length + PayloadSize);
        _validator = new X12Validator();
        if (!_validator.Validate(new MemoryStream(_file)).Accepted)
        {
            throw new InvalidOperationException("The benchmark 275 must be valid.");
        }
    }

    [Benchmark(Baseline = true, Description = "scan for segment terminators")]
    public int ScanTerminators() => _file.AsSpan().Count((byte)'~');

    [Benchmark(Description = "validate 275, payload streamed and hashed")]
    public long Validate() => _validator.Validate(new MemoryStream(_file)).Transactions.Single().Attachment!.Documents[0].Length;
}
