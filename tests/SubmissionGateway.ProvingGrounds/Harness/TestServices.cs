namespace SubmissionGateway.ProvingGrounds.Harness;

/// <summary>
/// The servers CI starts (infra/local/services.sh): skipped locally when a variable is absent, a failure when
/// SGW_REQUIRE_SERVICES=1. Also the switch for the long variants.
/// </summary>
internal static class TestServices
{
    public static string Postgres() => Required("SGW_TEST_POSTGRES", "PostgreSQL");

    /// <summary>SGW_LONG_PROVING=1 runs the long variants (>= 50 kills, payers down for minutes).</summary>
    public static bool Long => Environment.GetEnvironmentVariable("SGW_LONG_PROVING") == "1";

    private static string Required(string variable, string what)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        if (Environment.GetEnvironmentVariable("SGW_REQUIRE_SERVICES") == "1")
        {
            Assert.Fail($"SGW_REQUIRE_SERVICES=1 but {variable} is not set.");
        }

        Assert.Skip($"{variable} is not set: {what} variant skipped (run infra/local/services.sh start).");
        return "";
    }
}
