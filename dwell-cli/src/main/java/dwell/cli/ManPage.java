package dwell.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ScopeType;

/** The man(7) page, in troff, of one command of picocli's model: {@code dwell-scan.1} for {@code dwell scan}. */
final class ManPage {
    private final CommandSpec spec;
    private final List<ExitStatus> exitStatuses;
    private final StringBuilder out = new StringBuilder(8192);

    private ManPage(CommandSpec spec, List<ExitStatus> exitStatuses) {
        this.spec = spec;
        this.exitStatuses = exitStatuses;
    }

    /** The page's file name: the qualified command name with hyphens, section 1. */
    static String fileName(CommandSpec spec) {
        return name(spec) + ".1";
    }

    /** The whole page. */
    static String render(CommandSpec spec, List<ExitStatus> exitStatuses) {
        ManPage page = new ManPage(spec, exitStatuses);
        page.header();
        page.name();
        page.synopsis();
        page.description();
        page.commands();
        page.arguments();
        page.options();
        page.exitStatus();
        page.seeAlso();
        return page.out.toString();
    }

    private static String name(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    private void header() {
        String[] version = spec.root().version();
        line(".TH " + Troff.argument(name(spec).toUpperCase(Locale.ROOT)) + " 1 \"\" "
                + Troff.argument(version.length > 0 ? version[0] : spec.root().name()) + " " + Troff.argument("User Commands"));
        // no hyphenation: a hyphen troff adds inside a file or page name would be copied with it
        line(".nh");
    }

    private void name() {
        line(".SH NAME");
        String[] description = formatted(spec.usageMessage().description());
        line(Troff.text(name(spec)) + " \\- " + Troff.text(description.length > 0 ? firstLine(description[0]) : ""));
    }

    private void synopsis() {
        line(".SH SYNOPSIS");
        line(".B " + Troff.text(spec.qualifiedName()));
        for (OptionSpec o : visibleOptions()) {
            // an unbreakable space: an option's name and its placeholder stay on one line
            String use = Troff.bold(o.shortestName()) + (o.arity().max() > 0 ? "\\ " + Troff.italic(o.paramLabel()) : "");
            if (o.isMultiValue()) use += "...";
            line(o.required() ? use : "[" + use + "]");
        }
        for (PositionalParamSpec p : visibleParameters()) {
            String use = Troff.italic(p.paramLabel()) + (p.arity().max() > 1 ? "..." : "");
            line(p.arity().min() > 0 ? use : "[" + use + "]");
        }
        if (!visibleSubcommands().isEmpty()) line(Troff.italic("COMMAND"));
    }

    private void description() {
        line(".SH DESCRIPTION");
        paragraphs(formatted(spec.usageMessage().description()));
    }

    private void commands() {
        List<CommandSpec> subs = visibleSubcommands();
        if (subs.isEmpty()) return;
        line(".SH COMMANDS");
        for (CommandSpec sub : subs) {
            line(".TP");
            line(Troff.bold(sub.name()));
            String[] description = formatted(sub.usageMessage().description());
            if (description.length > 0) line(Troff.text(firstLine(description[0])));
            line("See " + Troff.bold(name(sub)) + "(1).");
        }
    }

    private void arguments() {
        List<PositionalParamSpec> parameters = visibleParameters();
        if (parameters.isEmpty()) return;
        line(".SH ARGUMENTS");
        for (PositionalParamSpec p : parameters) {
            line(".TP");
            line(Troff.italic(p.paramLabel()) + (p.arity().max() > 1 ? "..." : ""));
            item(p);
        }
    }

    private void options() {
        List<OptionSpec> own = new ArrayList<>();
        List<OptionSpec> inherited = new ArrayList<>();
        for (OptionSpec o : visibleOptions()) (common(o) ? inherited : own).add(o);
        if (own.isEmpty() && inherited.isEmpty()) return;
        line(".SH OPTIONS");
        own.forEach(this::option);
        if (inherited.isEmpty()) return;
        // the options every command takes, apart from what this command is for
        line(".SS " + Troff.argument("Common options"));
        inherited.forEach(this::option);
    }

    private static boolean common(OptionSpec o) {
        return o.scopeType() == ScopeType.INHERIT || o.inherited() || o.usageHelp() || o.versionHelp();
    }

    private void option(OptionSpec o) {
        line(".TP");
        StringBuilder names = new StringBuilder();
        for (String n : o.names()) names.append(names.length() == 0 ? "" : ", ").append(Troff.bold(n));
        if (o.arity().max() > 0) names.append('=').append(Troff.italic(o.paramLabel()));
        line(names.toString());
        item(o);
        String fallback = o.defaultValue();
        // most descriptions say their default themselves, as --help shows no other
        boolean stated = String.join(" ", o.renderedDescription()).toLowerCase(Locale.ROOT).contains("default");
        if (fallback != null && !stated && o.arity().max() > 0) line("Default: " + Troff.italic(fallback) + ".");
    }

    /** An option's or parameter's description: its first paragraph beside the tag, the others indented under it. */
    private void item(ArgSpec arg) {
        List<String> paragraphs = paragraphList(arg.renderedDescription());
        if (paragraphs.isEmpty()) return;
        line(Troff.text(paragraphs.get(0)));
        if (paragraphs.size() == 1) return;
        line(".RS");
        for (String p : paragraphs.subList(1, paragraphs.size())) {
            line(".PP");
            line(Troff.text(p));
        }
        line(".RE");
    }

    private void exitStatus() {
        line(".SH " + Troff.argument("EXIT STATUS"));
        for (ExitStatus s : exitStatuses) {
            line(".TP");
            line(Troff.bold(Integer.toString(s.code())));
            line(Troff.text(s.meaning()));
        }
    }

    private void seeAlso() {
        List<CommandSpec> related = new ArrayList<>();
        if (spec.parent() != null) related.add(spec.parent());
        related.addAll(visibleSubcommands());
        if (related.isEmpty()) return;
        line(".SH " + Troff.argument("SEE ALSO"));
        for (int i = 0; i < related.size(); i++) {
            line(".BR " + Troff.text(name(related.get(i))) + " (1)" + (i < related.size() - 1 ? "," : ""));
        }
    }

    private void paragraphs(String[] description) {
        List<String> paragraphs = paragraphList(description);
        for (int i = 0; i < paragraphs.size(); i++) {
            if (i > 0) line(".PP");
            line(Troff.text(paragraphs.get(i)));
        }
    }

    /** Description lines as paragraphs: each line, and each line break in one, starts a paragraph, as in --help. */
    private static List<String> paragraphList(String[] description) {
        List<String> paragraphs = new ArrayList<>();
        for (String d : description) {
            for (String p : d.split("\n", -1)) {
                if (!p.isBlank()) paragraphs.add(p.strip());
            }
        }
        return paragraphs;
    }

    /**
     * A command's description as picocli prints it: its lines pass through String.format, so %n breaks a line and
     * %% is a percent sign (options' descriptions come rendered already).
     */
    private static String[] formatted(String[] description) {
        String[] lines = new String[description.length];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = description[i].replace("%%", "\u0000").replace("%n", "\n").replace('\u0000', '%');
        }
        return lines;
    }

    private static String firstLine(String description) {
        List<String> paragraphs = paragraphList(new String[] {description});
        return paragraphs.isEmpty() ? "" : paragraphs.get(0);
    }

    private List<OptionSpec> visibleOptions() {
        return spec.options().stream().filter(o -> !o.hidden()).toList();
    }

    private List<PositionalParamSpec> visibleParameters() {
        return spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
    }

    private List<CommandSpec> visibleSubcommands() {
        List<CommandSpec> subs = new ArrayList<>();
        for (CommandLine sub : spec.subcommands().values()) {
            CommandSpec s = sub.getCommandSpec();
            // picocli lists a command once under each alias: keep its own name's entry
            if (!s.usageMessage().hidden() && !subs.contains(s)) subs.add(s);
        }
        return subs;
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
