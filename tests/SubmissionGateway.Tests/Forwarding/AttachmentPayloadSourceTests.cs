using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using SubmissionGateway.Forwarding;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.Attachments;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SubmissionGateway.Tests.Forwarding;

/// <summary>Outbox payloads kept in the real encrypted file attachment store, as AddProtection + AddForwarding wire them.</summary>
public sealed class AttachmentPayloadSourceTests
{
    private const string Claim837 = "ISA*00*          *00*          *ZZ*SYNTHETIC      *ZZ*ACME           *260302*1430*^*00501*000000077*0*T*:~";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Answer(ForwardingFixture f) =>
        f.Payer.Given(Request.Create().WithPath("/claims").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("ACK-1"));

    private static string StoredFile(ForwardingFixture f, string reference) =>
        Directory.EnumerateFiles(Path.Combine(f.AttachmentFolder!, "attachments"), reference + "*").Single();

    [Fact]
    public async Task The_worker_sends_the_decrypted_payload_of_a_stored_attachment()
    {
        await using var f = await ForwardingFixture.WithAttachmentStoreAsync(Ct);
        Answer(f);
        f.Services.GetRequiredService<IForwardingPayloadSource>().ShouldBeOfType<AttachmentPayloadSource>();

        await f.ForwardAsync("ACME", "837", Claim837, "000000077", Ct);
        var item = (await f.OutboxAsync(Ct)).Single();
        AttachmentId.TryParse(item.PayloadReference, out _).ShouldBeTrue("the outbox keeps only the attachment id");
        (await File.ReadAllBytesAsync(StoredFile(f, item.PayloadReference), Ct)).AsSpan().IndexOf("SYNTHETIC"u8).ShouldBe(-1, "the store holds ciphertext");

        (await f.Worker().RunOnceAsync(Ct)).ShouldBe(1);

        f.Payer.LogEntries.Single().RequestMessage!.Body.ShouldBe(Claim837);
        (await f.OutboxAsync(Ct)).Single().Status.ShouldBe(OutboxStatus.Delivered);
    }

    [Fact]
    public async Task A_delivered_payload_starts_its_retention_clock_and_an_undelivered_one_does_not()
    {
        await using var f = await ForwardingFixture.WithAttachmentStoreAsync(Ct);
        Answer(f);
        await f.ForwardAsync("ACME", "837", Claim837, "000000080", Ct);
        var store = f.Services.GetRequiredService<IAttachmentStore>();
        var reference = (await f.OutboxAsync(Ct)).Single().PayloadReference;
        (await Listed(store, reference)).DeliveryFinishedAt.ShouldBeNull("a payload waiting for its payer is never due for shredding");

        await f.Worker().RunOnceAsync(Ct);

        (await f.OutboxAsync(Ct)).Single().Status.ShouldBe(OutboxStatus.Delivered);
        (await Listed(store, reference)).DeliveryFinishedAt.ShouldBe(f.Time.GetUtcNow());
    }

    private static async Task<StoredAttachment> Listed(IAttachmentStore store, string reference)
    {
        await foreach (var stored in store.ListAsync(Ct))
        {
            if (stored.Id.Value == reference)
            {
                return stored;
            }
        }

        throw new InvalidOperationException($"{reference} is not in the store.");
    }

    [Fact]
    public async Task A_payload_altered_in_the_store_is_never_sent()
    {
        await using var f = await ForwardingFixture.WithAttachmentStoreAsync(Ct);
        Answer(f);
        await f.ForwardAsync("ACME", "837", Claim837, "000000078", Ct);
        var item = (await f.OutboxAsync(Ct)).Single();
        var file = StoredFile(f, item.PayloadReference);
        File.SetAttributes(file, FileAttributes.Normal);
        var bytes = await File.ReadAllBytesAsync(file, Ct);
        bytes[^20] ^= 0x01;
        await File.WriteAllBytesAsync(file, bytes, Ct);

        await f.Worker().RunOnceAsync(Ct);

        f.Payer.LogEntries.ShouldBeEmpty();
        var after = (await f.OutboxAsync(Ct)).Single();
        after.Status.ShouldNotBe(OutboxStatus.Delivered);
        after.LastError!.ShouldContain("failed decryption");
    }

    [Fact]
    public async Task A_shredded_payload_is_never_sent_and_the_reason_is_kept()
    {
        await using var f = await ForwardingFixture.WithAttachmentStoreAsync(Ct);
        Answer(f);
        await f.ForwardAsync("ACME", "837", Claim837, "000000079", Ct);
        var item = (await f.OutboxAsync(Ct)).Single();
        (await f.Services.GetRequiredService<IAttachmentStore>().DeleteAsync(AttachmentId.Parse(item.PayloadReference), Ct)).ShouldBeTrue();

        await f.Worker().RunOnceAsync(Ct);

        f.Payer.LogEntries.ShouldBeEmpty();
        var after = (await f.OutboxAsync(Ct)).Single();
        after.Status.ShouldNotBe(OutboxStatus.Delivered);
        after.LastError!.ShouldContain("does not exist");
    }

    [Fact]
    public async Task A_reference_that_is_not_an_attachment_id_is_refused_before_any_read()
    {
        await using var f = await ForwardingFixture.WithAttachmentStoreAsync(Ct);
        var source = f.Services.GetRequiredService<IForwardingPayloadSource>();

        var refused = await Should.ThrowAsync<ArgumentException>(() => source.ReadAsync("../../etc/passwd", Ct));

        refused.Message.ShouldContain("is not an attachment id");
    }

    [Fact]
    public void Forwarding_without_protection_or_a_payload_source_says_what_is_missing()
    {
        var services = new ServiceCollection();
        services.AddForwarding(_ => { });
        using var provider = services.BuildServiceProvider();

        Should.Throw<InvalidOperationException>(() => provider.GetRequiredService<IForwardingPayloadSource>())
            .Message.ShouldContain("call AddProtection");
    }
}
