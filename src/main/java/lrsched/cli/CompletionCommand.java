package lrsched.cli;

import java.util.Iterator;
import java.util.concurrent.Callable;

import lrsched.library.Libraries;
import lrsched.registry.Registry;
import lrsched.registry.TypeDef;
import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine;

/** {@code lrsched completion bash|zsh}: a shell completion script (picocli's AutoComplete). */
final class CompletionCommand implements Callable<Integer> {
    final CommandSpec spec = Commands.create(this,
            "Print a shell completion script: subcommands, options, and schedule type names.",
            "bash: source <(lrsched completion bash)",
            "zsh:  source <(lrsched completion zsh)");
    private final Console console;
    private final Opt<String> shell = Opt.positional(spec, String.class, PositionalParamSpec.builder()
            .required(true).paramLabel("SHELL").completionCandidates(new Shells()).description("bash or zsh."));

    CompletionCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        String shell = this.shell.get();
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown shell '" + shell + "'; use bash or "
                    + "zsh" + lrsched.core.Suggest.didYouMean(shell, java.util.List.of("bash", "zsh")));
        }
        CommandLine root = spec.commandLine().getParent();
        String script = forLauncher(AutoComplete.bash("lrsched", root));
        if (shell.equals("zsh")) {
            script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        console.out().print(script);
        console.out().flush();
        return Cli.OK;
    }

    /**
     * The script completing both {@code lrsched} (installed) and {@code ./lrsched} (the launcher in a checkout), not
     * picocli's {@code lrsched.sh} and {@code lrsched.bash}. Under zsh, bashcompinit's {@code complete} registers
     * both names with {@code compdef}.
     */
    static String forLauncher(String script) {
        return script.replace("`lrsched`, `lrsched.sh`, and `lrsched.bash` commands",
                        "`lrsched` and `./lrsched` commands")
                .replaceAll("(?m)^complete -F _complete_lrsched -o default .*$",
                        "complete -F _complete_lrsched -o default lrsched ./lrsched");
    }

    /** The shells a script can be printed for. */
    static final class Shells implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return java.util.List.of("bash", "zsh").iterator();
        }
    }

    /** Every schedule type name and library prefix, for completing {@code lrsched types NAME}. */
    static final class TypeNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            java.util.Set<String> names = new java.util.LinkedHashSet<>();
            for (TypeDef t : Libraries.registry().types()) {
                names.add(t.library());
            }
            for (TypeDef t : Libraries.registry().types()) {
                names.add(t.name());
            }
            return names.iterator();
        }
    }
}
