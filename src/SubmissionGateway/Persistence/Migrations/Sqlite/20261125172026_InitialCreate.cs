using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SubmissionGateway.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "access_audit_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ResourceType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ResourceId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    ResourceClosed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_audit_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "disclosure_entries",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RefersToSequence = table.Column<long>(type: "INTEGER", nullable: true),
                    PatientCiphertext = table.Column<byte[]>(type: "BLOB", nullable: false),
                    PatientIndex = table.Column<byte[]>(type: "BLOB", nullable: false),
                    PayerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecipientName = table.Column<string>(type: "TEXT", nullable: false),
                    RecipientAddress = table.Column<string>(type: "TEXT", nullable: false),
                    RecipientEndpoint = table.Column<string>(type: "TEXT", nullable: false),
                    TransactionType = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LegalBasis = table.Column<string>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SubmissionId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", nullable: true),
                    LeafHash = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disclosure_entries", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "outbox_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DisclosureSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    PayerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TransactionType = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PayloadReference = table.Column<string>(type: "TEXT", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", nullable: false),
                    PayloadSize = table.Column<long>(type: "INTEGER", nullable: false),
                    PayloadSha256 = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    NextAttemptAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaseToken = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LeaseExpiresAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_items", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_access_audit_events_Actor_OccurredAt",
                table: "access_audit_events",
                columns: new[] { "Actor", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_access_audit_events_OccurredAt",
                table: "access_audit_events",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_disclosure_entries_PatientIndex_RecordedAt",
                table: "disclosure_entries",
                columns: new[] { "PatientIndex", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_disclosure_entries_RefersToSequence",
                table: "disclosure_entries",
                column: "RefersToSequence");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_items_DisclosureSequence",
                table: "outbox_items",
                column: "DisclosureSequence");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_items_IdempotencyKey",
                table: "outbox_items",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_items_Status_NextAttemptAtMs",
                table: "outbox_items",
                columns: new[] { "Status", "NextAttemptAtMs" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_audit_events");

            migrationBuilder.DropTable(
                name: "disclosure_entries");

            migrationBuilder.DropTable(
                name: "outbox_items");
        }
    }
}
