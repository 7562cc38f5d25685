using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SubmissionGateway.Limits;

namespace SubmissionGateway.Api.Tests.Access;

/// <summary>Test-only endpoints that fail the way a bug or a client mistake does; added to the app only in <see cref="FaultMappingTests"/>.</summary>
[ApiController]
[Route("test-faults")]
[AllowAnonymous]
public sealed class FaultsController : ControllerBase
{
    public const string PatientInMessage = "JANE Q TESTPATIENT";

    [HttpGet("bug")]
    public IActionResult Bug() => throw new ArgumentException($"Index out of step for patient {PatientInMessage}.", "position");

    [HttpGet("refused")]
    public IActionResult Refused() => throw new RequestRefusedException("sample-refusal", "The sample field is not valid.", "sample");
}
