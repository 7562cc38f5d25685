using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace SubmissionGateway.Persistence;

/// <summary>
/// An EF compiled query, compiled once per model: EF refuses to run a compiled query against another model than the
/// first it saw, and one process can hold both providers' models (the CLI migrating, the tests).
/// </summary>
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];

    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _byModel.GetValue(db.Model, _ => compile());
    }
}
