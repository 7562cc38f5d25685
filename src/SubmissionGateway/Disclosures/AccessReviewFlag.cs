namespace SubmissionGateway.Disclosures;

public enum AccessReviewFlag
{
    OutsideWorkingHours,
    VolumeAboveAssignedQueue,
    ReaccessToClosedRequest,
    UnknownActor,
}
