namespace SubmissionGateway.Fuzzing.Targets;

/// <summary>A property of a target did not hold for an input (as opposed to an exception escaping the code under test).</summary>
public sealed class FuzzFailure(string message) : Exception(message);
