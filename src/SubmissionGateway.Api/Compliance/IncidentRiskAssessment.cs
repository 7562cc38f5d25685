using System.Text.Json.Serialization;

namespace SubmissionGateway.Api.Compliance;

/// <summary>
/// The four factors 45 CFR 164.402(2) asks a covered entity to weigh before deciding that an impermissible
/// disclosure is not a reportable breach, and the conclusion drawn from them.
/// </summary>
public sealed record IncidentRiskAssessment(
    string NatureAndExtent,
    string UnauthorizedRecipient,
    string AcquiredOrViewed,
    string Mitigation,
    [property: JsonConverter(typeof(JsonStringEnumConverter<IncidentConclusion>))] IncidentConclusion Conclusion);
