namespace SubmissionGateway.Tests.Persistence;

/// <summary>The PostgreSQL server CI starts (SGW_TEST_POSTGRES); skipped locally when absent, a failure in CI.</summary>
internal static class PostgresServer
{
    public static string ConnectionString()
    {
        var value = Environment.GetEnvironmentVariable("SGW_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        if (Environment.GetEnvironmentVariable("SGW_REQUIRE_SERVICES") == "1")
        {
            Assert.Fail("SGW_REQUIRE_SERVICES=1 but SGW_TEST_POSTGRES is not set.");
        }

        Assert.Skip("SGW_TEST_POSTGRES is not set: PostgreSQL tests skipped (run infra/local/services.sh start).");
        return "";
    }
}
