using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shouldly;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Forwarding;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.PhiFields;
using SubmissionGateway.Tests.Disclosures;
using SubmissionGateway.Tests.Persistence;
using SubmissionGateway.Tests.PhiFields;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SubmissionGateway.Tests.Forwarding;

public sealed class HostedForwardingTests
{
    [Fact]
    public async Task Host_delivers_queued_items_and_signs_tree_heads_on_its_own() =>
        await DeliverThroughHostAsync(TimeSpan.FromMilliseconds(100), expectHead: true);

    [Fact]
    public async Task An_item_queued_in_this_process_is_delivered_at_once_not_at_the_next_poll()
    {
        // An hour between polls: only the queue's own signal can start this delivery within the test's 20 seconds.
        var elapsed = await DeliverThroughHostAsync(TimeSpan.FromHours(1), expectHead: false);

        elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
    }

    private static async Task<TimeSpan> DeliverThroughHostAsync(TimeSpan pollInterval, bool expectHead)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, ct);
        using var payer = WireMockServer.Start();
        payer.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("HOSTED-OK"));
        var payloads = new DirectoryPayloadSource(Path.Combine(database.Directory!, "payloads"));
        var heads = Path.Combine(database.Directory!, "heads");
        var keys = TestPhiKeys.Create();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IForwardingPayloadSource>(payloads);
        builder.Services.AddPersistence(o => o.ConnectionString = database.ConnectionString);
        builder.Services.AddPhiFields(o =>
        {
            o.ActiveKeyId = keys.ActiveKeyId;
            o.EncryptionKeys = keys.EncryptionKeys;
            o.BlindIndexKey = keys.BlindIndexKey;
        });
        builder.Services.AddDisclosures(o =>
        {
            o.TreeHeadDirectory = heads;
            o.TreeHeadSigningKey = TreeHeadSigner.CreateKey();
            o.TreeHeadInterval = TimeSpan.FromSeconds(1);
        });
        builder.Services.AddForwarding(
            r =>
            {
                r.AllowInsecureHttpForTesting = true;
                r.Payers.Add(new PayerOptions { Id = "ACME", Name = "Acme Health Plan", Address = "1 Plan Way", Endpoint = payer.Url + "/claims", TransactionTypes = ["837"] });
            },
            o => o.PollInterval = pollInterval);
        using var host = builder.Build();
        await host.StartAsync(ct);
        // The worker's first run (nothing due) is over once it waits: queue after it, so only a wake-up can find the item.
        await Task.Delay(500, ct);
        var started = System.Diagnostics.Stopwatch.StartNew();

        var reference = await payloads.StoreAsync(Encoding.ASCII.GetBytes("ISA*00*~"), ct);
        var receipt = await host.Services.GetRequiredService<DisclosureForwarder>().ForwardAsync(new ForwardingRequest(
            Patients.Ada, "ACME", "837", "000000500", reference, "application/edi-x12",
            new DisclosedContent(["CLM-1"], [new DateOnly(2026, 2, 1)], []), DisclosurePurpose.Payment, "45 CFR 164.506(c)", "billing-system-7", "SUB-500"), ct);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        OutboxItem item;
        string[] headFiles;
        do
        {
            await Task.Delay(100, ct);
            await using var db = database.Factory.CreateDbContext();
            item = await db.OutboxItems.AsNoTracking().SingleAsync(i => i.Id == receipt.OutboxItemId, ct);
            headFiles = Directory.Exists(heads) ? Directory.GetFiles(heads, "sth-*.json") : [];
        }
        while ((item.Status != OutboxStatus.Delivered || (expectHead && headFiles.Length == 0)) && DateTime.UtcNow < deadline);

        var elapsed = started.Elapsed;
        await host.StopAsync(ct);
        item.Status.ShouldBe(OutboxStatus.Delivered, item.LastError);
        if (expectHead)
        {
            headFiles.ShouldNotBeEmpty("the publishing service signed a head");
        }

        return elapsed;
    }
}
