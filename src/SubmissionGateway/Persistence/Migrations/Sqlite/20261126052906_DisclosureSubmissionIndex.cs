using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SubmissionGateway.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DisclosureSubmissionIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_disclosure_entries_SubmissionId_Sequence",
                table: "disclosure_entries",
                columns: new[] { "SubmissionId", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_disclosure_entries_SubmissionId_Sequence",
                table: "disclosure_entries");
        }
    }
}
