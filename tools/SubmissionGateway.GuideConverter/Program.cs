using SubmissionGateway.GuideConverter;

// Usage: dotnet run --project tools/SubmissionGateway.GuideConverter -- <pyx12-maps-dir> <schemas/x12-dir>
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: SubmissionGateway.GuideConverter <pyx12-maps-dir> <schemas/x12-dir>");
    return 2;
}

try
{
    var guides = GuideConversion.ConvertAll(args[0]);
    GuideConversion.WriteAll(guides, args[1]);
    foreach (var (file, bytes) in guides)
    {
        Console.WriteLine($"{file}  {bytes.Length:N0} bytes");
    }

    return 0;
}
catch (Exception e) when (e is GuideSourceException or IOException or UnauthorizedAccessException or System.Xml.XmlException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
