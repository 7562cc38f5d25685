using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SubmissionGateway.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InlinePayloads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inline_payloads",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Envelope = table.Column<byte[]>(type: "bytea", nullable: false),
                    KeyId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    StoredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeliveryFinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inline_payloads", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_inline_payloads_DeliveryFinishedAt",
                table: "inline_payloads",
                column: "DeliveryFinishedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inline_payloads");
        }
    }
}
