namespace SubmissionGateway.Tests.AttachmentRequests;

/// <summary>Tests that measure the process's allocations run alone: other tests running beside them would be counted.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurements
{
    public const string Name = "allocation measurements";
}
