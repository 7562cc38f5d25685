using System.Globalization;

namespace SubmissionGateway.Load;

/// <summary>The command line of the load program.</summary>
internal sealed record LoadOptions
{
    public required Uri Url { get; init; }
    public string Mode { get; init; } = "submissions";
    public string? SubmitterToken { get; init; }
    public string? CoderToken { get; init; }
    public string? File { get; init; }
    public double Rate { get; init; }
    public int Concurrency { get; init; } = 8;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);
    public int Count { get; init; } = 20;
    public int SizeMegabytes { get; init; } = 10;
    public Version HttpVersion { get; init; } = System.Net.HttpVersion.Version11;
    public int? ServerPid { get; init; }

    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"'{args[i]}' is not an option with a value.");
            }

            values[args[i][2..]] = args[++i];
        }

        string? Get(string name) => values.GetValueOrDefault(name);
        return new LoadOptions
        {
            Url = new Uri(Get("url") ?? throw new ArgumentException("--url is required (the gateway's https address).")),
            Mode = Get("mode") ?? "submissions",
            SubmitterToken = Get("submitter-token"),
            CoderToken = Get("coder-token"),
            File = Get("file"),
            Rate = double.Parse(Get("rate") ?? "0", CultureInfo.InvariantCulture),
            Concurrency = int.Parse(Get("concurrency") ?? "8", CultureInfo.InvariantCulture),
            Duration = TimeSpan.FromSeconds(double.Parse((Get("duration") ?? "30").TrimEnd('s'), CultureInfo.InvariantCulture)),
            Warmup = TimeSpan.FromSeconds(double.Parse((Get("warmup") ?? "5").TrimEnd('s'), CultureInfo.InvariantCulture)),
            Count = int.Parse(Get("count") ?? "20", CultureInfo.InvariantCulture),
            SizeMegabytes = int.Parse(Get("size-mb") ?? "10", CultureInfo.InvariantCulture),
            HttpVersion = (Get("http") ?? "1.1") == "2" ? System.Net.HttpVersion.Version20 : System.Net.HttpVersion.Version11,
            ServerPid = Get("server-pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
        };
    }
}
