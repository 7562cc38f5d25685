using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SubmissionGateway.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// The database itself refuses UPDATE and DELETE on ledger entries, so no code path (ours or a careless
    /// script) can rewrite history; someone who drops the triggers is still caught by verification.
    /// </summary>
    public partial class AppendOnlyLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER disclosure_entries_no_update BEFORE UPDATE ON disclosure_entries
                BEGIN SELECT RAISE(ABORT, 'disclosure_entries is append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER disclosure_entries_no_delete BEFORE DELETE ON disclosure_entries
                BEGIN SELECT RAISE(ABORT, 'disclosure_entries is append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS disclosure_entries_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS disclosure_entries_no_update;");
        }
    }
}
