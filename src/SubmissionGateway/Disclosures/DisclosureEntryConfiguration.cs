using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SubmissionGateway.Disclosures;

internal sealed class DisclosureEntryConfiguration : IEntityTypeConfiguration<DisclosureEntry>
{
    public void Configure(EntityTypeBuilder<DisclosureEntry> builder)
    {
        builder.ToTable("disclosure_entries");
        // The application assigns the sequence under the ledger lock: it is the Merkle leaf index and must be gapless.
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Purpose).HasConversion<string>().HasMaxLength(64);
        builder.Property(e => e.PayerId).HasMaxLength(64);
        builder.Property(e => e.TransactionType).HasMaxLength(8);
        builder.Property(e => e.Actor).HasMaxLength(256);
        builder.Property(e => e.SubmissionId).HasMaxLength(128);
        builder.Property(e => e.Outcome).HasMaxLength(64);
        builder.HasIndex(e => new { e.PatientIndex, e.RecordedAt });
        builder.HasIndex(e => e.RefersToSequence);
        // A delivery's outcome goes to every patient's entry sharing its payload: found by submission, not by scanning
        // the entries that followed it (which grew with the ledger).
        builder.HasIndex(e => new { e.SubmissionId, e.Sequence });
    }
}
