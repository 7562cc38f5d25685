using Shouldly;
using SubmissionGateway.AttachmentRequests;
using SubmissionGateway.Forwarding;

namespace SubmissionGateway.Tests.AttachmentRequests;

/// <summary>The coder's own queue, the ownership check the API and the console share, and a submitted request's delivery status.</summary>
public sealed class AssignedRequestsTests : IAsyncLifetime
{
    private RequestsFixture _f = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _f = await RequestsFixture.CreateAsync(Ct);

    public async ValueTask DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task A_coder_lists_and_finds_only_their_own_requests_open_ones_first()
    {
        var submitted = await _f.CreateAsync();
        (await _f.UploadAsync(submitted, SyntheticPdf.FromBuilder())).Accepted.ShouldBeTrue();
        (await _f.Service.SubmitAsync(submitted.Id, RequestsFixture.Coder, Ct)).Accepted.ShouldBeTrue();
        var open = await _f.CreateAsync();
        var someoneElses = await _f.CreateAsync(RequestsFixture.Draft() with { AssignedCoder = "coder-zed" });

        var mine = await _f.Service.ListAssignedAsync(RequestsFixture.Coder, Ct);

        mine.Select(r => r.Id).ShouldBe([open.Id, submitted.Id]);
        mine[1].Documents.Count.ShouldBe(1);
        mine[0].RequestedTypes.Count.ShouldBe(2);
        (await _f.Service.FindAssignedAsync(open.Id, RequestsFixture.Coder, Ct)).ShouldNotBeNull();
        (await _f.Service.FindAssignedAsync(someoneElses.Id, RequestsFixture.Coder, Ct)).ShouldBeNull();
        (await _f.Service.FindAssignedAsync("no-such-request", RequestsFixture.Coder, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task The_delivery_status_is_the_outbox_item_of_the_requests_275()
    {
        var request = await _f.CreateAsync();
        (await _f.Service.DeliveryStatusAsync(request.Id, Ct)).ShouldBeNull();
        (await _f.UploadAsync(request, SyntheticPdf.FromBuilder())).Accepted.ShouldBeTrue();
        (await _f.Service.DeliveryStatusAsync(request.Id, Ct)).ShouldBeNull("not submitted yet");

        (await _f.Service.SubmitAsync(request.Id, RequestsFixture.Coder, Ct)).Accepted.ShouldBeTrue();

        (await _f.Service.DeliveryStatusAsync(request.Id, Ct)).ShouldBe(OutboxStatus.Pending);
    }
}
