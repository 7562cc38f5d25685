using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SubmissionGateway.AttachmentRequests;

internal sealed class RequestedDocumentTypeConfiguration : IEntityTypeConfiguration<RequestedDocumentType>
{
    public void Configure(EntityTypeBuilder<RequestedDocumentType> builder)
    {
        builder.ToTable("attachment_request_types");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.RequestId).HasMaxLength(32);
        builder.Property(e => e.LoincCode).HasMaxLength(16);
        builder.HasIndex(e => new { e.RequestId, e.LoincCode }).IsUnique();
    }
}
