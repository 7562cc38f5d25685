using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project tests/SubmissionGateway.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Benchmark entry point.</summary>
public partial class Program;
