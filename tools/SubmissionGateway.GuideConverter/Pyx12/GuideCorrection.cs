using SubmissionGateway.GuideConverter.Model;

namespace SubmissionGateway.GuideConverter.Pyx12;

/// <summary>One deliberate change to what pyx12's map says, with the reason and where the fact comes from.</summary>
public sealed record GuideCorrection(string Description, Action<GuideLoop> Apply);
