namespace SubmissionGateway.GuideConverter.Pyx12;

public sealed record DataElementDefinition(string Number, string Type, int Min, int Max, string Name);
