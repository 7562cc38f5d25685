using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SubmissionGateway.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AttachmentRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "attachment_requests",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PayerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ClaimId = table.Column<string>(type: "character varying(38)", maxLength: 38, nullable: true),
                    PayerClaimControlNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    PayerRequestNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    PatientIndex = table.Column<byte[]>(type: "bytea", nullable: false),
                    PatientNameProtected = table.Column<byte[]>(type: "bytea", nullable: false),
                    PatientMemberIdProtected = table.Column<byte[]>(type: "bytea", nullable: false),
                    PatientBirthDateProtected = table.Column<byte[]>(type: "bytea", nullable: false),
                    ServiceDateFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ServiceDateTo = table.Column<DateOnly>(type: "date", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MaxDocumentBytes = table.Column<long>(type: "bigint", nullable: false),
                    MaxTotalBytes = table.Column<long>(type: "bigint", nullable: false),
                    AllowedFormats = table.Column<int>(type: "integer", nullable: false),
                    AssignedCoder = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    ExpiresAtMs = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SubmittedAtMs = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attachment_requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "attachment_request_documents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RequestId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    LoincCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Format = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PageCount = table.Column<int>(type: "integer", nullable: true),
                    AttachmentId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UploadedAtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attachment_request_documents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_attachment_request_documents_attachment_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "attachment_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "attachment_request_types",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RequestId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    LoincCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attachment_request_types", x => x.Id);
                    table.ForeignKey(
                        name: "FK_attachment_request_types_attachment_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "attachment_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_attachment_request_documents_RequestId",
                table: "attachment_request_documents",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_attachment_request_types_RequestId_LoincCode",
                table: "attachment_request_types",
                columns: new[] { "RequestId", "LoincCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_attachment_requests_AssignedCoder_State",
                table: "attachment_requests",
                columns: new[] { "AssignedCoder", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_attachment_requests_PatientIndex",
                table: "attachment_requests",
                column: "PatientIndex");

            migrationBuilder.CreateIndex(
                name: "IX_attachment_requests_PayerId_ClaimId",
                table: "attachment_requests",
                columns: new[] { "PayerId", "ClaimId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attachment_request_documents");

            migrationBuilder.DropTable(
                name: "attachment_request_types");

            migrationBuilder.DropTable(
                name: "attachment_requests");
        }
    }
}
