namespace SubmissionGateway.Intake;

/// <summary>A persistent counter behind the control numbers of the interchanges and acknowledgments the gateway writes.</summary>
public sealed class ControlNumberCounter
{
    public const string Interchanges = "interchange";

    public string Name { get; set; } = "";

    /// <summary>The last number handed out.</summary>
    public long Value { get; set; }
}
