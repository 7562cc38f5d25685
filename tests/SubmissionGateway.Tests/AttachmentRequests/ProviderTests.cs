using System.Security.Cryptography;
using Shouldly;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Tests.AttachmentRequests;

/// <summary>The whole path on each database provider, and the race for a request's last slot.</summary>
public sealed class ProviderTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Upload_and_submit_work_on_each_provider(DatabaseProvider provider)
    {
        await using var f = await RequestsFixture.CreateAsync(TestContext.Current.CancellationToken, provider);
        var request = await f.CreateAsync();
        var upload = await f.UploadAsync(request, SyntheticPdf.WithMetadata());
        upload.Accepted.ShouldBeTrue(upload.Refusal?.Detail);

        var submitted = await f.Service.SubmitAsync(request.Id, RequestsFixture.Coder, TestContext.Current.CancellationToken);

        submitted.Accepted.ShouldBeTrue(submitted.Refusal?.Detail);
        (await f.OutboxAsync()).ShouldHaveSingleItem().PayloadSha256.ShouldBe(submitted.Sha256);
        (await f.LedgerAsync()).ShouldHaveSingleItem().Description.ShouldContain(RequestsFixture.OperativeNote);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Concurrent_uploads_for_the_last_slot_take_it_once_and_leave_one_payload(DatabaseProvider provider)
    {
        await using var f = await RequestsFixture.CreateAsync(TestContext.Current.CancellationToken, provider);
        var request = await f.CreateAsync();
        var pdf = SyntheticPdf.FromBuilder();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => f.UploadAsync(request, pdf))));

        results.Count(r => r.Accepted).ShouldBe(1);
        results.Where(r => !r.Accepted).ShouldAllBe(r => r.Refusal!.Type == "document-count-used-up");
        (await f.StoredAsync()).Count.ShouldBe(1);
        (await f.DocumentRowsAsync()).ShouldBe(1);
    }

    [Fact]
    public void A_limited_stream_gives_exactly_the_limit_and_stops_one_byte_past_it()
    {
        var exact = RandomNumberGenerator.GetBytes(1000);
        using (var limited = new SubmissionGateway.Limits.SizeLimitedStream(new MemoryStream(exact), 1000))
        using (var copy = new MemoryStream())
        {
            limited.CopyTo(copy);
            copy.ToArray().ShouldBe(exact);
        }

        var endless = new EndlessStream();
        using var over = new SubmissionGateway.Limits.SizeLimitedStream(endless, 1000);
        Should.Throw<SubmissionGateway.Limits.SizeLimitExceededException>(() => over.CopyTo(Stream.Null));
        endless.BytesRead.ShouldBe(1001);
    }
}
