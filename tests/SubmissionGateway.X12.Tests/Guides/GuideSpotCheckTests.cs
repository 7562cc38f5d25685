using Shouldly;
namespace SubmissionGateway.X12.Tests.Guides;

/// <summary>Facts from the published guides that would fail if the data or a correction were wrong.</summary>
public sealed class GuideSpotCheckTests
{
    private const string Subscriber = "2000A/2000B";
    private const string Patient = "2000A/2000B/2000C";

    [Fact]
    public void ProfessionalBillingProviderIsEntity85()
    {
        using var guide = GuideFiles.Load("005010X222A1.json");
        guide.Transaction().Loop("2000A/2010AA").Segment("NM1").Element("NM101").Codes().ShouldBe(["85"]);
    }

    [Fact]
    public void ProfessionalClaimFacilityCodeIsAThreePartComposite()
    {
        using var guide = GuideFiles.Load("005010X222A1.json");
        var clm05 = guide.Transaction().Loop($"{Patient}/2300").Segment("CLM").Element("CLM05");
        clm05.Str("composite").ShouldBe("C023");
        clm05.GetProperty("components").GetArrayLength().ShouldBe(3);
    }

    [Theory]
    [InlineData("005010X222A1.json", 50)]
    [InlineData("005010X223A2.json", 999)]
    [InlineData("005010X224A2.json", 50)]
    public void ServiceLinesRepeatAsTheGuideSays(string file, int repeat)
    {
        using var guide = GuideFiles.Load(file);
        foreach (var path in new[] { Subscriber, Patient })
        {
            guide.Transaction().Loop($"{path}/2300/2400").GetProperty("repeat").GetInt32().ShouldBe(repeat);
        }
    }

