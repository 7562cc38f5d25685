using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Tokenization.Scanner;
using UglyToad.PdfPig.Tokens;

namespace SubmissionGateway.AttachmentRequests;

/// <summary>
/// Walks every object reachable from a PDF's catalog, including those packed in compressed object streams that a
/// byte scan cannot see, looking for scripts (JavaScript and Launch actions), embedded files, and streams whose end
/// PdfPig could only guess.
/// </summary>
internal static class PdfObjectWalk
{
    // A crafted PDF may reference millions of objects; past this it is refused as unreadable rather than walked.
    private const int MaxObjects = 200_000;

    public static (bool Script, bool EmbeddedFile, bool GuessedStreamEnd) Find(DictionaryToken catalog, IPdfTokenScanner scanner)
    {
        var script = false;
        var embedded = false;
        var guessed = false;
        var visited = new HashSet<IndirectReference>();
        var pending = new Stack<IToken>();
        pending.Push(catalog);
        var seen = 0;
        while (pending.Count > 0 && !(script && embedded))
        {
            if (++seen > MaxObjects)
            {
                throw new InvalidOperationException("The PDF has too many objects to inspect.");
            }

            switch (pending.Pop())
            {
                case IndirectReferenceToken reference when visited.Add(reference.Data):
                    if (scanner.Get(reference.Data)?.Data is { } target)
                    {
                        pending.Push(target);
                    }

                    break;
                case StreamToken stream:
                    guessed |= !StatesItsLength(stream, scanner);
                    pending.Push(stream.StreamDictionary);
                    break;
                case ArrayToken array:
                    foreach (var item in array.Data)
                    {
                        pending.Push(item);
                    }

                    break;
                case DictionaryToken dictionary:
                    foreach (var (key, value) in dictionary.Data)
                    {
                        script |= key is "JS" or "JavaScript" ||
                            (key == "S" && value is NameToken { Data: "JavaScript" or "Launch" });
                        embedded |= key is "EmbeddedFiles" or "EmbeddedFile" ||
                            (key == "Type" && value is NameToken { Data: "EmbeddedFile" });
                        pending.Push(value);
                    }

                    break;
            }
        }

        return (script, embedded, guessed);
    }

    /// <summary>
    /// Whether the stream's /Length (a whole number, or a reference to one) is exactly the bytes PdfPig read. When it is
    /// missing, or "endstream" is not where it points, PdfPig finds the end by searching for "endstream" (even with lenient
    /// parsing off), and that search misses an "endobj" right after "endstream", so it can swallow the objects that follow.
    /// Its writer copies the dictionary as it is, never setting /Length from the data, so the rewrite keeps a stream only a
    /// guess can end, and a later read guesses longer, until one cannot be read at all (found by the third long fuzzing run).
    /// </summary>
    private static bool StatesItsLength(StreamToken stream, IPdfTokenScanner scanner)
    {
        var length = stream.StreamDictionary.Data.GetValueOrDefault(NameToken.Length.Data);
        if (length is IndirectReferenceToken reference)
        {
            length = scanner.Get(reference.Data)?.Data;
        }

        return length is NumericToken { HasDecimalPlaces: false } stated && stated.Long == stream.Data.Length;
    }
}
