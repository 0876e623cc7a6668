package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code capsim help}, {@code capsim} alone, progress lines in a log, {@code capsim schema}. */
class HelpProgressSchemaTest {

    @TempDir
    Path tmp;

    /** Every command picocli knows, with its one-line description, in each listing. */
    @Test
    void helpAndNoCommandListEveryCommandWithOneLine() {
        CommandLine cl = new CommandLine(new CapsimCommand());
        List<String> commands = cl.getSubcommands().keySet().stream().toList();
        assertTrue(commands.containsAll(List.of("run", "validate", "trace", "schema", "help", "generate-completion")),
                commands.toString());
        Cli help = Cli.run("help");
        Cli none = Cli.run();
        Cli dashHelp = Cli.run("--help");
        assertEquals(0, help.exitCode());
        assertEquals(2, none.exitCode(), "no command is a usage error");
        assertEquals(0, dashHelp.exitCode());
        for (String listing : new String[] {help.out(), none.err(), dashHelp.out()}) {
            for (String name : commands) {
                String line = Arrays.stream(listing.split("\\R")).filter(l -> l.startsWith("  " + name + " "))
                        .findFirst().orElse(null);
                assertTrue(line != null, name + " is not listed in:\n" + listing);
                String text = line.substring(2 + name.length()).trim();
                assertFalse(text.isEmpty(), name + " has no description");
                String expected = CommandList.oneLine(cl.getSubcommands().get(name).getCommandSpec());
                assertEquals(expected, text, name);
            }
        }
        assertTrue(none.err().contains("a command is required"), none.err());
        Cli runHelp = Cli.run("help", "run");
        assertEquals(0, runHelp.exitCode());
        assertTrue(runHelp.out().contains("--progress"), runHelp.out());
    }

    private static final Pattern PROGRESS = Pattern.compile(
            "capsim: quickstart: \\d+% \\(simulated \\d+:\\d\\d:\\d\\d of 0:05:00\\), [\\d,]+ events/s, [\\d.]+ s wall");

    /** Where stderr is not a terminal (here, a writer), a run reports its progress in lines. */
    @Test
    void aRunInALogReportsProgressInLinesAndQuietSilencesThem() {
        Cli r = Cli.run("run", RunCommandTest.QUICKSTART.toString(), "--out", tmp.resolve("a").toString(),
                "--set", "duration=5m", "--progress-interval", "0");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(100, lines.size(), "one line per report with a zero interval:\n" + r.err());
        for (String l : lines) {
            assertTrue(PROGRESS.matcher(l).matches(), l);
        }
        assertTrue(lines.get(99).startsWith("capsim: quickstart: 100% (simulated 0:05:00 of 0:05:00)"), lines.get(99));

        Cli quiet = Cli.run("run", RunCommandTest.QUICKSTART.toString(), "--out", tmp.resolve("b").toString(),
                "--set", "duration=5m", "--progress-interval", "0", "--quiet");
        assertEquals(0, quiet.exitCode(), quiet.err());
        assertEquals("", quiet.err());
        assertEquals("", quiet.out());

        Cli bad = Cli.run("run", RunCommandTest.QUICKSTART.toString(), "--out", tmp.resolve("c").toString(),
                "--progress-interval", "-1");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--progress-interval: -1.0 is not in [0, 86400] seconds"), bad.err());
    }

    /** At the default interval (5 s), a run shorter than that prints no progress at all. */
    @Test
    void aShortRunPrintsNoProgressAtTheDefaultInterval() throws IOException {
        long[] now = {0};
        java.io.StringWriter sw = new java.io.StringWriter();
        io.capsim.engine.kernel.Simulator sim = new io.capsim.engine.kernel.Simulator();
        ProgressLines p = ProgressLines.simulation(new java.io.PrintWriter(sw), "x", sim, 5, () -> now[0]);
        now[0] = 4_000_000_000L;
        p.at(50, 100);
        p.at(100, 100);
        assertEquals("", sw.toString(), "under 5 s: silent, also at the end");
        ProgressLines q = ProgressLines.simulation(new java.io.PrintWriter(sw), "x", sim, 5, () -> now[0]);
        now[0] = 10_000_000_000L;
        q.at(50_000_000_000L, 100_000_000_000L);
        now[0] = 11_000_000_000L;
        q.at(60_000_000_000L, 100_000_000_000L);
        q.at(100_000_000_000L, 100_000_000_000L);
        List<String> lines = sw.toString().lines().toList();
        assertEquals(2, lines.size(), "one after 6 s, none 1 s later, one at the end: " + lines);
        assertTrue(lines.get(0).startsWith("capsim: x: 50% (simulated 0:00:50 of 0:01:40)"), lines.get(0));
        assertTrue(lines.get(1).startsWith("capsim: x: 100%"), lines.get(1));
    }

    /** An experiment reports the runs ended, in the same lines. */
    @Test
    void anExperimentReportsItsRunsEnded() {
        long[] now = {0};
        java.io.StringWriter sw = new java.io.StringWriter();
        ProgressLines p = ProgressLines.runs(new java.io.PrintWriter(sw), "fgd", 0, () -> now[0]);
        now[0] = 2_500_000_000L;
        p.at(3, 12);
        assertEquals("capsim: fgd: 25% (3 of 12 runs), 2.5 s wall", sw.toString().strip());
    }

    @Test
    void schemaPrintsOrWritesTheGeneratedSchema() throws IOException {
        Cli r = Cli.run("schema");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode schema = new ObjectMapper().readTree(r.out());
        assertEquals("http://json-schema.org/draft-07/schema#", schema.get("$schema").asText());
        assertTrue(schema.get("else").get("properties").has("nodePools"));
        Path file = tmp.resolve("scenario.schema.json");
        Cli w = Cli.run("schema", "--out", file.toString());
        assertEquals(0, w.exitCode(), w.err());
        assertEquals(r.out(), Files.readString(file));
        Cli again = Cli.run("schema", "--out", file.toString());
        assertEquals(0, again.exitCode(), "its own file is replaced: " + again.err());
        Path other = tmp.resolve("notes.json");
        Files.writeString(other, "{\"mine\": true}");
        Cli refused = Cli.run("schema", "--out", other.toString());
        assertEquals(2, refused.exitCode(), refused.err());
        assertEquals("{\"mine\": true}", Files.readString(other), "a file capsim did not write is left alone");
        assertEquals(0, Cli.run("schema", "--out", other.toString(), "--force").exitCode());
        assertEquals(r.out(), Files.readString(other));
    }
}
