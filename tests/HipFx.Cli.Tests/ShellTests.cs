namespace HipFx.Cli.Tests;

public class ShellTests
{
    [Fact]
    public void Help_lists_the_commands_and_exits_zero()
    {
        var (code, output, _) = CliRunner.Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("doctor", output);
        Assert.Contains("--device", output);
        Assert.Contains("--libtorch", output);
    }

    [Fact]
    public void Every_command_and_option_has_help_text()
    {
        var root = HipFxApp.BuildRoot();
        var undocumented = new List<string>();
        void Visit(System.CommandLine.Command command, string path)
        {
            if (string.IsNullOrWhiteSpace(command.Description)) undocumented.Add(path);
            foreach (var option in command.Options)
            {
                if (string.IsNullOrWhiteSpace(option.Description) && option.Name is not ("--help" or "--version"))
                    undocumented.Add($"{path} {option.Name}");
            }
            foreach (var argument in command.Arguments)
            {
                if (string.IsNullOrWhiteSpace(argument.Description)) undocumented.Add($"{path} <{argument.Name}>");
            }
            foreach (var sub in command.Subcommands) Visit(sub, $"{path} {sub.Name}");
        }
        Visit(root, "hipfx");
        Assert.Empty(undocumented);
    }

    [Fact]
    public void Unknown_commands_and_options_are_usage_errors()
    {
        var (code, _, err) = CliRunner.Run("frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("frobnicate", err);
        Assert.Equal(2, CliRunner.Run("doctor", "--no-such-option").ExitCode);
    }

    [Fact]
    public void Version_includes_the_semantic_version()
    {
        var (code, output, _) = CliRunner.Run("--version");
        Assert.Equal(0, code);
        Assert.StartsWith("0.", output.Trim());
    }
}
