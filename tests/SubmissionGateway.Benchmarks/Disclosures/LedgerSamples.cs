using System.Buffers;
using System.Security.Cryptography;
using SubmissionGateway.Disclosures;

namespace SubmissionGateway.Benchmarks.Disclosures;

/// <summary>Synthetic entries shaped like real ones (ciphertext and index sizes included).</summary>
internal static class LedgerSamples
{
    public static DisclosureEntry[] Entries(int count)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var cipher = RandomNumberGenerator.GetBytes(110);
        var index = RandomNumberGenerator.GetBytes(32);
        var description = new DisclosedContent(["CLM-00042"], [new DateOnly(2026, 2, 1)],
            [new DisclosedDocument("837P", null, 2400, new string('a', 64))]).ToJson();
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var entries = new DisclosureEntry[count];
        for (var i = 0; i < count; i++)
        {
            var entry = new DisclosureEntry
            {
                Sequence = i,
                Kind = DisclosureEntryKind.Disclosure,
                RecordedAt = start.AddTicks(i * 10L),
                PatientCiphertext = cipher,
                PatientIndex = index,
                PayerId = "ACME",
                RecipientName = "Acme Health Plan",
                RecipientAddress = "1 Plan Way, Springfield, IL 62701",
                RecipientEndpoint = "https://payer.example/claims",
                TransactionType = "837",
                Description = description,
                Purpose = DisclosurePurpose.Payment,
                LegalBasis = "45 CFR 164.506(c)",
                Actor = "billing-system-7",
                SubmissionId = "SUB-" + i,
            };
            DisclosureEntryCanonicalForm.Write(entry, buffer);
            entry.LeafHash = MerkleTree.LeafHash(buffer.WrittenSpan);
            entries[i] = entry;
        }

        return entries;
    }
}
