using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SubmissionGateway.Disclosures;

internal sealed class LedgerNodeConfiguration : IEntityTypeConfiguration<LedgerNode>
{
    public void Configure(EntityTypeBuilder<LedgerNode> builder)
    {
        builder.ToTable("ledger_nodes");
        builder.HasKey(n => new { n.Level, n.NodeIndex });
        builder.Property(n => n.Level).ValueGeneratedNever();
        builder.Property(n => n.NodeIndex).ValueGeneratedNever();
    }
}
