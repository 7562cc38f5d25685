using System.Buffers.Text;
using System.Text;
using Shouldly;
using SubmissionGateway.X12.Reading;

namespace SubmissionGateway.X12.Tests.Engine;

/// <summary>The quick path for plain amounts must give exactly what the general parser gives: value and scale.</summary>
public sealed class DecimalParsingTests
{
    public static TheoryData<string> PlainAmounts() =>
    [
        "0", "00", "007", "1", "80", "150.01", "1.10", "100.00", "0.000", ".5", "0.5", "12345.6789",
        "123456789012345678", "99999999999999999.9", "0.00000000000000001", "4294967296", "18446744073709551",
    ];

    [Theory]
    [MemberData(nameof(PlainAmounts))]
    public void A_plain_amount_parses_as_the_general_parser_parses_it(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);

        X12Text.TryParsePlainDecimal(bytes, out var quick).ShouldBeTrue();
        Utf8Parser.TryParse(bytes, out decimal general, out var consumed).ShouldBeTrue();

        consumed.ShouldBe(bytes.Length);
        decimal.GetBits(quick).ShouldBe(decimal.GetBits(general), $"'{text}' must keep the same scale");
        quick.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(general.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("5.")]
    [InlineData(".")]
    [InlineData("1e3")]
    [InlineData("1.2.3")]
    [InlineData("12A")]
    [InlineData("1234567890123456789")]
    public void Anything_else_is_left_to_the_general_parser(string text)
    {
        X12Text.TryParsePlainDecimal(Encoding.ASCII.GetBytes(text), out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("-5.25")]
    [InlineData("1234567890123456789")]
    [InlineData("150.01")]
    public void The_public_parser_still_takes_what_the_quick_path_leaves(string text)
    {
        X12Text.TryParseDecimal(Encoding.ASCII.GetBytes(text), out var value).ShouldBeTrue();
        value.ShouldBe(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Random_amounts_agree_with_the_general_parser()
    {
        var random = new Random(20261126);
        for (var i = 0; i < 20_000; i++)
        {
            var whole = random.NextInt64(0, 10_000_000_000);
            var text = random.Next(3) switch
            {
                0 => whole.ToString(System.Globalization.CultureInfo.InvariantCulture),
                1 => $"{whole}.{random.Next(100):D2}",
                _ => $"{whole % 1000}.{random.Next(1_000_000):D6}",
            };
            var bytes = Encoding.ASCII.GetBytes(text);
            X12Text.TryParsePlainDecimal(bytes, out var quick).ShouldBeTrue(text);
            Utf8Parser.TryParse(bytes, out decimal general, out _).ShouldBeTrue(text);
            decimal.GetBits(quick).ShouldBe(decimal.GetBits(general), text);
        }
    }
}
