using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace SubmissionGateway.Protection.Attachments;

/// <summary>
/// The opaque name of a stored payload: 32 lower-case hex digits from a random 128-bit value. It says nothing
/// about the patient or claim, so it can be a file or blob name, and it cannot walk out of the store's folder.
/// </summary>
public readonly record struct AttachmentId
{
    private const int Length = 32;

    private AttachmentId(string value) => Value = value;

    public string Value { get; }

    public static AttachmentId New() => new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Length / 2)));

    public static AttachmentId Parse(string value)
        => TryParse(value, out var id) ? id : throw new FormatException($"'{value}' is not an attachment id (32 lower-case hex digits).");

    public static bool TryParse([NotNullWhen(true)] string? value, out AttachmentId id)
    {
        if (value is { Length: Length } && value.AsSpan().ContainsAnyExcept("0123456789abcdef") is false)
        {
            id = new AttachmentId(value);
            return true;
        }

        id = default;
        return false;
    }

    public override string ToString() => Value ?? "";
}
