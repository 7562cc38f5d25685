namespace SubmissionGateway.X12.Guides;

/// <summary>The implementation guides the library ships (schemas/x12, embedded), found by GS08/ST03.</summary>
public sealed class GuideCatalog
{
    private static readonly Lazy<GuideCatalog> EmbeddedCatalog = new(LoadEmbedded);
    private readonly Dictionary<string, ImplementationGuide> _byVersion = new(StringComparer.Ordinal);

    public GuideCatalog(IEnumerable<ImplementationGuide> guides)
    {
        ArgumentNullException.ThrowIfNull(guides);
        Guides = [.. guides];
        foreach (var guide in Guides)
        {
            _byVersion[guide.Id] = guide;
        }

        // Errata map to their base guide only where no guide of their own exists.
        foreach (var guide in Guides)
        {
            foreach (var erratum in guide.Errata)
            {
                _byVersion.TryAdd(erratum, guide);
            }
        }
    }

    /// <summary>The guides embedded in this library.</summary>
    public static GuideCatalog Embedded => EmbeddedCatalog.Value;

    public IReadOnlyList<ImplementationGuide> Guides { get; }

    /// <summary>The guide for a version/release/industry identifier (GS08 or ST03), including errata releases.</summary>
    public ImplementationGuide? Find(string? version) =>
        version is not null && _byVersion.TryGetValue(version, out var guide) ? guide : null;

    private static GuideCatalog LoadEmbedded()
    {
        var assembly = typeof(GuideCatalog).Assembly;
        var guides = new List<ImplementationGuide>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Guides.", StringComparison.Ordinal) &&
                     n.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            guides.Add(GuideLoader.Load(stream));
        }

        return new GuideCatalog(guides);
    }
}
