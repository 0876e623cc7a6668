package io.capsim.scenarios.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.capsim.scenarios.cli.CapsimCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every YAML block and every {@code capsim} command in README.md and docs/*.md, checked against
 * the real readers and CLI, so that a doc cannot drift from the code. The conventions (written up
 * in docs/ARCHITECTURE.md) are:
 *
 * <ul>
 *   <li>A {@code yaml} block that is a whole scenario (it has {@code name}) is validated, and a
 *       serving scenario is also run ({@code capsim run}, into a temporary folder); it is read as
 *       if it were a file in {@code scenarios/examples/}, so {@code data/...} paths work.
 *   <li>{@code <!-- capsim:fragment of=FILE at=PATH -->} before a {@code yaml} block: the block is
 *       a part of the scenario FILE (repository-relative): merged into it at the dotted PATH
 *       (omit {@code at} for the top level), and the result is validated.
 *   <li>{@code <!-- capsim:bad-input MESSAGE -->} before a {@code yaml} block: a scenario capsim
 *       must refuse ({@code capsim validate} exits 2), saying MESSAGE.
 *   <li>{@code <!-- capsim:skip REASON -->} before a block or an inline {@code `capsim ...`}: not
 *       checked (a CI workflow, a Kubernetes manifest, a run that takes minutes, a file the docs do
 *       not ship).
 *   <li>A line {@code capsim ...} or {@code bin/capsim ...} in a block, or an inline code span
 *       starting so: with metavariables (FILE, DIR, N, [...], |) a synopsis, whose command and
 *       options must exist; otherwise run in-process, paths taken from the repository root and
 *       outputs sent to a temporary folder, and it must exit 0.
 * </ul>
 */
class DocsTest {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path EXAMPLES = REPO.resolve("scenarios/examples");
    private static final Pattern MARKER = Pattern.compile("(?<!`)<!--\\s*capsim:(skip|bad-input|fragment)\\b(.*?)-->",
            Pattern.DOTALL);
    private static final Pattern FENCE = Pattern.compile("(?m)^([ \\t]*)```([\\w-]*)[^\\n]*\\n(.*?)^[ \\t]*```[ \\t]*$",
            Pattern.DOTALL);
    private static final Pattern SPAN = Pattern.compile("(?<!`)`((?:bin/)?capsim(?: [^`]*)?)`(?!`)");
    private static final Pattern METAVARIABLE = Pattern.compile("(^|[\\s=\\[])([A-Z][A-Z_]*)(\\b|$)|\\.\\.\\.|\\||\\[");

    @TempDir
    static Path tmp;

    private static final AtomicInteger RUNS = new AtomicInteger();

    /** One thing a doc says: a block or an inline command, with the marker before it. */
    record Item(Path doc, int line, String lang, String text, boolean inline, String marker, String markerArgs) {
        String where() {
            return REPO.relativize(doc) + ":" + line;
        }
    }

