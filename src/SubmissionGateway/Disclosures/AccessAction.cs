namespace SubmissionGateway.Disclosures;

public enum AccessAction
{
    Read,
    Write,
}
