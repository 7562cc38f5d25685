using System.Diagnostics;
using System.Globalization;
using SubmissionGateway.Fuzzing.Mutation;
using SubmissionGateway.Fuzzing.Running;
using SubmissionGateway.Fuzzing.Targets;

// Long fuzzing runs: dotnet run -c Release --project tests/SubmissionGateway.Fuzzing -- --iterations 10000000 --target x12
// Options: --target x12|pdf|multipart, --iterations N, --seed S (CsCheck seed, to replay), --threads N, --crash-dir DIR, --progress SECONDS,
// --input-limit SECONDS (slower fails), --hang-limit SECONDS (the process stops).
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal))
    {
        Console.Error.WriteLine($"fuzz: unexpected argument '{args[i]}'; options are --target, --iterations, --seed, --threads, --crash-dir, --progress, --input-limit, --hang-limit.");
        return 2;
    }

    options[args[i][2..]] = args[i + 1];
}

if (args.Length % 2 != 0)
{
    Console.Error.WriteLine($"fuzz: option '{args[^1]}' needs a value.");
    return 2;
}

var targetName = options.GetValueOrDefault("target", "x12");
(IFuzzTarget Target, IReadOnlyList<byte[]> Seeds, FuzzCampaign.Mutation Mutate)? chosen = targetName switch
{
    "x12" => (new X12Target(), SeedCorpus.X12(), X12Mutator.Mutate),
    "pdf" => (new PdfTarget(), SeedCorpus.Pdf(), PdfMutator.Mutate),
    "multipart" => (new MultipartTarget(), MultipartSeeds.All(), MultipartMutator.Mutate),
    _ => null,
};
if (chosen is not { } run)
{
    Console.Error.WriteLine($"fuzz: unknown target '{targetName}'; targets are x12, pdf and multipart.");
    return 2;
}

var settings = new FuzzSettings
{
    Iterations = long.Parse(options.GetValueOrDefault("iterations", "100000"), CultureInfo.InvariantCulture),
    Seed = options.GetValueOrDefault("seed"),
    Threads = int.Parse(options.GetValueOrDefault("threads", "1"), CultureInfo.InvariantCulture),
    CrashFolder = options.GetValueOrDefault("crash-dir", Path.Combine(Environment.CurrentDirectory, "fuzz-crashes")),
    ProgressInterval = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("progress", "60"), CultureInfo.InvariantCulture)),
    // Wall-clock limits: on a loaded machine at nice 19 a 19 KB input once took 11 s of wall time for 0.25 s of CPU.
    PerInputLimit = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("input-limit", "60"), CultureInfo.InvariantCulture)),
    HangLimit = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("hang-limit", "300"), CultureInfo.InvariantCulture)),
};

Console.WriteLine($"fuzz: target {run.Target.Name}, {run.Seeds.Count} seed files, {settings.Iterations:N0} inputs, {settings.Threads} thread(s)");
var clock = Stopwatch.StartNew();
try
{
    var count = FuzzCampaign.Run(run.Target, FuzzCampaign.Inputs(run.Seeds, run.Mutate), settings, Console.WriteLine);
    Console.WriteLine($"fuzz: {count:N0} inputs, 0 failures, {clock.Elapsed.TotalSeconds:F0} s ({count / clock.Elapsed.TotalSeconds:N0}/s)");
    return 0;
}
catch (Exception ex)
{
    Console.WriteLine($"fuzz: FAILED after {clock.Elapsed.TotalSeconds:F0} s: {ex.Message}");
    return 1;
}
