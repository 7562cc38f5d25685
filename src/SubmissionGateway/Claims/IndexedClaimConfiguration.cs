using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SubmissionGateway.Claims;

internal sealed class IndexedClaimConfiguration : IEntityTypeConfiguration<IndexedClaim>
{
    public void Configure(EntityTypeBuilder<IndexedClaim> builder)
    {
        builder.ToTable("claims");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.SubmissionId).HasMaxLength(64);
        builder.Property(e => e.SubmitterId).HasMaxLength(64);
        builder.Property(e => e.ClaimId).HasMaxLength(64);
        builder.Property(e => e.PayerId).HasMaxLength(80);
        builder.Property(e => e.PayerClaimControlNumber).HasMaxLength(64);
        builder.Property(e => e.ForwardKey).HasMaxLength(200);
        builder.Property(e => e.DeliveryStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.TotalCharge).HasPrecision(18, 2);
        builder.HasMany(e => e.Attachments).WithOne().HasForeignKey(a => a.ClaimId).OnDelete(DeleteBehavior.Cascade);

        // A resubmission (frequency 7) reuses CLM01, so these find several rows, newest last; none is unique.
        builder.HasIndex(e => new { e.SubmitterId, e.ClaimId });
        builder.HasIndex(e => e.SubmissionId);
        builder.HasIndex(e => new { e.PayerId, e.PayerClaimControlNumber });
        builder.HasIndex(e => new { e.PatientIndex, e.ServiceFrom });
    }
}
