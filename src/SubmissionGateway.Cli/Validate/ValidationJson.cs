using System.Text.Json;
using SubmissionGateway.X12.Validation;

namespace SubmissionGateway.Cli.Validate;

/// <summary>The <c>--json</c> document: accepted, transactions[], errors[] over all files, and each file's own.</summary>
internal static class ValidationJson
{
    public static void Write(TextWriter output, IReadOnlyList<FileOutcome> outcomes)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteBoolean("accepted", outcomes.All(o => o.ExitCode == ValidateCommand.Accepted));
            json.WriteStartArray("transactions");
            foreach (var outcome in outcomes)
            {
                WriteTransactions(json, outcome);
            }

            json.WriteEndArray();
            json.WriteStartArray("errors");
            foreach (var outcome in outcomes)
            {
                WriteErrors(json, outcome);
            }

            json.WriteEndArray();
            json.WriteStartArray("notes");
            foreach (var note in outcomes.Where(o => o.Report is not null).SelectMany(o => o.Report!.Notes).Distinct(StringComparer.Ordinal))
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
            json.WriteStartArray("files");
            foreach (var outcome in outcomes)
            {
                json.WriteStartObject();
                json.WriteString("file", outcome.Path);
                json.WriteBoolean("accepted", outcome.ExitCode == ValidateCommand.Accepted);
                json.WriteNumber("exitCode", outcome.ExitCode);
                if (outcome.Problem is not null)
                {
                    json.WriteString("problem", outcome.Problem);
                }

                json.WriteStartArray("acknowledgments");
                foreach (var path in outcome.Acknowledgments)
                {
                    json.WriteStringValue(path);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteTransactions(Utf8JsonWriter json, FileOutcome outcome)
    {
        if (outcome.Report is null)
        {
            return;
        }

        foreach (var transaction in outcome.Report.Transactions)
        {
            json.WriteStartObject();
            json.WriteString("file", outcome.Path);
            json.WriteString("setId", transaction.SetId);
            json.WriteString("controlNumber", transaction.ControlNumber);
            json.WriteString("implementation", transaction.Implementation);
            json.WriteString("guide", transaction.Guide?.Id);
            json.WriteBoolean("accepted", transaction.Accepted);
            json.WriteStartArray("claims");
            foreach (var claim in transaction.Claims)
            {
                json.WriteStartObject();
                json.WriteString("id", claim.Id);
                json.WriteBoolean("accepted", claim.Accepted);
                json.WriteNumber("totalCharge", claim.TotalCharge);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
    }

    private static void WriteErrors(Utf8JsonWriter json, FileOutcome outcome)
    {
        if (outcome.Report is null)
        {
            WriteProblem(json, outcome.Path, outcome.Problem ?? "unreadable", 0);
            return;
        }

        foreach (var finding in outcome.Report.Findings)
        {
            json.WriteStartObject();
            json.WriteString("file", outcome.Path);
            json.WriteNumber("snip", (int)finding.Snip);
            json.WriteString("scope", finding.Scope.ToString());
            json.WriteString("segment", finding.SegmentId);
            json.WriteNumber("position", finding.SegmentPosition);
            json.WriteNumber("offset", finding.Offset);
            json.WriteString("loop", finding.LoopId);
            if (finding.ElementPosition > 0)
            {
                json.WriteString("element", finding.ElementReference ?? $"{finding.SegmentId}{finding.ElementPosition:00}");
                json.WriteNumber("elementPosition", finding.ElementPosition);
                if (finding.ComponentPosition > 0)
                {
                    json.WriteNumber("componentPosition", finding.ComponentPosition);
                }
            }
            else
            {
                json.WriteNull("element");
            }

            json.WriteString("code", finding.ElementErrorCode ?? finding.SegmentErrorCode ?? finding.EnvelopeErrorCode ?? finding.ClaimStatusCode);
            json.WriteString("claim", finding.ClaimId);
            if (finding.Rule is not null)
            {
                json.WriteString("rule", finding.Rule);
            }

            json.WriteString("message", finding.Message);
            json.WriteEndObject();
        }

        if (outcome.Report.Unreadable is not null)
        {
            WriteProblem(json, outcome.Path, outcome.Report.Unreadable, outcome.Report.UnreadableOffset);
        }
    }

    private static void WriteProblem(Utf8JsonWriter json, string path, string message, long offset)
    {
        json.WriteStartObject();
        json.WriteString("file", path);
        json.WriteNumber("snip", 1);
        json.WriteString("scope", "File");
        json.WriteNull("segment");
        json.WriteNumber("position", 0);
        json.WriteNumber("offset", offset);
        json.WriteNull("loop");
        json.WriteNull("element");
        json.WriteString("code", "unreadable");
        json.WriteString("message", message);
        json.WriteEndObject();
    }
}
