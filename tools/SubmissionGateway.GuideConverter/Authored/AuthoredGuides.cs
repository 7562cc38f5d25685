using SubmissionGateway.GuideConverter.Model;
using SubmissionGateway.GuideConverter.Pyx12;

namespace SubmissionGateway.GuideConverter.Authored;

/// <summary>The guides with no pyx12 map, built from the generated ones where they share structure.</summary>
public static class AuthoredGuides
{
    public static IEnumerable<GuideDocument> BuildAll(DataElementCatalog dataElements, IReadOnlyList<GuideDocument> generated)
    {
        var parts = new GuideParts(dataElements);
        GuideDocument Generated(string id) =>
            generated.SingleOrDefault(g => g.Id == id) ?? throw new GuideSourceException($"authored guides need {id}, which was not generated.");

        yield return DentalClaimGuide.Build(parts, Generated("005010X222A1"));
        yield return AttachmentGuide.Build(parts);
        yield return AdditionalInformationRequestGuide.Build(Generated("005010X214"));
    }
}