    [Fact]
    public void UnboundedLoopsAreNull()
    {
        using var guide = GuideFiles.Load("005010X222A1.json");
        guide.Transaction().Loop("2000A").GetProperty("repeat").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public void WrapperAndEnvelopeLoopsAreGone()
    {
        foreach (var path in GuideFiles.All)
        {
            var text = File.ReadAllText(path);
            foreach (var id in new[] { "\"HEADER\"", "\"DETAIL\"", "\"FOOTER\"", "\"ISA_LOOP\"", "\"GS_LOOP\"", "\"ISA\"", "\"GS\"" })
            {
                text.ShouldNotContain($"\"id\": {id}", customMessage: path);
            }
        }
    }

    [Fact]
    public void Pyx12Issue27ServiceFacilityContactExistsUnderTheSubscriber()
    {
        using var guide = GuideFiles.Load("005010X222A1.json");
        var per = guide.Transaction().Loop($"{Subscriber}/2300/2310C").Segment("PER", "Service Facility Contact Information");
        per.Element("PER01").Codes().ShouldBe(["IC"]);
    }

    [Fact]
    public void Pyx12Issue28RenderingProviderTaxonomyQualifierIsPxcUnderThePatient()
    {
        using var guide = GuideFiles.Load("005010X222A1.json");
        guide.Transaction().Loop($"{Patient}/2300/2310B").Segment("PRV").Element("PRV02").Codes().ShouldBe(["PXC"]);
    }

    [Fact]
    public void Pyx12Issue29DrugQuantityUnitsAndCtp03AgreeUnderBothHierarchies()
    {
        using var guide = GuideFiles.Load("005010X222A1.json");
        foreach (var path in new[] { Subscriber, Patient })
        {
            var ctp = guide.Transaction().Loop($"{path}/2300/2400/2410").Segment("CTP");
            ctp.Element("CTP05-01").Codes().ShouldBe(["F2", "GR", "ME", "ML", "UN"]);
            ctp.Element("CTP03").Str("usage").ShouldBe("N");
        }
    }

    [Theory]
    [InlineData("005010X222A1.json")]
    [InlineData("005010X223A2.json")]
    public void SubscriberLevelClaimIsSituational(string file)
    {
        using var guide = GuideFiles.Load(file);
        guide.Transaction().Loop($"{Subscriber}/2300").Str("usage").ShouldBe("S");
        guide.Transaction().Loop($"{Patient}/2300").Str("usage").ShouldBe("R");
    }

    [Theory]
    [InlineData("005010X222A1.json", new[] { "005010X222A1", "005010X222A2" })]
    [InlineData("005010X223A2.json", new[] { "005010X223A2", "005010X223A3" })]
    [InlineData("005010X231A1.json", new[] { "005010X231A1" })]
    public void St03AcceptsTheGuideAndItsErrata(string file, string[] identifiers)
    {
        using var guide = GuideFiles.Load(file);
        var st03 = guide.Transaction().Segment("ST").Element("ST03");
        st03.Str("usage").ShouldBe("R");
        st03.Codes().ShouldBe(identifiers);
        guide.RootElement.GetProperty("errata").EnumerateArray().Select(e => e.GetString()).ShouldBe(identifiers.Skip(1));
    }

    [Fact]
    public void InstitutionalDiagnosisCompositeKeepsItsSyntaxNotes()
    {
        using var guide = GuideFiles.Load("005010X223A2.json");
        var hi = guide.Transaction().Loop($"{Patient}/2300").Segment("HI", "Principal Diagnosis");
        hi.Element("HI01").GetProperty("syntax").EnumerateArray().Select(s => s.GetString()).ShouldBe(["P0304", "E0809"]);
        hi.Element("HI01-01").Codes().ShouldBe(["ABK", "BK"]);
    }

    [Fact]
    public void DentalServiceLineHasSv3AndToothInformation()
    {
        using var guide = GuideFiles.Load("005010X224A2.json");
        foreach (var path in new[] { Subscriber, Patient })
        {
            var line = guide.Transaction().Loop($"{path}/2300/2400");
            line.Children().Where(c => !c.IsLoop()).Select(c => c.Str("id")).Take(3).ShouldBe(["LX", "SV3", "TOO"]);
            var sv3 = line.Segment("SV3");
            sv3.Element("SV301").Str("composite").ShouldBe("C003");
            sv3.Element("SV301-01").Codes().ShouldBe(["AD"]);
            line.Segment("TOO").GetProperty("maxUse").GetInt32().ShouldBe(32);
            line.Children().ShouldNotContain(c => !c.IsLoop() && c.Str("id") == "SV1");
            line.Children().Where(c => c.IsLoop()).Select(c => c.Str("id")).ShouldBe(["2420A", "2420B", "2420C", "2420D", "2430"]);
            line.Loop("2420B").Segment("NM1").Element("NM101").Codes().ShouldBe(["DD"]);
        }
    }

    [Fact]
    public void DentalClaimHasToothStatusAndOrthodonticSegments()
    {
        using var guide = GuideFiles.Load("005010X224A2.json");
        var claim = guide.Transaction().Loop($"{Patient}/2300");
        claim.Segment("DN2").GetProperty("maxUse").GetInt32().ShouldBe(35);
        claim.Segment("DN1").Str("usage").ShouldBe("S");
        claim.Segment("CLM").Element("CLM19").Codes().ShouldBe(["PB"]);
        claim.Children().Where(c => c.IsLoop()).Select(c => c.Str("id"))
            .ShouldBe(["2310A", "2310B", "2310C", "2310D", "2310E", "2320", "2400"]);
    }

    [Fact]
    public void AttachmentCarriesTheDocumentInABinaryElement()
    {
        using var guide = GuideFiles.Load("005010X210.json");
        guide.RootElement.Str("functionalGroup").ShouldBe("PI");
        var submission = guide.Transaction().Loop("2000A/2100B");
        submission.Children().Select(c => c.Str("id")).ShouldBe(["DTP", "CAT", "2110B"]);
        var document = submission.Loop("2110B");
        var bin = document.Segment("BIN");
        bin.Element("BIN01").Str("type").ShouldBe("N0");
        bin.Element("BIN02").Str("type").ShouldBe("B");
        document.Children().Select(c => c.Str("id")).ShouldBe(["EFI", "BIN"]);
        guide.Transaction().Loop("2000A/2100A").Segment("DTP").Element("DTP01").Codes().ShouldBe(["472"]);
        guide.Transaction().Loop("1000D").Segment("NM1").Element("NM101").Codes().ShouldBe(["QC"]);
        guide.Transaction().Loop("2000A").Segment("TRN").Element("TRN02").Str("name").ShouldBe("Attachment Control Number");
    }

    [Fact]
    public void RequestForAdditionalInformationCarriesThreeRequestsPerStatus()
    {
        using var guide = GuideFiles.Load("005010X213.json");
        var stc = guide.Transaction().Loop($"2000A/2000B/2000C/2000D/2200D").Segment("STC");
        foreach (var reference in new[] { "STC01", "STC10", "STC11" })
        {
            stc.Element(reference).GetProperty("components").GetArrayLength().ShouldBe(4);
        }

        stc.Element("STC10").Str("usage").ShouldBe("S");
        guide.Transaction().Loop("2000A").Children().Where(c => c.IsLoop()).Select(c => c.Str("id")).ShouldBe(["2100A", "2000B"]);
    }

    [Fact]
    public void ClaimAcknowledgmentPatientLevelIsPt()
    {
        using var guide = GuideFiles.Load("005010X214.json");
        guide.Transaction().Loop("2000A/2000B/2000C/2000D").Segment("HL").Element("HL03").Codes().ShouldBe(["PT"]);
    }

    [Fact]
    public void ImplementationAcknowledgmentCanAnswerAnAttachmentGroup()
    {
        using var guide = GuideFiles.Load("005010X231A1.json");
        guide.Transaction().Segment("AK1").Element("AK101").Codes().ShouldBeEmpty();
        guide.Transaction().Loop("2000").Segment("AK2").Element("AK201").Codes().ShouldBeEmpty();
        guide.Transaction().Loop("2000/2100").Segment("IK3").Element("IK304").Codes().ShouldContain("I4");
    }
}
