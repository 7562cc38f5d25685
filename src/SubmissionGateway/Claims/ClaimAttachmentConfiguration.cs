using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SubmissionGateway.Claims;

internal sealed class ClaimAttachmentConfiguration : IEntityTypeConfiguration<ClaimAttachment>
{
    public void Configure(EntityTypeBuilder<ClaimAttachment> builder)
    {
        builder.ToTable("claim_attachments");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ReportType).HasMaxLength(2);
        builder.Property(e => e.TransmissionCode).HasMaxLength(2);
        builder.Property(e => e.ControlNumber).HasMaxLength(80);
        builder.HasIndex(e => e.ControlNumber);
    }
}
