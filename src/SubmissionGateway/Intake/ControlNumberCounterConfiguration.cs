using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SubmissionGateway.Intake;

internal sealed class ControlNumberCounterConfiguration : IEntityTypeConfiguration<ControlNumberCounter>
{
    public void Configure(EntityTypeBuilder<ControlNumberCounter> builder)
    {
        builder.ToTable("control_numbers");
        builder.HasKey(e => e.Name);
        builder.Property(e => e.Name).HasMaxLength(32);
        builder.HasData(new ControlNumberCounter { Name = ControlNumberCounter.Interchanges, Value = 0 });
    }
}
