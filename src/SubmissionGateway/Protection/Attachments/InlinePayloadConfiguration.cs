using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SubmissionGateway.Protection.Attachments;

internal sealed class InlinePayloadConfiguration : IEntityTypeConfiguration<InlinePayload>
{
    public void Configure(EntityTypeBuilder<InlinePayload> builder)
    {
        builder.ToTable("inline_payloads");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(32);
        builder.Property(p => p.KeyId).HasMaxLength(256);
        // Retention looks for finished deliveries by time.
        builder.HasIndex(p => p.DeliveryFinishedAt);
    }
}
