using Microsoft.EntityFrameworkCore;

namespace SubmissionGateway.Persistence;

/// <summary>The embedded default; its migrations live in Persistence/Migrations/Sqlite.</summary>
public sealed class SqliteGatewayDbContext(DbContextOptions<SqliteGatewayDbContext> options) : GatewayDbContext(options);
