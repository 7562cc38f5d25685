using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SubmissionGateway.Access;

internal sealed class RevocationConfiguration : IEntityTypeConfiguration<Revocation>
{
    public void Configure(EntityTypeBuilder<Revocation> builder)
    {
        builder.ToTable("revocations");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Value).HasMaxLength(RevocationList.MaxValueLength);
        builder.Property(e => e.Reason).HasMaxLength(RevocationList.MaxReasonLength);
        builder.Property(e => e.RevokedBy).HasMaxLength(256);
        // One row per principal: revoking twice keeps the first reason and time.
        builder.HasIndex(e => new { e.Kind, e.Value }).IsUnique();
    }
}
