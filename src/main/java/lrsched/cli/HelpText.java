package lrsched.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Wraps help text at spaces only. picocli wraps with the JDK's line {@link java.text.BreakIterator}, which also
 * breaks after '.', ',' and '-' ({@code hf.} / {@code cosine}, {@code 1} / {@code e12}, {@code run-ok.} /
 * {@code csv}): text copied from such a help is wrong. So picocli lays every section out on lines as long as they
 * need to be, and this class wraps them for the terminal: a line too long breaks at its last space that fits, and
 * its continuation is indented like picocli's (under the description column, two spaces further).
 */
final class HelpText implements CommandLine.IHelpSectionRenderer {
    /** The sections laid out as a table of names and descriptions. */
    private static final java.util.Set<String> TABLES = java.util.Set.of(UsageMessageSpec.SECTION_KEY_OPTION_LIST,
            UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
            UsageMessageSpec.SECTION_KEY_END_OF_OPTIONS);

    /** Wide enough that picocli never wraps a line itself. */
    private static final int UNWRAPPED = 10_000;

    private final CommandLine.IHelpSectionRenderer section;
    private final String key;
    private final Map<String, String> env;

    private HelpText(CommandLine.IHelpSectionRenderer section, String key, Map<String, String> env) {
        this.section = section;
        this.key = key;
        this.env = env;
    }

    /** Makes {@code spec}'s help wrap at spaces, as wide as the terminal ($COLUMNS, stty, else 80). */
    static CommandSpec wrapping(CommandSpec spec, Map<String, String> env) {
        UsageMessageSpec usage = spec.usageMessage().autoWidth(false).width(UNWRAPPED);
        Map<String, CommandLine.IHelpSectionRenderer> sections = new java.util.LinkedHashMap<>(usage.sectionMap());
        // a loop, not replaceAll with a lambda: this runs on every command line (see Commands.withHelpOptions)
        for (Map.Entry<String, CommandLine.IHelpSectionRenderer> e : sections.entrySet()) {
            e.setValue(new HelpText(e.getValue(), e.getKey(), env));
        }
        usage.sectionMap(sections);
        return spec;
    }

    @Override
    public String render(CommandLine.Help help) {
        String text = section.render(help);
        int width = Math.max(55, Math.min(200, PlotCommand.Terminal.columns(env)));
        boolean synopsis = key.equals(UsageMessageSpec.SECTION_KEY_SYNOPSIS);
        boolean table = TABLES.contains(key);
        // the synopsis follows its heading ("Usage: ") on the same line
        String heading = synopsis ? String.format(help.commandSpec().usageMessage().synopsisHeading()) : "";
        int offset = heading.length() - (heading.lastIndexOf('\n') + 1);
        StringBuilder out = new StringBuilder(text.length() + 64);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            // the last piece has no line end: a heading's trailing space belongs to what follows it
            String line = i < lines.length - 1 ? lines[i].stripTrailing() : lines[i];
            if (i == 0 && offset > 0) {
                StringBuilder wrapped = new StringBuilder();
                wrap(wrapped, " ".repeat(offset) + line, width, synopsis, table);
                out.append(wrapped, offset, wrapped.length());
            } else {
                wrap(out, line, width, synopsis, table);
            }
        }
        // every piece got a line end; the last had none
        out.setLength(Math.max(0, out.length() - 1));
        return out.toString();
    }

    private static void wrap(StringBuilder out, String line, int width, boolean synopsis, boolean table) {
        if (line.length() <= width) {
            out.append(line).append('\n');
            return;
        }
        int indent = hangingIndent(line, synopsis, table);
        String prefix = " ".repeat(indent);
        String rest = line;
        boolean first = true;
        while (rest.length() > width) {
            int from = first ? Math.min(indent, rest.length()) : prefix.length();
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= from) {
                // a word longer than the line: keep it whole, overlong
                cut = rest.indexOf(' ', Math.max(from, width));
                if (cut < 0) {
                    break;
                }
            }
            out.append(rest, 0, cut).append('\n');
            rest = prefix + rest.substring(cut + 1).stripLeading();
            first = false;
        }
        out.append(rest).append('\n');
    }

    /**
     * Where the continuation of a long line starts: after "Usage: lrsched csv " in the synopsis; under the description
     * column plus two in a table of options, parameters or commands (the text after the first run of two spaces that
     * follows the names);
     * under the line's own indentation elsewhere.
     */
    private static int hangingIndent(String line, boolean synopsis, boolean table) {
        int lead = line.length() - line.stripLeading().length();
        if (synopsis) {
            int bracket = line.indexOf(" [", lead);
            int dash = line.indexOf(" -", lead);
            int at = bracket < 0 ? dash : dash < 0 ? bracket : Math.min(bracket, dash);
            return at < 0 ? lead : at + 1;
        }
        if (table) {
            int gap = line.indexOf("  ", lead);
            if (gap > 0) {
                int column = gap;
                while (column < line.length() && line.charAt(column) == ' ') {
                    column++;
                }
                return column + 2;
            }
        }
        return lead + (lead >= 20 ? 2 : 0);
    }
}
