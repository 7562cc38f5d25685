using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SubmissionGateway.Api.Authorization;
using SubmissionGateway.Api.Compliance;
using SubmissionGateway.Api.Console;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Api.Pages.Console.Privacy;

/// <summary>Runs the same ledger verification as <c>POST /compliance/ledger/verify</c> and says what it found.</summary>
[Authorize(Policy = GatewayPolicies.Compliance, AuthenticationSchemes = ConsoleAuthentication.Scheme)]
public sealed class LedgerModel(IDbContextFactory<GatewayDbContext> databases, ITreeHeadArchive heads, TreeHeadSigner signer) : PageModel
{
    public LedgerCheck? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task OnPostAsync(CancellationToken cancellationToken) =>
        Result = await LedgerCheck.RunAsync(databases, heads, signer, cancellationToken).ConfigureAwait(false);
}
