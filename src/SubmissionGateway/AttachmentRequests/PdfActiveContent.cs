using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Tokenization.Scanner;
using UglyToad.PdfPig.Tokens;

namespace SubmissionGateway.AttachmentRequests;

/// <summary>
/// Walks every object reachable from a PDF's catalog, including those packed in compressed object streams that a
/// byte scan cannot see, looking for scripts (JavaScript and Launch actions) and embedded files.
/// </summary>
internal static class PdfActiveContent
{
    // A crafted PDF may reference millions of objects; past this it is refused as unreadable rather than walked.
    private const int MaxObjects = 200_000;

    public static (bool Script, bool EmbeddedFile) Find(DictionaryToken catalog, IPdfTokenScanner scanner)
    {
        var script = false;
        var embedded = false;
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

        return (script, embedded);
    }
}
