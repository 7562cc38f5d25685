namespace SubmissionGateway.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
