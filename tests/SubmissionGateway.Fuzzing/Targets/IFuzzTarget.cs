namespace SubmissionGateway.Fuzzing.Targets;

/// <summary>One piece of code under fuzzing: checks its properties for one input and throws when one does not hold.</summary>
public interface IFuzzTarget
{
    string Name { get; }

    void Check(byte[] input);
}
