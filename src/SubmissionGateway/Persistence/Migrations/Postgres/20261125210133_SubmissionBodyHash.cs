using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SubmissionGateway.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SubmissionBodyHash : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BodySha256",
                table: "submissions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BodySha256",
                table: "submissions");
        }
    }
}
