package lrsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as declared in {@link LrSchedCommand} and {@link Cli}: what every command has. */
class CommandTreeTest {
    @TempDir
    Path dir;

    @Test
    void everyListedSubcommandIsBuiltInHelpOrder() {
        CommandLine all = Cli.create(Console.nowhere());
        assertThat(all.getSubcommands().keySet()).containsExactlyElementsOf(LrSchedCommand.SUBCOMMANDS);
    }

    @Test
    void aCommandLineNamingOneSubcommandBuildsOnlyThatOne() {
        CommandLine one = Cli.create(Console.nowhere(), new String[] {"--debug", "stats", "--steps", "3"});
        assertThat(one.getSubcommands().keySet()).containsExactly("stats");
        CommandLine typo = Cli.create(Console.nowhere(), new String[] {"sats"});
        assertThat(typo.getSubcommands().keySet()).containsExactlyElementsOf(LrSchedCommand.SUBCOMMANDS);
    }

    @Test
    void everyCommandHasHelpAndOnlyTheTopPrintsTheVersion() {
        for (String name : LrSchedCommand.SUBCOMMANDS) {
            if (name.equals("help")) {
                continue;
            }
            CliRun version = CliRun.run(dir, name, "--version");
            assertThat(version.exitCode()).as(name).isEqualTo(Cli.USAGE);
            CliRun help = CliRun.run(dir, name, "-h");
            assertThat(help.exitCode()).as(name).isZero();
            assertThat(help.out()).as(name).startsWith("Usage: lrsched " + name + " ")
                    .contains("-h, --help", "--debug").doesNotContain("-V, --version");
        }
        assertThat(CliRun.run(dir, "-V").out()).isEqualTo("lrsched 0.1.0\n");
    }

    @Test
    void debugWorksBeforeAndAfterTheSubcommand() {
        for (String[] args : new String[][] {{"--debug", "csv", "-s", "type=nope"}, {"csv", "-s", "type=nope",
            "--debug"}}) {
            CliRun r = CliRun.run(dir, args);
            assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
            assertThat(r.err()).startsWith("lrsched: ").contains("unknown type 'nope'").contains("\tat lrsched.");
        }
        CliRun quiet = CliRun.run(dir, "csv", "-s", "type=nope");
        assertThat(quiet.err()).doesNotContain("\tat ");
    }

    @Test
    void flagsTakeAnExplicitBooleanAsPicocliAllows() {
        assertThat(CliRun.run(dir, "csv", "-s", "type=constant,lr=1", "--steps", "1", "--debug=true").exitCode())
                .isZero();
        CliRun off = CliRun.run(dir, "check", "-s", "type=constant,lr=1", "--steps", "1", "--against", "none.csv",
                "--update=false");
        assertThat(off.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(off.err()).contains("no such snapshot");
    }

    @Test
    void aMissingPositionalIsAUsageError() {
        CliRun r = CliRun.run(dir, "completion");
        assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).isEqualTo("lrsched: Missing required parameter: 'SHELL' (see: lrsched completion --help)\n");
    }

    @Test
    void optionValuesAreTypedAndDefaulted() {
        CliRun r = CliRun.run(dir, "check", "-s", "type=constant,lr=1", "--steps", "2", "--against", "snap.csv",
                "--update");
        assertThat(r.exitCode()).isZero();
        CliRun same = CliRun.run(dir, "check", "-s", "type=constant,lr=1", "--steps", "2", "--against", "snap.csv",
                "--rtol", "0");
        assertThat(same.exitCode()).isZero();
        CliRun bad = CliRun.run(dir, "check", "-s", "type=constant,lr=1", "--against", "snap.csv", "--rtol", "x");
        assertThat(bad.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(bad.err()).startsWith("lrsched: ").contains("--rtol").contains("'x'");
    }
}
