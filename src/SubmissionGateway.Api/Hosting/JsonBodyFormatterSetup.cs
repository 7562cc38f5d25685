using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.Extensions.Options;

namespace SubmissionGateway.Api.Hosting;

/// <summary>Wraps MVC's own JSON body reader in a <see cref="JsonBodyFormatter"/>, in its place.</summary>
internal sealed class JsonBodyFormatterSetup : IPostConfigureOptions<MvcOptions>
{
    public void PostConfigure(string? name, MvcOptions options)
    {
        for (var i = 0; i < options.InputFormatters.Count; i++)
        {
            if (options.InputFormatters[i] is SystemTextJsonInputFormatter json)
            {
                options.InputFormatters[i] = new JsonBodyFormatter(json);
            }
        }
    }
}
