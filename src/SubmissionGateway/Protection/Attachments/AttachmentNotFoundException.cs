namespace SubmissionGateway.Protection.Attachments;

/// <summary>No payload with this id: it was never stored, or it was shredded.</summary>
public sealed class AttachmentNotFoundException : Exception
{
    public AttachmentNotFoundException()
    {
    }

    public AttachmentNotFoundException(string message)
        : base(message)
    {
    }

    public AttachmentNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static AttachmentNotFoundException For(AttachmentId id, Exception? inner = null)
        => new($"Attachment {id} does not exist: it was never stored or it has been shredded.", inner!);
}
