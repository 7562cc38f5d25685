namespace SubmissionGateway.AttachmentRequests;

/// <summary>
/// Finds the PDF names payers refuse (/Encrypt, /JavaScript, /JS, /EmbeddedFile(s)) in bytes seen piece by piece, as
/// one scan of the whole would: a name counts only when a delimiter, whitespace or the end follows it, so "/JS" does
/// not match "/JSomething", and a name split across two pieces is still found.
/// </summary>
internal sealed class PdfNameScan
{
    // The longest name plus the byte that tells whether it ended.
    private const int Carry = 15;

    private readonly byte[] _window = new byte[Carry + 64 * 1024];
    private int _carried;

    public bool Encrypt { get; private set; }

    public bool JavaScript { get; private set; }

    public bool EmbeddedFiles { get; private set; }

    /// <summary>Scans <paramref name="source"/> from its current position to its end, a piece at a time.</summary>
    public static PdfNameScan Of(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var scan = new PdfNameScan();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = source.Read(chunk, 0, chunk.Length)) > 0)
            {
                scan.Append(chunk.AsSpan(0, read));
            }

            scan.Complete();
            return scan;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>Scans a whole document at once.</summary>
    public static PdfNameScan Of(ReadOnlySpan<byte> bytes)
    {
        var scan = new PdfNameScan();
        scan.Append(bytes);
        scan.Complete();
        return scan;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var n = Math.Min(bytes.Length, _window.Length - _carried);
            bytes[..n].CopyTo(_window.AsSpan(_carried));
            bytes = bytes[n..];
            var filled = _carried + n;
            Look(_window.AsSpan(0, filled), atEnd: false);
            // Keep the tail: a name that ends there is judged once the byte after it has arrived (or at the end).
            _carried = Math.Min(Carry, filled);
            _window.AsSpan(filled - _carried, _carried).CopyTo(_window);
        }
    }

    /// <summary>The end of the document: a name that runs to the very end counts.</summary>
    public void Complete() => Look(_window.AsSpan(0, _carried), atEnd: true);

    private void Look(ReadOnlySpan<byte> bytes, bool atEnd)
    {
        Encrypt |= Contains(bytes, "/Encrypt"u8, atEnd);
        JavaScript |= Contains(bytes, "/JavaScript"u8, atEnd) || Contains(bytes, "/JS"u8, atEnd);
        EmbeddedFiles |= Contains(bytes, "/EmbeddedFile"u8, atEnd) || Contains(bytes, "/EmbeddedFiles"u8, atEnd);
    }

    private static bool Contains(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> name, bool atEnd)
    {
        var from = 0;
        while (from < bytes.Length)
        {
            var at = bytes[from..].IndexOf(name);
            if (at < 0)
            {
                return false;
            }

            var end = from + at + name.Length;
            if (end >= bytes.Length ? atEnd : "\0\t\n\f\r ()<>[]{}/%"u8.Contains(bytes[end]))
            {
                return true;
            }

            from = end;
        }

        return false;
    }
}
