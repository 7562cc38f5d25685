using Microsoft.EntityFrameworkCore;
using Shouldly;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;

namespace SubmissionGateway.Tests.Disclosures;

public sealed class DisclosureLedgerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<LedgerFixture> LedgerWithHeadsAsync(DatabaseProvider provider)
    {
        var fixture = await LedgerFixture.CreateAsync(provider, Ct);
        await fixture.Ledger.RecordDisclosuresAsync(Enumerable.Range(0, 5).Select(n => LedgerFixture.Record(n)).ToList(), Ct);
        (await fixture.Publisher.PublishAsync(Ct)).ShouldNotBeNull().TreeSize.ShouldBe(5);
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        for (var n = 5; n < 10; n++)
        {
            await fixture.Ledger.RecordDisclosureAsync(LedgerFixture.Record(n), Ct);
        }

        (await fixture.Publisher.PublishAsync(Ct)).ShouldNotBeNull().TreeSize.ShouldBe(10);
        await fixture.Database.DropAppendOnlyGuardAsync(Ct);
        return fixture;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Untouched_ledger_verifies_against_every_head(DatabaseProvider provider)
    {
        await using var fixture = await LedgerWithHeadsAsync(provider);

        var result = await fixture.VerifyAsync(Ct);

        result.IsIntact.ShouldBeTrue(result.Problem);
        result.EntriesChecked.ShouldBe(10);
        result.HeadsChecked.ShouldBe(2);
        (await fixture.Publisher.PublishAsync(Ct)).ShouldBeNull("nothing new to sign");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Database_refuses_updates_and_deletes_of_entries(DatabaseProvider provider)
    {
        await using var fixture = await LedgerFixture.CreateAsync(provider, Ct);
        await fixture.Ledger.RecordDisclosureAsync(LedgerFixture.Record(1), Ct);

        (await Should.ThrowAsync<Exception>(() => fixture.Database.ExecuteAsync("""UPDATE disclosure_entries SET "Actor" = 'x'""", Ct)))
            .Message.ShouldContain("append-only");
        (await Should.ThrowAsync<Exception>(() => fixture.Database.ExecuteAsync("DELETE FROM disclosure_entries", Ct)))
            .Message.ShouldContain("append-only");
        (await fixture.VerifyAsync(Ct)).EntriesChecked.ShouldBe(1);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Edited_row_is_named(DatabaseProvider provider)
    {
        await using var fixture = await LedgerWithHeadsAsync(provider);
        await fixture.Database.ExecuteAsync("""UPDATE disclosure_entries SET "RecipientName" = 'Somebody Else' WHERE "Sequence" = 7""", Ct);

        var result = await fixture.VerifyAsync(Ct);

        result.IsIntact.ShouldBeFalse();
        result.FirstBadSequence.ShouldBe(7);
        result.Problem!.ShouldContain("Entry 7 was altered");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Deleted_row_is_named(DatabaseProvider provider)
    {
        await using var fixture = await LedgerWithHeadsAsync(provider);
        await fixture.Database.ExecuteAsync("""DELETE FROM disclosure_entries WHERE "Sequence" = 4""", Ct);

        var result = await fixture.VerifyAsync(Ct);

        result.IsIntact.ShouldBeFalse();
        result.FirstBadSequence.ShouldBe(4);
        result.Problem!.ShouldContain("Entry 4 is missing");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Deleted_tail_is_caught_by_the_head(DatabaseProvider provider)
    {
        await using var fixture = await LedgerWithHeadsAsync(provider);
        await fixture.Database.ExecuteAsync("""DELETE FROM disclosure_entries WHERE "Sequence" >= 8""", Ct);

        var result = await fixture.VerifyAsync(Ct);

        result.IsIntact.ShouldBeFalse();
        result.FirstBadSequence.ShouldBe(8);
        result.Problem!.ShouldContain("vouches for 10");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Reordered_rows_are_named(DatabaseProvider provider)
    {
        await using var fixture = await LedgerWithHeadsAsync(provider);
        await fixture.Database.ExecuteAsync("""UPDATE disclosure_entries SET "Sequence" = -1 WHERE "Sequence" = 3""", Ct);
        await fixture.Database.ExecuteAsync("""UPDATE disclosure_entries SET "Sequence" = 3 WHERE "Sequence" = 5""", Ct);
        await fixture.Database.ExecuteAsync("""UPDATE disclosure_entries SET "Sequence" = 5 WHERE "Sequence" = -1""", Ct);

        var result = await fixture.VerifyAsync(Ct);

        result.IsIntact.ShouldBeFalse();
        result.FirstBadSequence.ShouldBe(3);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Forged_row_with_recomputed_leaf_is_caught_by_the_signed_head(DatabaseProvider provider)
    {
        await using var fixture = await LedgerWithHeadsAsync(provider);
        await using (var db = fixture.Database.Factory.CreateDbContext())
        {
            var entry = await db.DisclosureEntries.SingleAsync(e => e.Sequence == 6, Ct);
            entry.RecipientName = "Somebody Else";
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            DisclosureEntryCanonicalForm.Write(entry, buffer);
            entry.LeafHash = MerkleTree.LeafHash(buffer.WrittenSpan);
            await db.SaveChangesAsync(Ct);
        }

        var result = await fixture.VerifyAsync(Ct);

        result.IsIntact.ShouldBeFalse();
        result.FirstBadSequence.ShouldBe(5, "the head of size 5 still vouches for entries 0-4");
        result.Problem!.ShouldContain("size 10");
        await Should.ThrowAsync<LedgerTamperedException>(() => fixture.Publisher.PublishAsync(Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Inclusion_proof_checks_offline_with_only_entry_proof_and_head(DatabaseProvider provider)
    {
        await using var fixture = await LedgerWithHeadsAsync(provider);
        var heads = new List<SignedTreeHead>();
        await foreach (var h in fixture.Archive.ReadAllAsync(Ct))
        {
            heads.Add(h);
        }

        var head = heads.Single(h => h.TreeSize == 10);
        var entry = (await fixture.Ledger.FindAsync(3, Ct)).ShouldNotBeNull();
        var proof = await fixture.Ledger.ProveAsync(3, head.TreeSize, Ct);

        DisclosureProofVerifier.Verify(entry, proof, head, fixture.Verifier).ShouldBeTrue();
        proof.AuditPath.Count.ShouldBe(4);

        entry.Actor = "someone-else";
        DisclosureProofVerifier.Verify(entry, proof, head, fixture.Verifier).ShouldBeFalse();
        entry.Actor = "billing-system-7";
        DisclosureProofVerifier.Verify(entry, proof, heads.Single(h => h.TreeSize == 5), fixture.Verifier).ShouldBeFalse();
        using var otherKey = new TreeHeadVerifier(new TreeHeadSigner(TreeHeadSigner.CreateKey()).ExportPublicKey());
        DisclosureProofVerifier.Verify(entry, proof, head, otherKey).ShouldBeFalse();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Concurrent_writers_keep_the_sequence_gapless(DatabaseProvider provider)
    {
        await using var fixture = await LedgerFixture.CreateAsync(provider, Ct);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var n = 0; n < 15; n++)
            {
                await fixture.Ledger.RecordDisclosureAsync(LedgerFixture.Record((writer * 100) + n), Ct);
            }
        }, Ct)));
        await fixture.Publisher.PublishAsync(Ct);

        await using var db = fixture.Database.Factory.CreateDbContext();
        var sequences = await db.DisclosureEntries.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync(Ct);
        sequences.ShouldBe(Enumerable.Range(0, 60).Select(i => (long)i));
        (await fixture.VerifyAsync(Ct)).IsIntact.ShouldBeTrue();
    }

    [Fact]
    public async Task Outcome_and_incident_point_at_the_disclosure_and_never_change_it()
    {
        await using var fixture = await LedgerFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        var disclosure = await fixture.Ledger.RecordDisclosureAsync(LedgerFixture.Record(1), Ct);
        var outcome = await fixture.Ledger.RecordOutcomeAsync(disclosure.Sequence, DeliveryOutcome.Delivered, "HTTP 200: receipt R-1", "worker-1", Ct);
        var incident = await fixture.Ledger.RecordIncidentAsync(disclosure.Sequence, "Misdirected", "Low probability of compromise: payer confirmed destruction.", "privacy-officer", Ct);

        outcome.RefersToSequence.ShouldBe(disclosure.Sequence);
        incident.RefersToSequence.ShouldBe(disclosure.Sequence);
        incident.Kind.ShouldBe(DisclosureEntryKind.Incident);
        var stored = (await fixture.Ledger.FindAsync(disclosure.Sequence, Ct)).ShouldNotBeNull();
        stored.LeafHash.ShouldBe(disclosure.LeafHash);
        fixture.Ledger.RevealPatient(stored).ShouldBe(Patients.Ada);
        await Should.ThrowAsync<InvalidOperationException>(() => fixture.Ledger.RecordOutcomeAsync(outcome.Sequence, DeliveryOutcome.Failed, "x", "y", Ct));
    }

    [Fact]
    public async Task Archive_never_replaces_a_head()
    {
        await using var fixture = await LedgerFixture.CreateAsync(DatabaseProvider.Sqlite, Ct);
        var head = fixture.Signer.Sign(1, MerkleTree.EmptyRoot(), fixture.Time.GetUtcNow());
        await fixture.Archive.WriteAsync(head, Ct);

        await Should.ThrowAsync<TreeHeadAlreadyArchivedException>(() => fixture.Archive.WriteAsync(head with { RootHash = new byte[32] }, Ct));
        var stored = new List<SignedTreeHead>();
        await foreach (var h in fixture.Archive.ReadAllAsync(Ct))
        {
            stored.Add(h);
        }

        stored.Single().RootHash.ShouldBe(head.RootHash);
        Directory.GetFiles(fixture.HeadDirectory).Length.ShouldBe(1, "no temporary file is left behind");
    }
}
