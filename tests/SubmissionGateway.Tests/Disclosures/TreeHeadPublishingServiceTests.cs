using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Shouldly;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Tests.Disclosures;

public sealed class TreeHeadPublishingServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unwritable_archive_is_retried_next_interval_instead_of_stopping_the_service()
    {
        await using var fixture = await LedgerFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        await fixture.Ledger.RecordDisclosuresAsync(Enumerable.Range(0, 3).Select(n => LedgerFixture.Record(n)).ToList(), Ct);
        // The head folder sits under a plain file, so it cannot be created: the archive fails with an IOException.
        var blocker = Path.Combine(fixture.Database.Directory!, "blocker");
        await File.WriteAllTextAsync(blocker, "", Ct);
        var headDirectory = Path.Combine(blocker, "heads");
        var publisher = new TreeHeadPublisher(fixture.Database.Factory, new FileSystemTreeHeadArchive(headDirectory), fixture.Signer, fixture.Time);
        var options = Options.Create(new DisclosureLedgerOptions { TreeHeadInterval = TimeSpan.FromMinutes(5), TreeHeadDirectory = headDirectory });
        using var service = new TreeHeadPublishingService(publisher, options, fixture.Time, NullLogger<TreeHeadPublishingService>.Instance);

        await service.StartAsync(Ct);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        service.ExecuteTask!.IsCompleted.ShouldBeFalse("a storage failure must not end the publishing loop");

        File.Delete(blocker);
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Directory.Exists(headDirectory) || Directory.GetFiles(headDirectory, "sth-*.json").Length == 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "no head was written after the archive recovered");
            await Task.Delay(100, Ct);
        }

        await service.StopAsync(Ct);
        Directory.GetFiles(headDirectory, "sth-*.json").Select(Path.GetFileName).ShouldBe(["sth-00000000000000000003.json"]);
    }
}
