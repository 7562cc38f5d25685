namespace SubmissionGateway.Intake;

/// <summary>
/// One field of a directly posted 275 that disagrees with the claim or request it answers. <see cref="Field"/> is a
/// stable name (<c>patient.memberId</c>, <c>claimId</c>, <c>documents[2].loinc</c>…); <see cref="Message"/> says where
/// in the 275 it was read and never repeats the value the gateway holds.
/// </summary>
public sealed record AttachmentMismatch(string Field, string Message);
