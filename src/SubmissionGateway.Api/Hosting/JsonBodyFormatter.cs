using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SubmissionGateway.Api.Hosting;

/// <summary>
/// MVC's System.Text.Json body reader, except that every malformed body is a 400. MVC files a JSON error under the
/// error's JSON path, and ModelState refuses a key nested past its depth limit by throwing: a property name of a
/// hundred brackets in a body that is then cut short was a 500 (found by JsonAndQueryFuzzTests). Such a body is
/// refused as malformed input instead, filed under the body itself. (MVC's reader is sealed, hence the wrapping.)
/// </summary>
internal sealed class JsonBodyFormatter(SystemTextJsonInputFormatter inner) : IInputFormatter, IApiRequestFormatMetadataProvider, IInputFormatterExceptionPolicy
{
    public InputFormatterExceptionPolicy ExceptionPolicy => ((IInputFormatterExceptionPolicy)inner).ExceptionPolicy;

    public bool CanRead(InputFormatterContext context) => inner.CanRead(context);

    public async Task<InputFormatterResult> ReadAsync(InputFormatterContext context)
    {
        try
        {
            return await inner.ReadAsync(context).ConfigureAwait(false);
        }
        catch (InvalidOperationException e) when (e.TargetSite?.DeclaringType == typeof(ModelStateDictionary))
        {
            throw new InputFormatterException("The JSON body is malformed.", e);
        }
    }

    public IReadOnlyList<string>? GetSupportedContentTypes(string? contentType, Type objectType) => inner.GetSupportedContentTypes(contentType, objectType);
}
