namespace SubmissionGateway.Persistence;

/// <summary>
/// When a SQLite commit reaches the disk (PRAGMA synchronous, with WAL). <see cref="Full"/> syncs the write-ahead
/// log on every commit: an answered submission survives a power loss. <see cref="Normal"/> syncs only at
/// checkpoints: a commit survives the process being killed (the log is in the operating system's cache), but the
/// last commits before a power loss or kernel crash can be lost, answered submissions and ledger entries included.
/// </summary>
public enum SqliteSynchronous
{
    Full,
    Normal,
}
