using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SubmissionGateway.Persistence.Migrations.Postgres
{
    /// <summary>
    /// The database itself refuses UPDATE, DELETE and TRUNCATE on ledger entries, so no code path (ours or a
    /// careless script) can rewrite history; someone who drops the triggers is still caught by verification.
    /// </summary>
    public partial class AppendOnlyLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION disclosure_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'disclosure_entries is append-only';
                END;
                $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER disclosure_entries_append_only BEFORE UPDATE OR DELETE ON disclosure_entries
                FOR EACH ROW EXECUTE FUNCTION disclosure_entries_append_only();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER disclosure_entries_no_truncate BEFORE TRUNCATE ON disclosure_entries
                FOR EACH STATEMENT EXECUTE FUNCTION disclosure_entries_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS disclosure_entries_no_truncate ON disclosure_entries;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS disclosure_entries_append_only ON disclosure_entries;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS disclosure_entries_append_only();");
        }
    }
}
