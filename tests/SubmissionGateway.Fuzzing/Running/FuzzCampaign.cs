using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using CsCheck;
using SubmissionGateway.Fuzzing.Targets;

namespace SubmissionGateway.Fuzzing.Running;

/// <summary>
/// Feeds mutated corpus files to a target through CsCheck: seeded and reproducible, failures shrunk, the smallest
/// failing input written to the crash folder, each input timed and watched for hangs.
/// </summary>
public static class FuzzCampaign
{
    public delegate byte[] Mutation(byte[] input, byte[] other, int operations, ulong seed);

    /// <summary>Inputs: a seed file (or a splice of two) with zero to six mutations; zero mutations replays the seed itself.</summary>
    public static Gen<byte[]> Inputs(IReadOnlyList<byte[]> seeds, Mutation mutate) =>
        Gen.Select(Gen.Int[0, seeds.Count - 1], Gen.Int[0, seeds.Count - 1], Gen.Int[0, 6], Gen.ULong,
            (a, b, operations, seed) => mutate(seeds[a], seeds[b], operations, seed));

    /// <summary>Runs the campaign; returns the number of inputs checked. Throws (CsCheck's exception, naming the seed)
    /// when a property failed, after writing the smallest failing input.</summary>
    public static long Run(IFuzzTarget target, Gen<byte[]> inputs, FuzzSettings settings, Action<string> log)
    {
        var running = new ConcurrentDictionary<int, (byte[] Input, long Started)>();
        long checkedCount = 0;
        byte[]? smallest = null;
        Exception? smallestError = null;
        var gate = new Lock();
        using var stop = new CancellationTokenSource();
        var watchdog = new Thread(() => Watch(target, running, settings, log, stop.Token, () => Interlocked.Read(ref checkedCount)))
        {
            IsBackground = true,
            Name = "fuzz watchdog",
        };
        watchdog.Start();
        try
        {
            inputs.Sample(input =>
            {
                var thread = Environment.CurrentManagedThreadId;
                var started = Stopwatch.GetTimestamp();
                running[thread] = (input, started);
                try
                {
                    target.Check(input);
                    var elapsed = Stopwatch.GetElapsedTime(started);
                    if (elapsed > settings.PerInputLimit)
                    {
                        throw new FuzzFailure($"One input of {input.Length} bytes took {elapsed.TotalSeconds:F1} s (limit {settings.PerInputLimit.TotalSeconds:F0} s).");
                    }
                }
                catch (Exception ex)
                {
                    lock (gate)
                    {
                        if (smallest is null || input.Length < smallest.Length)
                        {
                            smallest = input;
                            smallestError = ex;
                        }
                    }

                    throw;
                }
                finally
                {
                    running.TryRemove(thread, out _);
                    Interlocked.Increment(ref checkedCount);
                }
            }, writeLine: log, seed: settings.Seed, iter: settings.Iterations, threads: settings.Threads,
               print: input => $"{input.Length} bytes, SHA-256 {Convert.ToHexString(SHA256.HashData(input))[..16]}");
        }
        catch
        {
            if (smallest is not null)
            {
                var path = Save(settings.CrashFolder, target.Name, smallest);
                log($"{target.Name}: smallest failing input ({smallest.Length} bytes) written to {path}: {smallestError?.GetType().Name}: {smallestError?.Message}");
            }

            throw;
        }
        finally
        {
            stop.Cancel();
        }

        return Interlocked.Read(ref checkedCount);
    }

    public static string Save(string folder, string targetName, byte[] input)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{targetName}-{Convert.ToHexString(SHA256.HashData(input))[..16].ToLowerInvariant()}.bin");
        File.WriteAllBytes(path, input);
        return path;
    }

    private static void Watch(IFuzzTarget target, ConcurrentDictionary<int, (byte[] Input, long Started)> running, FuzzSettings settings,
        Action<string> log, CancellationToken stop, Func<long> count)
    {
        var begun = Stopwatch.GetTimestamp();
        var lastProgress = begun;
        while (!stop.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(250)))
        {
            foreach (var (_, (input, started)) in running)
            {
                if (Stopwatch.GetElapsedTime(started) > settings.HangLimit)
                {
                    var path = Save(settings.CrashFolder, target.Name + "-hang", input);
                    log($"{target.Name}: an input has run for more than {settings.HangLimit.TotalSeconds:F0} s: a hang. Saved to {path}.");
                    Environment.FailFast($"fuzz target {target.Name} hung on {path}");
                }
            }

            if (settings.ProgressInterval > TimeSpan.Zero && Stopwatch.GetElapsedTime(lastProgress) >= settings.ProgressInterval)
            {
                lastProgress = Stopwatch.GetTimestamp();
                var done = count();
                var seconds = Stopwatch.GetElapsedTime(begun).TotalSeconds;
                log($"{DateTime.UtcNow:HH:mm:ss} {target.Name}: {done:N0} inputs in {seconds:F0} s ({done / seconds:N0}/s)");
            }
        }
    }
}
