using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SubmissionGateway.AttachmentRequests;

internal sealed class RequestDocumentConfiguration : IEntityTypeConfiguration<RequestDocument>
{
    public void Configure(EntityTypeBuilder<RequestDocument> builder)
    {
        builder.ToTable("attachment_request_documents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.RequestId).HasMaxLength(32);
        builder.Property(e => e.LoincCode).HasMaxLength(16);
        builder.Property(e => e.Format).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.FileName).HasMaxLength(255);
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.Property(e => e.AttachmentId).HasMaxLength(32);
        builder.Property(e => e.UploadedBy).HasMaxLength(256);
        builder.HasIndex(e => e.RequestId);
    }
}
