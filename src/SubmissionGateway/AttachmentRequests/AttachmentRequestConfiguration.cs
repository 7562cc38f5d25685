using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SubmissionGateway.AttachmentRequests;

internal sealed class AttachmentRequestConfiguration : IEntityTypeConfiguration<AttachmentRequest>
{
    public void Configure(EntityTypeBuilder<AttachmentRequest> builder)
    {
        builder.ToTable("attachment_requests");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(32);
        builder.Property(e => e.PayerId).HasMaxLength(64);
        builder.Property(e => e.ClaimId).HasMaxLength(38);
        builder.Property(e => e.PayerClaimControlNumber).HasMaxLength(50);
        builder.Property(e => e.PayerRequestNumber).HasMaxLength(50);
        builder.Property(e => e.Purpose).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.AllowedFormats).HasConversion<int>();
        builder.Property(e => e.AssignedCoder).HasMaxLength(256);
        builder.HasIndex(e => e.PatientIndex);
        builder.HasIndex(e => new { e.AssignedCoder, e.State });
        builder.HasIndex(e => new { e.PayerId, e.ClaimId });
        builder.HasMany(e => e.RequestedTypes).WithOne().HasForeignKey(t => t.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Documents).WithOne().HasForeignKey(d => d.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}
