using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;
using SubmissionGateway.Redaction;

namespace SubmissionGateway.Tests.Redaction;

public sealed partial class PhiLogRedactionTests
{
    private const string Member = "SGW00012345";
    private const string Name = "TESTPATIENT, JANE Q";

    [Fact]
    public void The_hmac_redactor_writes_the_same_digest_for_the_same_value_and_never_the_value()
    {
        var lines = Log(new LogRedactionOptions { HmacKey = Convert.ToBase64String(new byte[32]), HmacKeyId = 7 }, logger =>
        {
            LogPatient(logger, "req-1", Name, Member);
            LogPatient(logger, "req-2", Name, Member);
            LogPatient(logger, "req-3", Name, "SGW00099999");
        });

        lines.Count.ShouldBe(3);
        lines.ShouldAllBe(l => !l.Contains(Member) && !l.Contains("TESTPATIENT"));
        lines.ShouldAllBe(l => l.Contains("req-"), "unclassified values are written as they are");
        var digests = lines.Select(l => l[(l.IndexOf("member ", StringComparison.Ordinal) + 7)..]).ToList();
        digests[0].ShouldNotBeNullOrWhiteSpace();
        digests[0].ShouldStartWith("7:", Case.Sensitive, "the key id prefixes the digest so a rotated key is recognised");
        digests[1].ShouldBe(digests[0]);
        digests[2].ShouldNotBe(digests[0]);
    }

    [Fact]
    public void The_erasing_redactor_writes_nothing_in_place_of_the_value()
    {
        var lines = Log(new LogRedactionOptions { Redactor = LogRedactorKind.Erasing }, logger => LogPatient(logger, "req-1", Name, Member));

        lines.ShouldBe(["Request req-1 for patient  member ."]);
    }

    [Fact]
    public void Hmac_redaction_without_a_key_is_refused_at_registration()
    {
        var services = new ServiceCollection();

        var refused = Should.Throw<InvalidOperationException>(() => services.AddPhiLogRedaction(new LogRedactionOptions { HmacKey = "c2hvcnQ=" }));

        refused.Message.ShouldContain("LogRedaction:HmacKey");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId} for patient {PatientName} member {MemberId}.")]
    private static partial void LogPatient(ILogger logger, string requestId, [PatientName] string patientName, [MemberId] string memberId);

    private static List<string> Log(LogRedactionOptions options, Action<ILogger> write)
    {
        var lines = new ConcurrentQueue<string>();
        var services = new ServiceCollection();
        services.AddPhiLogRedaction(options);
        services.AddLogging(l => l.AddProvider(new LineProvider(lines)));
        using (var provider = services.BuildServiceProvider())
        {
            write(provider.GetRequiredService<ILoggerFactory>().CreateLogger("redaction-test"));
        }

        return [.. lines];
    }

    private sealed class LineProvider(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
