package io.capsim.scenarios.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The "Commands:" section of {@code capsim --help}, {@code capsim help} and {@code capsim} alone:
 * every visible subcommand picocli knows, each with one line, the first sentence of its header or
 * description. Built from the registered commands, so a new command appears without an edit here.
 */
final class CommandList implements CommandLine.IHelpSectionRenderer {

    /** Longest description shown; longer ones are cut at a word (give the command a short header). */
    static final int MAX_CHARS = 100;

    /** Installs the section on {@code cl} and every command below it. */
    static void install(CommandLine cl) {
        cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandList());
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getParent() == cl) {
                install(sub);
            }
        }
    }

    @Override
    public String render(Help help) {
        Map<String, Help> subs = help.subcommands();
        if (subs.isEmpty()) {
            return "";
        }
        int width = 0;
        for (Map.Entry<String, Help> e : subs.entrySet()) {
            if (!e.getValue().commandSpec().usageMessage().hidden()) {
                width = Math.max(width, e.getKey().length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Help> e : subs.entrySet()) {
            CommandSpec spec = e.getValue().commandSpec();
            if (spec.usageMessage().hidden() || !spec.name().equals(e.getKey())) {
                continue; // hidden, or an alias (listed under its name)
            }
            sb.append("  ").append(String.format("%-" + width + "s", e.getKey())).append("  ")
                    .append(oneLine(spec)).append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** The first sentence of the command's header, else of its description. */
    static String oneLine(CommandSpec spec) {
        String[] lines = spec.usageMessage().header().length > 0 ? spec.usageMessage().header()
                : spec.usageMessage().description();
        if (lines.length == 0) {
            return "";
        }
        String text = lines[0].replace("%n", " ").replace("%%", "%").trim();
        int end = text.indexOf(". ");
        text = end < 0 ? text : text.substring(0, end + 1);
        if (text.length() > MAX_CHARS) {
            int cut = text.lastIndexOf(' ', MAX_CHARS - 3);
            text = text.substring(0, cut < 0 ? MAX_CHARS - 3 : cut) + "...";
        }
        return text;
    }
}
