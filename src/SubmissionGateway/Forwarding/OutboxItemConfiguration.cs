using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SubmissionGateway.Forwarding;

internal sealed class OutboxItemConfiguration : IEntityTypeConfiguration<OutboxItem>
{
    public void Configure(EntityTypeBuilder<OutboxItem> builder)
    {
        builder.ToTable("outbox_items");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.PayerId).HasMaxLength(64);
        builder.Property(e => e.TransactionType).HasMaxLength(8);
        builder.Property(e => e.IdempotencyKey).HasMaxLength(200);
        builder.Property(e => e.LeaseToken).HasMaxLength(64);
        builder.HasIndex(e => e.IdempotencyKey).IsUnique();
        builder.HasIndex(e => new { e.Status, e.NextAttemptAtMs });
        builder.HasIndex(e => e.DisclosureSequence);
    }
}
