using System.Globalization;
using System.Text;
using Shouldly;
using SubmissionGateway.X12.CodeSets;

namespace SubmissionGateway.X12.Tests.CodeSets;

/// <summary>Check digits, formats and the built-in lists.</summary>
public sealed class FormatCheckTests
{
    private static DateOnly Day(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    private static byte[] Ascii(string code) => Encoding.ASCII.GetBytes(code);

    [Theory]
    [InlineData("1234567893", CodeCheckResult.Valid)] // the CMS example
    [InlineData("1245319599", CodeCheckResult.Valid)]
    [InlineData("1234567890", CodeCheckResult.InvalidCheckDigit)]
    [InlineData("1234567894", CodeCheckResult.InvalidCheckDigit)]
    [InlineData("2234567893", CodeCheckResult.InvalidCheckDigit)] // one digit changed
    [InlineData("123456789", CodeCheckResult.InvalidFormat)]
    [InlineData("12345678901", CodeCheckResult.InvalidFormat)]
    [InlineData("12345678A3", CodeCheckResult.InvalidFormat)]
    [InlineData("123456789X", CodeCheckResult.InvalidFormat)]
    public void Npi_check_digit_is_luhn_with_the_80840_prefix(string npi, CodeCheckResult expected)
    {
        NationalProviderIdentifier.Check(Ascii(npi)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("18842-5", CodeCheckResult.Valid)] // discharge summary
    [InlineData("11488-4", CodeCheckResult.Valid)] // consult note
    [InlineData("34133-9", CodeCheckResult.Valid)] // summary of episode note
    [InlineData("2345-7", CodeCheckResult.Valid)] // glucose
    [InlineData("718-7", CodeCheckResult.Valid)] // hemoglobin
    [InlineData("18842-4", CodeCheckResult.InvalidCheckDigit)]
    [InlineData("18824-5", CodeCheckResult.InvalidCheckDigit)] // transposed digits
    [InlineData("188425", CodeCheckResult.InvalidFormat)]
    [InlineData("18842-", CodeCheckResult.InvalidFormat)]
    [InlineData("-5", CodeCheckResult.InvalidFormat)]
    [InlineData("1884A-5", CodeCheckResult.InvalidFormat)]
    [InlineData("18842-55", CodeCheckResult.InvalidFormat)]
    public void Loinc_check_digit_is_loinc_mod_10(string code, CodeCheckResult expected)
    {
        LoincCode.Check(Ascii(code)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("00002143380", CodeCheckResult.Valid)]
    [InlineData("0002143380", CodeCheckResult.InvalidFormat)] // 10-digit package form: must be padded to 5-4-2
    [InlineData("00002-1433-80", CodeCheckResult.InvalidFormat)]
    [InlineData("0000214338A", CodeCheckResult.InvalidFormat)]
    public void Ndc_under_N4_is_eleven_digits(string ndc, CodeCheckResult expected)
    {
        NationalDrugCode.Check(Ascii(ndc)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("37203", CodeCheckResult.Valid, false)]
    [InlineData("372031234", CodeCheckResult.Valid, true)]
    [InlineData("3720", CodeCheckResult.InvalidFormat, false)]
    [InlineData("3720312", CodeCheckResult.InvalidFormat, false)]
    [InlineData("37203-1234", CodeCheckResult.InvalidFormat, false)]
    [InlineData("3720A", CodeCheckResult.InvalidFormat, false)]
    public void Zip_is_five_or_nine_digits(string zip, CodeCheckResult expected, bool plusFour)
    {
        ZipCode.Check(Ascii(zip)).ShouldBe(expected);
        ZipCode.HasPlusFour(Ascii(zip)).ShouldBe(plusFour);
    }

    [Theory]
    [InlineData("11", "2025-01-01", CodeCheckResult.Valid)]
    [InlineData("10", "2022-01-01", CodeCheckResult.Valid)]
    [InlineData("10", "2021-12-31", CodeCheckResult.NotEffectiveOnDate)] // telehealth in the home starts 2022
    [InlineData("27", "2023-09-30", CodeCheckResult.NotEffectiveOnDate)]
    [InlineData("27", "2023-10-01", CodeCheckResult.Valid)]
    [InlineData("30", "2025-01-01", CodeCheckResult.UnknownCode)] // unassigned
    [InlineData("1", "2025-01-01", CodeCheckResult.InvalidFormat)]
    [InlineData("1A", "2025-01-01", CodeCheckResult.InvalidFormat)]
    public void Place_of_service_is_a_cms_code_effective_on_the_date(string code, string dateOfService, CodeCheckResult expected)
    {
        CodeSetCatalog.BuiltIn.CheckPlaceOfService(Ascii(code), Day(dateOfService)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("TN", CodeCheckResult.Valid)]
    [InlineData("DC", CodeCheckResult.Valid)]
    [InlineData("PR", CodeCheckResult.Valid)]
    [InlineData("AE", CodeCheckResult.Valid)]
    [InlineData("ZZ", CodeCheckResult.UnknownCode)]
    [InlineData("ON", CodeCheckResult.UnknownCode)] // a Canadian province is not a US state
    [InlineData("tn", CodeCheckResult.InvalidFormat)]
    [InlineData("T1", CodeCheckResult.InvalidFormat)]
    [InlineData("TNN", CodeCheckResult.InvalidFormat)]
    public void State_code_is_a_us_postal_abbreviation(string code, CodeCheckResult expected)
    {
        CodeSetCatalog.BuiltIn.CheckStateCode(Ascii(code)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("1", ClaimForm.Professional, CodeCheckResult.Valid)]
    [InlineData("7", ClaimForm.Professional, CodeCheckResult.Valid)]
    [InlineData("8", ClaimForm.Dental, CodeCheckResult.Valid)]
    [InlineData("2", ClaimForm.Professional, CodeCheckResult.UnknownCode)] // interim bills are institutional only
    [InlineData("2", ClaimForm.Institutional, CodeCheckResult.Valid)]
    [InlineData("6", ClaimForm.Institutional, CodeCheckResult.UnknownCode)]
    [InlineData("11", ClaimForm.Professional, CodeCheckResult.InvalidFormat)]
    public void Claim_frequency_code_depends_on_the_claim_form(string code, ClaimForm form, CodeCheckResult expected)
    {
        CodeSetCatalog.BuiltIn.CheckClaimFrequency(Ascii(code), form).ShouldBe(expected);
    }

    [Fact]
    public void Date_of_service_may_not_be_in_the_future()
    {
        // 2025-03-11 02:00 UTC is still 2025-03-10 in Chicago: "today" is the gateway's local calendar day.
        var clock = new FixedClock(new DateTimeOffset(2025, 3, 11, 2, 0, 0, TimeSpan.Zero), TimeZoneInfo.CreateCustomTimeZone("UTC-6", TimeSpan.FromHours(-6), "UTC-6", "UTC-6"));

        ServiceDate.Check(Day("2025-03-10"), clock).ShouldBe(CodeCheckResult.Valid);
        ServiceDate.Check(Day("2025-03-11"), clock).ShouldBe(CodeCheckResult.FutureDate);
        ServiceDate.Check(Day("2024-03-11"), Day("2025-03-10")).ShouldBe(CodeCheckResult.Valid);
    }

    [Theory]
    [InlineData("207Q00000X", CodeCheckResult.FormatOnly)]
    [InlineData("207Q00000Y", CodeCheckResult.InvalidFormat)]
    [InlineData("207Q0000X", CodeCheckResult.InvalidFormat)]
    [InlineData("207q00000X", CodeCheckResult.InvalidFormat)]
    public void Taxonomy_without_the_nucc_file_is_checked_by_format(string code, CodeCheckResult expected)
    {
        CodeSetCatalog.BuiltIn.CheckTaxonomy(Ascii(code)).ShouldBe(expected);
    }

    [Fact]
    public void Accepted_means_valid_or_format_only()
    {
        CodeCheckResult.Valid.IsAccepted().ShouldBeTrue();
        CodeCheckResult.FormatOnly.IsAccepted().ShouldBeTrue();
        CodeCheckResult.NotBillable.IsAccepted().ShouldBeFalse();
        CodeCheckResult.InvalidCheckDigit.IsAccepted().ShouldBeFalse();
    }

    private sealed class FixedClock(DateTimeOffset utcNow, TimeZoneInfo zone) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => utcNow;

        public override TimeZoneInfo LocalTimeZone => zone;
    }
}
