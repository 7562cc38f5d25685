using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SubmissionGateway.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClaimIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "claims",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubmissionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SubmitterId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ClaimId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PayerId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    PatientIndex = table.Column<byte[]>(type: "BLOB", nullable: false),
                    PatientCiphertext = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ServiceFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ServiceTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TotalCharge = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    PayerClaimControlNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DeliveryStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ForwardKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IndexedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_claims", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "control_numbers",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_control_numbers", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "submissions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SubmitterId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    InterchangeControlNumber = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OriginalPayload = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ClaimCount = table.Column<int>(type: "INTEGER", nullable: false),
                    AcceptedClaimCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ResultCiphertext = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_submissions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "claim_attachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClaimId = table.Column<long>(type: "INTEGER", nullable: false),
                    ReportType = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    TransmissionCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    ControlNumber = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_claim_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_claim_attachments_claims_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "control_numbers",
                columns: new[] { "Name", "Value" },
                values: new object[] { "interchange", 0L });

            migrationBuilder.CreateIndex(
                name: "IX_claim_attachments_ClaimId",
                table: "claim_attachments",
                column: "ClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_claim_attachments_ControlNumber",
                table: "claim_attachments",
                column: "ControlNumber");

            migrationBuilder.CreateIndex(
                name: "IX_claims_PatientIndex_ServiceFrom",
                table: "claims",
                columns: new[] { "PatientIndex", "ServiceFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_claims_PayerId_PayerClaimControlNumber",
                table: "claims",
                columns: new[] { "PayerId", "PayerClaimControlNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_claims_SubmissionId",
                table: "claims",
                column: "SubmissionId");

            migrationBuilder.CreateIndex(
                name: "IX_claims_SubmitterId_ClaimId",
                table: "claims",
                columns: new[] { "SubmitterId", "ClaimId" });

            migrationBuilder.CreateIndex(
                name: "IX_submissions_SubmitterId_IdempotencyKey",
                table: "submissions",
                columns: new[] { "SubmitterId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_submissions_SubmitterId_InterchangeControlNumber",
                table: "submissions",
                columns: new[] { "SubmitterId", "InterchangeControlNumber" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "claim_attachments");

            migrationBuilder.DropTable(
                name: "control_numbers");

            migrationBuilder.DropTable(
                name: "submissions");

            migrationBuilder.DropTable(
                name: "claims");
        }
    }
}
