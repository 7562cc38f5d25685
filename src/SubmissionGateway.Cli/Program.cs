using SubmissionGateway.Cli;

return await SgwCommand.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
