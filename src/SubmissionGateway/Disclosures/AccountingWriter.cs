using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SubmissionGateway.Disclosures;

/// <summary>Writes an accounting as JSON (an array of objects) or CSV, flushing as it goes.</summary>
public static class AccountingWriter
{
    private const int FlushEvery = 256;

    private static readonly string[] CsvHeader =
    [
        "sequence", "recorded_at", "kind", "refers_to", "patient", "recipient", "recipient_address", "payer_id",
        "transaction_type", "description", "purpose", "legal_basis", "actor", "submission_id", "outcome", "detail",
    ];

    public static async Task<long> WriteJsonAsync(IAsyncEnumerable<AccountingLine> lines, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        long count = 0;
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        json.WriteStartArray();
        await foreach (var line in lines.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            json.WriteStartObject();
            json.WriteNumber("sequence", line.Sequence);
            json.WriteString("recordedAt", line.RecordedAt);
            json.WriteString("kind", line.Kind.ToString());
            if (line.RefersToSequence is { } refers)
            {
                json.WriteNumber("refersTo", refers);
            }
            else
            {
                json.WriteNull("refersTo");
            }

            json.WriteString("patient", line.PatientName);
            json.WriteString("recipient", line.RecipientName);
            json.WriteString("recipientAddress", line.RecipientAddress);
            json.WriteString("payerId", line.PayerId);
            json.WriteString("transactionType", line.TransactionType);
            json.WritePropertyName("description");
            json.WriteRawValue(line.Description, skipInputValidation: false);
            json.WriteString("purpose", line.Purpose.ToString());
            json.WriteString("legalBasis", line.LegalBasis);
            json.WriteString("actor", line.Actor);
            json.WriteString("submissionId", line.SubmissionId);
            json.WriteString("outcome", line.Outcome);
            json.WriteString("detail", line.Detail);
            json.WriteEndObject();
            if (++count % FlushEvery == 0)
            {
                await json.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    public static async Task<long> WriteCsvAsync(IAsyncEnumerable<AccountingLine> lines, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        long count = 0;
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', CsvHeader)).ConfigureAwait(false);
        await foreach (var line in lines.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            string?[] cells =
            [
                line.Sequence.ToString(CultureInfo.InvariantCulture),
                line.RecordedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                line.Kind.ToString(),
                line.RefersToSequence?.ToString(CultureInfo.InvariantCulture),
                line.PatientName, line.RecipientName, line.RecipientAddress, line.PayerId, line.TransactionType,
                line.Description, line.Purpose.ToString(), line.LegalBasis, line.Actor, line.SubmissionId, line.Outcome, line.Detail,
            ];
            await writer.WriteLineAsync(string.Join(',', cells.Select(Cell))).ConfigureAwait(false);
            if (++count % FlushEvery == 0)
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <summary>RFC 4180 quoting, and a leading apostrophe on anything a spreadsheet would run as a formula.</summary>
    internal static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
