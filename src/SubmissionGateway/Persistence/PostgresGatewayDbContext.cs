using Microsoft.EntityFrameworkCore;

namespace SubmissionGateway.Persistence;

/// <summary>The scale-out database; its migrations live in Persistence/Migrations/Postgres.</summary>
public sealed class PostgresGatewayDbContext(DbContextOptions<PostgresGatewayDbContext> options) : GatewayDbContext(options);
