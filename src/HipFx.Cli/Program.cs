using HipFx.Cli;

return HipFxApp.Run(args);
