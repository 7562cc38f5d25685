namespace SubmissionGateway.Forwarding;

public enum OutboxStatus
{
    Pending,
    Delivered,
    Failed,
    Abandoned,
}
