using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SubmissionGateway.Intake;

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> builder)
    {
        builder.ToTable("submissions");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(64);
        builder.Property(e => e.SubmitterId).HasMaxLength(64);
        builder.Property(e => e.IdempotencyKey).HasMaxLength(200);
        builder.Property(e => e.InterchangeControlNumber).HasMaxLength(9);
        builder.Property(e => e.OriginalPayload).HasMaxLength(64);
        builder.Property(e => e.BodySha256).HasMaxLength(64);

        // Both providers let many rows have a NULL key, so posts without an Idempotency-Key do not collide here.
        builder.HasIndex(e => new { e.SubmitterId, e.IdempotencyKey }).IsUnique();
        builder.HasIndex(e => new { e.SubmitterId, e.InterchangeControlNumber }).IsUnique();
    }
}
