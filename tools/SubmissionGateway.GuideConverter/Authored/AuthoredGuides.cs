using SubmissionGateway.GuideConverter.Model;
using SubmissionGateway.GuideConverter.Pyx12;

namespace SubmissionGateway.GuideConverter.Authored;

/// <summary>The guides with no pyx12 map, built from the generated ones where they share structure.</summary>
public static class AuthoredGuides
{
    public static IReadOnlyList<GuideDocument> BuildAll(DataElementCatalog dataElements, IReadOnlyList<GuideDocument> generated)
    {
        var parts = new GuideParts(dataElements);
        GuideDocument Generated(string id) =>
            generated.SingleOrDefault(g => g.Id == id) ?? throw new GuideSourceException($"authored guides need {id}, which was not generated.");

        GuideDocument[] authored =
        [
            DentalClaimGuide.Build(parts, Generated("005010X222A1")),
            AttachmentGuide.Build(parts, Generated("005010X222A1")),
            AdditionalInformationRequestGuide.Build(Generated("005010X214")),
        ];

        // Authored segments list not-used composites (REF04) without components, as pyx12 does.
        foreach (var guide in authored)
        {
            CompositeCatalog.FillNotUsed(guide.Transaction, dataElements);
        }

        return authored;
    }
}
