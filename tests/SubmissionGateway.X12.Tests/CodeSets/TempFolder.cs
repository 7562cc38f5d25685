namespace SubmissionGateway.X12.Tests.CodeSets;

/// <summary>A scratch folder removed when the test ends.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => System.IO.Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sgw-codesets-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; a failing Dispose would hide the test's own result.
        }
    }
}
