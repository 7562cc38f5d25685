using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.Api.Console;
using SubmissionGateway.AttachmentRequests;
using SubmissionGateway.Forwarding;

namespace SubmissionGateway.Api.Pages.Console.Requests;

/// <summary>The coder's queue: only the requests assigned to them (the same policy as the API's coder endpoints).</summary>
[Authorize(Policy = GatewayPolicies.Coder, AuthenticationSchemes = ConsoleAuthentication.Scheme)]
public sealed class RequestListModel(IServiceProvider services, PayerRegistry payers, TimeProvider time) : PageModel
{
    public IReadOnlyList<RequestScope> Requests { get; private set; } = [];

    public bool NotConfigured { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<AttachmentRequestService>() is not { } requests)
        {
            NotConfigured = true;
            return;
        }

        var now = time.GetUtcNow();
        var list = new List<RequestScope>();
        foreach (var request in await requests.ListAssignedAsync(User.Identity!.Name!, cancellationToken).ConfigureAwait(false))
        {
            var delivery = request.State == AttachmentRequestState.Open ? null : await requests.DeliveryStatusAsync(request.Id, cancellationToken).ConfigureAwait(false);
            list.Add(RequestScope.Of(request, requests.PatientOf(request).Name, payers.Find(request.PayerId)?.Name ?? request.PayerId, delivery, now));
        }

        Requests = list;
    }
}
