namespace SubmissionGateway.Cli;

/// <summary>
/// The exit codes every verb keeps to, so scripts can branch on them; the table is printed by <c>sgw --help</c>.
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The gateway refused the request, a claim or document was rejected, or the ledger is not intact.</summary>
    public const int Refused = 1;

    /// <summary>The command line cannot be parsed or names something that does not exist.</summary>
    public const int Usage = 2;

    /// <summary>The gateway cannot be reached, its certificate is not trusted, or it did not answer in time.</summary>
    public const int Unreachable = 3;

    /// <summary>The token is missing, expired or not allowed to do this (401/403 without a refusal of its own).</summary>
    public const int Unauthorized = 4;

    /// <summary>The gateway failed (5xx): nothing the caller did; try again or ask its operator.</summary>
    public const int GatewayFailed = 5;

    public const string HelpTable = """
        Exit codes:
          0  ok
          1  refused: the gateway or the validator rejected the request, a claim or a document; ledger not intact
          2  usage: the command line is wrong, or a file it names is missing or unreadable
          3  the gateway cannot be reached, its TLS certificate is not trusted, or it did not answer in time
          4  unauthorized or forbidden: no token, an expired one, or a role that may not do this
          5  the gateway failed (5xx)

        Gateway verbs read --gateway (SGW_GATEWAY_URL, default https://localhost:8443) and --token (SGW_TOKEN).
        Against a gateway on this machine without a token they mint a short-lived development token from its data
        folder and trust its development certificate, and say so on standard error.
        """;
}
