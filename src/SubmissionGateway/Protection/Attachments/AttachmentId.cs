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

    /// <summary>
    /// An id whose first 48 bits are the creation time in milliseconds and whose other 80 bits are random: still
    /// unguessable, but ids made one after another sort together, so a database index on them grows at its end
    /// instead of dirtying a random page per insert. For rows in the database, not for blob names (Azure Storage
    /// spreads load by name range, so sequential names there would make one hot partition).
    /// </summary>
    public static AttachmentId NewInCreationOrder(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Span<byte> bytes = stackalloc byte[Length / 2];
        var milliseconds = clock.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--)
        {
            bytes[i] = (byte)milliseconds;
            milliseconds >>= 8;
        }

        RandomNumberGenerator.Fill(bytes[6..]);
        return new(Convert.ToHexStringLower(bytes));
    }

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
