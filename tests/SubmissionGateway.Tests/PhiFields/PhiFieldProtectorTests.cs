using System.Text;
using Microsoft.Extensions.Options;
using Shouldly;
using SubmissionGateway.Disclosures;
using SubmissionGateway.Persistence;
using SubmissionGateway.Protection.PhiFields;
using SubmissionGateway.Tests.Disclosures;

namespace SubmissionGateway.Tests.PhiFields;

public sealed class PhiFieldProtectorTests
{
    [Fact]
    public void Round_trip_returns_the_value_and_never_the_same_ciphertext_twice()
    {
        var protector = new PhiFieldProtector(TestPhiKeys.Options());

        var first = protector.ProtectString("Zebulon Quillfeather", "patients.name");
        var second = protector.ProtectString("Zebulon Quillfeather", "patients.name");

        protector.UnprotectString(first, "patients.name").ShouldBe("Zebulon Quillfeather");
        first.ShouldNotBe(second, "a random nonce per value");
        Encoding.ASCII.GetString(first, 2, 2).ShouldBe("k1", "the key id travels with the value");
    }

    [Fact]
    public void Any_flipped_bit_or_other_column_is_detected()
    {
        var protector = new PhiFieldProtector(TestPhiKeys.Options());
        var value = protector.ProtectString("ZQF-4417-0093", "patients.member_id");

        for (var i = 4; i < value.Length; i++)
        {
            var tampered = value.ToArray();
            tampered[i] ^= 0x01;
            Should.Throw<PhiFieldTamperedException>(() => protector.Unprotect(tampered, "patients.member_id"));
        }

        Should.Throw<PhiFieldTamperedException>(() => protector.Unprotect(value, "patients.name"));
        Should.Throw<PhiFieldTamperedException>(() => protector.Unprotect(value.AsSpan(0, 20), "patients.member_id"));
    }

    [Fact]
    public void Old_key_still_reads_after_rotation()
    {
        var keys = TestPhiKeys.Create("2025");
        var old = new PhiFieldProtector(TestPhiKeys.Options(keys)).ProtectString("1961-07-19", "patients.birth_date");
        keys.EncryptionKeys["2026"] = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        keys.ActiveKeyId = "2026";

        new PhiFieldProtector(TestPhiKeys.Options(keys)).UnprotectString(old, "patients.birth_date").ShouldBe("1961-07-19");
    }

    [Fact]
    public void Blind_index_is_stable_normalized_and_keyed()
    {
        var keys = TestPhiKeys.Create();
        var index = new PatientBlindIndex(TestPhiKeys.Options(keys));
        var born = new DateOnly(1961, 7, 19);

        index.Compute("ZQF-4417-0093", born).ShouldBe(index.Compute("ZQF-4417-0093", born));
        index.Compute(" zqf 4417 0093", born).ShouldBe(index.Compute("ZQF-4417-0093", born));
        index.Compute("ZQF-4417-0093", born.AddDays(1)).ShouldNotBe(index.Compute("ZQF-4417-0093", born));
        new PatientBlindIndex(TestPhiKeys.Options()).Compute("ZQF-4417-0093", born).ShouldNotBe(index.Compute("ZQF-4417-0093", born));
    }

    [Fact]
    public void Options_refuse_a_blind_index_key_equal_to_an_encryption_key()
    {
        var keys = TestPhiKeys.Create();
        keys.BlindIndexKey = keys.EncryptionKeys["k1"];

        var result = new PhiFieldOptionsValidator().Validate(null, keys);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("must differ");
    }

    [Fact]
    public async Task Database_file_holds_no_clear_text_patient_data()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fixture = await LedgerFixture.CreateAsync(DatabaseProvider.Sqlite, ct);
        await fixture.Ledger.RecordDisclosuresAsync(Enumerable.Range(0, 20).Select(n => LedgerFixture.Record(n)).ToList(), ct);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var bytes = new List<byte>();
        foreach (var file in Directory.GetFiles(fixture.Database.Directory!, "gateway.db*"))
        {
            bytes.AddRange(await File.ReadAllBytesAsync(file, ct));
        }

        var all = bytes.ToArray();
        all.Length.ShouldBeGreaterThan(4096);
        foreach (var secret in new[] { "Quillfeather", "Zebulon", "ZQF-4417-0093", "ZQF44170093", "1961-07-19" })
        {
            all.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)).ShouldBe(-1, secret);
            all.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)).ShouldBe(-1, secret);
        }

        all.AsSpan().IndexOf(Encoding.UTF8.GetBytes("Acme Health Plan")).ShouldBeGreaterThan(-1, "the check would see clear text if it were there");
    }
}
