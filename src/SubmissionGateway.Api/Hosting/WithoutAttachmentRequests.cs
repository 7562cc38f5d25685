using System.Reflection;
using Microsoft.AspNetCore.Mvc.Controllers;
using SubmissionGateway.Api.AttachmentRequests;

namespace SubmissionGateway.Api.Hosting;

/// <summary>Leaves the coder endpoints out when attachment requests are not configured (their service is not registered).</summary>
internal sealed class WithoutAttachmentRequests : ControllerFeatureProvider
{
    protected override bool IsController(TypeInfo typeInfo) =>
        base.IsController(typeInfo) && typeInfo.AsType() != typeof(AttachmentRequestsController)
        && typeInfo.AsType() != typeof(RequestForInformationController) && typeInfo.AsType() != typeof(RequestQueueController);
}