    static List<Path> docs() throws IOException {
        List<Path> out = new ArrayList<>(List.of(REPO.resolve("README.md")));
        try (Stream<Path> s = Files.walk(REPO.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
        }
        return out;
    }

    /** The blocks and inline commands of a Markdown file, in order, each with its marker. */
    static List<Item> items(Path doc) throws IOException {
        String md = Files.readString(doc);
        List<int[]> fences = new ArrayList<>();
        List<Item> out = new ArrayList<>();
        List<int[]> events = new ArrayList<>(); // {start, kind (0 marker, 1 fence, 2 span), end}
        Matcher f = FENCE.matcher(md);
        while (f.find()) {
            fences.add(new int[] {f.start(), f.end()});
            events.add(new int[] {f.start(), 1, f.end()});
        }
        Matcher m = MARKER.matcher(md);
        while (m.find()) {
            if (!inside(fences, m.start())) {
                events.add(new int[] {m.start(), 0, m.end()});
            }
        }
        Matcher s = SPAN.matcher(md);
        while (s.find()) {
            if (!inside(fences, s.start())) {
                events.add(new int[] {s.start(), 2, s.end()});
            }
        }
        events.sort((a, b) -> Integer.compare(a[0], b[0]));
        String marker = null;
        String args = null;
        for (int[] e : events) {
            int line = (int) md.substring(0, e[0]).chars().filter(c -> c == '\n').count() + 1;
            if (e[1] == 0) {
                Matcher mm = MARKER.matcher(md.substring(e[0], e[2]));
                mm.matches();
                marker = mm.group(1);
                args = mm.group(2).trim();
                continue;
            }
            if (e[1] == 1) {
                Matcher ff = FENCE.matcher(md.substring(e[0], e[2]));
                ff.matches();
                String indent = ff.group(1);
                String body = ff.group(3).replaceAll("(?m)^" + Pattern.quote(indent), "");
                out.add(new Item(doc, line, ff.group(2), body, false, marker, args));
            } else {
                Matcher ss = SPAN.matcher(md.substring(e[0], e[2]));
                ss.matches();
                out.add(new Item(doc, line, "", ss.group(1), true, marker, args));
            }
            marker = null;
            args = null;
        }
        return out;
    }

    private static boolean inside(List<int[]> ranges, int pos) {
        return ranges.stream().anyMatch(r -> pos > r[0] && pos < r[1]);
    }

    @TestFactory
    Stream<DynamicTest> everyYamlBlockAndCommandInTheDocsHolds() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path doc : docs()) {
            for (Item it : items(doc)) {
                if ("skip".equals(it.marker())) {
                    assertTrue(!it.markerArgs().isBlank(), it.where() + ": capsim:skip needs a reason");
                    continue;
                }
                if (it.lang().equals("yaml") || it.lang().equals("yml")) {
                    tests.add(DynamicTest.dynamicTest(it.where() + " yaml", () -> checkYaml(it)));
                    continue;
                }
                if (it.marker() != null) {
                    fail(it.where() + ": capsim:" + it.marker() + " applies to yaml blocks only");
                }
                for (String cmd : commands(it)) {
                    tests.add(DynamicTest.dynamicTest(it.where() + " " + cmd, () -> checkCommand(it, cmd)));
                }
            }
        }
        assertTrue(tests.size() > 10, "the docs hold YAML blocks and commands: " + tests.size());
        return tests.stream();
    }

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s#]*)(#[^)\\s]*)?\\)");

    /** Every relative link in the docs names a file that exists, and a heading of it that exists. */
    @org.junit.jupiter.api.Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : docs()) {
            // Code is not links: fenced blocks and code spans out.
            String md = Files.readString(doc).replaceAll("(?s)```.*?```", "").replaceAll("`[^`\n]*`", "");
            Matcher m = LINK.matcher(md);
            while (m.find()) {
                String file = m.group(1);
                if (file.startsWith("http:") || file.startsWith("https:") || file.startsWith("mailto:")) {
                    continue;
                }
                Path target = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
                if (!Files.exists(target)) {
                    broken.add(REPO.relativize(doc) + ": no such file " + file);
                } else if (m.group(2) != null && target.toString().endsWith(".md")
                        && !anchors(Files.readString(target)).contains(m.group(2).substring(1))) {
                    broken.add(REPO.relativize(doc) + ": no heading " + m.group(2) + " in " + REPO.relativize(target));
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    /** The anchors GitHub gives a Markdown file's headings. */
    static List<String> anchors(String md) {
        List<String> out = new ArrayList<>();
        boolean fence = false;
        for (String line : md.split("\n")) {
            if (line.strip().startsWith("```")) {
                fence = !fence;
            }
            if (!fence && line.startsWith("#")) {
                String text = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(java.util.Locale.ROOT);
                String a = text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                String unique = a;
                for (int k = 1; out.contains(unique); k++) {
                    unique = a + "-" + k;
                }
                out.add(unique);
            }
        }
        return out;
    }

    /** The checks can fail: a drifted field, a wrong command, a bad-input block that is accepted. */
    @org.junit.jupiter.api.Test
    void aDocThatDriftedFails() throws IOException {
        Path md = tmp.resolve("drift.md");
        Files.writeString(md, String.join("\n",
                "Run `capsim run --no-such-option FILE` or `capsim runn FILE`.",
                "<!-- capsim:fragment of=scenarios/examples/quickstart.yaml at=services.web -->",
                "```yaml", "concurency: 4", "```",
                "<!-- capsim:bad-input unknown field -->",
                "```yaml", "name: fine", "duration: 1m", "nodePools: {p: {count: 1, cpu: 1, memory: 1Gi}}",
                "services: {web: {replicas: 1, resources: {cpu: 1, memory: 1Gi}, serviceTime: {type: constant, value: 1}}}",
                "```",
                "<!-- capsim:skip not run -->", "`capsim run nothing.yaml`",
                "```yaml", "services: {}", "```", ""));
        List<Item> items = items(md);
        assertEquals(6, items.size(), items.toString());
        assertEquals("skip", items.get(4).marker());
        for (Item it : List.of(items.get(2), items.get(3), items.get(5))) {
            org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> checkYaml(it), it.toString());
        }
        for (Item it : List.of(items.get(0), items.get(1))) {
            org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                    () -> checkCommand(it, commands(it).get(0)), it.toString());
        }
    }

    /**
     * The capsim command lines of a block or span, without prompts and trailing comments; a line
     * ending in a backslash continues on the next, as in a shell.
     */
    static List<String> commands(Item it) {
        List<String> out = new ArrayList<>();
        for (String raw : it.text().replaceAll("\\\\[ \t]*\n[ \t]*", " ").split("\n")) {
            String l = raw.strip();
            if (l.startsWith("$ ")) {
                l = l.substring(2);
            }
            int hash = l.indexOf(" #");
            if (hash >= 0) {
                l = l.substring(0, hash).strip();
            }
            if (l.equals("capsim") || l.startsWith("capsim ") || l.startsWith("bin/capsim ") || l.equals("bin/capsim")) {
                out.add(l);
            }
        }
        return out;
    }

    private static final YAMLMapper YAML = new YAMLMapper();

    private void checkYaml(Item it) throws IOException {
        String yaml = it.text();
        if ("fragment".equals(it.marker())) {
            Matcher of = Pattern.compile("\\bof=(\\S+)").matcher(it.markerArgs());
            Matcher at = Pattern.compile("\\bat=(\\S+)").matcher(it.markerArgs());
            assertTrue(of.find(), it.where() + ": capsim:fragment needs of=FILE");
            Path base = REPO.resolve(of.group(1));
            assertTrue(Files.isRegularFile(base), it.where() + ": no such file " + of.group(1));
            ObjectNode root = (ObjectNode) YAML.readTree(base.toFile());
            ObjectNode into = root;
            if (at.find()) {
                for (String seg : at.group(1).split("\\.")) {
                    into = into.has(seg) && into.get(seg).isObject() ? (ObjectNode) into.get(seg) : into.putObject(seg);
                }
            }
            JsonNode part = YAML.readTree(yaml);
            assertTrue(part != null && part.isObject(), it.where() + ": a fragment is a map");
            merge(into, (ObjectNode) part);
            yaml = YAML.writeValueAsString(root);
        }
        Path file = scenarioFile(yaml);
        if ("bad-input".equals(it.marker())) {
            Result r = capsim("validate", file.toString());
            assertEquals(2, r.code(), it.where() + ": a bad-input example must be refused\n" + r.out() + r.err());
            assertTrue(r.err().contains(it.markerArgs()), it.where() + ": refused, but not with \"" + it.markerArgs()
                    + "\":\n" + r.err());
            return;
        }
        JsonNode tree = YAML.readTree(yaml);
        assertTrue(tree != null && tree.isObject() && tree.has("name"), it.where()
                + ": a yaml block that is not a whole scenario (no name) needs <!-- capsim:fragment of=FILE at=PATH -->"
                + " or <!-- capsim:skip REASON --> before it");
        Result v = capsim("validate", file.toString(), "--allow-paths", EXAMPLES.toString());
        assertEquals(0, v.code(), it.where() + ": capsim validate refuses the block:\n" + v.err());
        if (!tree.has("schedulingExperiment") && !"fragment".equals(it.marker())) {
            Result r = capsim("run", file.toString(), "--allow-paths", EXAMPLES.toString(), "--quiet",
                    "--out", tmp.resolve("run-" + RUNS.incrementAndGet()).toString());
            assertEquals(0, r.code(), it.where() + ": capsim run fails:\n" + r.err());
        }
    }

    private static void merge(ObjectNode into, ObjectNode part) {
        part.fields().forEachRemaining(e -> {
            JsonNode old = into.get(e.getKey());
            if (old != null && old.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) old, (ObjectNode) e.getValue());
            } else {
                into.set(e.getKey(), e.getValue());
            }
        });
    }

    /** A folder beside which the blocks are written: links to the examples' own files. */
    private static Path blocks;

    @BeforeAll
    static void linkTheExamples() throws IOException {
        blocks = Files.createTempDirectory("capsim-docs-");
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            for (Path p : s.toList()) {
                Files.createSymbolicLink(blocks.resolve(p.getFileName()), p);
            }
        }
    }

    @AfterAll
    static void removeTheLinks() throws IOException {
        try (Stream<Path> s = Files.list(blocks)) {
            for (Path p : s.toList()) {
                Files.delete(p); // a link, or a block: never what a link points to
            }
        }
        Files.delete(blocks);
    }

    /** The block as a file beside the examples' own files (linked), so their relative paths work. */
    private static Path scenarioFile(String yaml) throws IOException {
        Path file = blocks.resolve("doc-block-" + RUNS.incrementAndGet() + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private void checkCommand(Item it, String line) throws IOException {
        List<String> words = new ArrayList<>();
        for (String w : line.split("\\s+")) { // a word quoted whole, as a shell reads it
            words.add(w.length() >= 2 && (w.startsWith("'") && w.endsWith("'") || w.startsWith("\"") && w.endsWith("\""))
                    ? w.substring(1, w.length() - 1) : w);
        }
        List<String> args = new ArrayList<>(words.subList(1, words.size()));
        CommandLine cl = new CommandLine(new CapsimCommand());
        int path = 0;
        while (path < args.size() && cl.getSubcommands().containsKey(args.get(path))) {
            cl = cl.getSubcommands().get(args.get(path++));
        }
        // A command that rewrites files beside its inputs (regress --update: the repository's baselines)
        // is checked for its names and options only, never run on the repository.
        if (path == args.size() || METAVARIABLE.matcher(String.join(" ", args)).find() || args.contains("--update")) {
            checkSynopsis(it, args);
            return;
        }
        List<String> run = new ArrayList<>();
        String out = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("--out") || a.equals("-o")) && i + 1 < args.size()) {
                out = tmp.resolve("out-" + RUNS.incrementAndGet()).resolve(Path.of(args.get(++i)).getFileName())
                        .toString();
                Files.createDirectories(Path.of(out).getParent());
                run.add(a);
                run.add(out);
            } else if (!a.startsWith("-") && Files.exists(REPO.resolve(a))) {
                run.add(REPO.resolve(a).toString());
            } else {
                run.add(a);
            }
        }
        if (out == null && cl.getCommandSpec().findOption("--out") != null) {
            // Never the default place (out/... in the working folder): a temporary one.
            run.add("--out");
            run.add(tmp.resolve("out-" + RUNS.incrementAndGet()).toString());
        }
        Result r = capsim(run.toArray(String[]::new));
        assertEquals(0, r.code(), it.where() + ": `" + line + "` exits " + r.code() + ":\n" + r.err());
    }

    /** A synopsis: its command path and every option it names must exist. */
    private static void checkSynopsis(Item it, List<String> args) {
        CommandLine cl = new CommandLine(new CapsimCommand());
        int i = 0;
        while (i < args.size() && cl.getSubcommands().containsKey(args.get(i))) {
            cl = cl.getSubcommands().get(args.get(i));
            i++;
        }
        if (i < args.size() && args.get(i).matches("[a-z][a-z-]*") && !cl.getSubcommands().isEmpty()) {
            fail(it.where() + ": `" + args.get(i) + "` is not a command of `" + cl.getCommandName() + "`");
        }
        CommandSpec spec = cl.getCommandSpec();
        for (; i < args.size(); i++) {
            String a = args.get(i).replaceAll("^[\\[(]+|[\\])]+$|\\.\\.\\.$", "").replaceAll("[\\])]+$", "");
            if (a.startsWith("-")) {
                String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                assertTrue(spec.findOption(name) != null,
                        it.where() + ": `" + spec.qualifiedName() + "` has no option " + name);
            }
        }
    }

    record Result(int code, String out, String err) {}

    static Result capsim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CapsimCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
