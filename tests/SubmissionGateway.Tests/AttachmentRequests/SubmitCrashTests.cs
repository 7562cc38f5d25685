using Microsoft.EntityFrameworkCore;
using Shouldly;
using SubmissionGateway.AttachmentRequests;

namespace SubmissionGateway.Tests.AttachmentRequests;

/// <summary>
/// Regression for a crash-consistency bug: submitting used to mark the request Submitted first, record and queue the
/// 275 after, and mark it Open again on failure. A process that died in between left it Submitted with nothing
/// recorded or queued, and every retry was refused as "not open". Here the recording fails and the clean-up that a
/// dead process never runs is blocked too (triggers stand in for the crash): the request must still be Open, nothing
/// recorded, and a retry must submit it.
/// </summary>
public sealed class SubmitCrashTests : IAsyncLifetime
{
    private RequestsFixture _f = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _f = await RequestsFixture.CreateAsync(Ct);

    public async ValueTask DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task A_crash_while_recording_leaves_the_request_open_and_a_retry_submits_it()
    {
        var request = await _f.CreateAsync();
        (await _f.UploadAsync(request, SyntheticPdf.FromBuilder())).Accepted.ShouldBeTrue();
        await _f.Database.ExecuteAsync("""
            CREATE TRIGGER crash_before_queueing BEFORE INSERT ON outbox_items BEGIN SELECT RAISE(ABORT, 'process killed'); END;
            CREATE TRIGGER no_clean_up_after_death BEFORE UPDATE OF "State" ON attachment_requests
              WHEN OLD."State" = 'Submitted' AND NEW."State" = 'Open' BEGIN SELECT RAISE(ABORT, 'a dead process runs no clean-up'); END;
            """, Ct);

        await Should.ThrowAsync<Exception>(() => _f.Service.SubmitAsync(request.Id, RequestsFixture.Coder, Ct));

        (await StateAsync(request.Id)).ShouldBe(AttachmentRequestState.Open, "nothing was recorded, so the request was never submitted");
        (await _f.LedgerAsync()).ShouldBeEmpty();
        (await _f.OutboxAsync()).ShouldBeEmpty();

        await _f.Database.ExecuteAsync("DROP TRIGGER crash_before_queueing;", Ct);
        var retried = await _f.Service.SubmitAsync(request.Id, RequestsFixture.Coder, Ct);

        retried.Accepted.ShouldBeTrue(retried.Refusal?.Detail);
        (await StateAsync(request.Id)).ShouldBe(AttachmentRequestState.Submitted);
        (await _f.OutboxAsync()).ShouldHaveSingleItem().TransactionType.ShouldBe("275");
        (await _f.LedgerAsync()).ShouldHaveSingleItem().SubmissionId.ShouldBe(request.Id);
    }

    [Fact]
    public async Task A_second_submission_of_the_same_request_is_refused_and_leaves_one_record()
    {
        var request = await _f.CreateAsync();
        (await _f.UploadAsync(request, SyntheticPdf.FromBuilder())).Accepted.ShouldBeTrue();

        var results = await Task.WhenAll(
            _f.Service.SubmitAsync(request.Id, RequestsFixture.Coder, Ct),
            _f.Service.SubmitAsync(request.Id, RequestsFixture.Coder, Ct));

        results.Count(r => r.Accepted).ShouldBe(1);
        (await _f.OutboxAsync()).ShouldHaveSingleItem();
        (await _f.LedgerAsync()).ShouldHaveSingleItem();
        (await _f.StoredAsync()).Count.ShouldBe(2, "the document and the one 275 that was queued; the loser's 275 is deleted");
    }

    private async Task<AttachmentRequestState> StateAsync(string id)
    {
        await using var db = _f.Database.Factory.CreateDbContext();
        return await db.AttachmentRequests.AsNoTracking().Where(r => r.Id == id).Select(r => r.State).SingleAsync(Ct);
    }
}
