using SubmissionGateway.GuideConverter.Model;
using SubmissionGateway.GuideConverter.Pyx12;

namespace SubmissionGateway.GuideConverter.Authored;

public sealed class AuthoredGuideBuilder
{
    private readonly DataElementCatalog _dataElements;
    private readonly IReadOnlyList<GuideDocument> _generated;

    public AuthoredGuideBuilder(DataElementCatalog dataElements, IReadOnlyList<GuideDocument> generated)
    {
        _dataElements = dataElements;
        _generated = generated;
    }

    public IEnumerable<GuideDocument> BuildAll() => [];
}
