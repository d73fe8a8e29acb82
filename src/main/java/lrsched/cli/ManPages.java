package lrsched.cli;

import java.io.File;
import java.io.IOException;

import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the AsciiDoc sources of the man pages (lrsched.1 and one page per subcommand) from the same command
 * definitions the program runs: {@code ManPages OUTDIR}. The build runs it before packaging (see pom.xml) and
 * Asciidoctor turns the sources into troff. picocli-codegen is a build-time ("provided") dependency, absent from the
 * jar: this class is never loaded when lrsched runs.
 */
public final class ManPages {
    private ManPages() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ManPages OUTDIR");
        }
        int status = ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], true,
                Cli.create(Console.nowhere()).getCommandSpec());
        if (status != 0) {
            throw new IOException("the man page generator failed with status " + status);
        }
    }
}
