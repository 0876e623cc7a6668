package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes mean what they say: 2 for every kind of bad input, 3 for an internal error with one
 * line and the stack trace only in a log file or with --debug, 4 when memory or disk runs out, and
 * 1 for nothing but a regression.
 */
class ExitCodeTest {

    @TempDir
    Path tmp;

    private static String[] handled(Throwable t, boolean debug) {
        StringWriter sw = new StringWriter();
        int code = CapsimCommand.handle(t, new PrintWriter(sw, true), debug);
        return new String[] {Integer.toString(code), sw.toString()};
    }

    @Test
    void anInternalErrorIsOneLineAndTheStackTraceGoesToALogFile() throws IOException {
        String[] r = handled(new IllegalStateException("boom"), false);
        assertEquals("3", r[0]);
        assertTrue(r[1].startsWith("capsim: internal error: java.lang.IllegalStateException: boom\n"), r[1]);
        assertFalse(r[1].contains("\tat "), "no stack trace on the terminal: " + r[1]);
        Matcher m = Pattern.compile("the stack trace is in (\\S+); run again with --debug").matcher(r[1]);
        assertTrue(m.find(), r[1]);
        Path log = Path.of(m.group(1));
        try {
            String trace = Files.readString(log);
            assertTrue(trace.contains("IllegalStateException: boom") && trace.contains("\tat "), trace);
        } finally {
            Files.deleteIfExists(log);
        }
        String[] debug = handled(new IllegalStateException("boom"), true);
        assertEquals("3", debug[0]);
        assertTrue(debug[1].contains("\tat io.capsim.scenarios.cli.ExitCodeTest"), "--debug prints it: " + debug[1]);
    }

    @Test
    void aFullDiskIsExitFourWithWhatToDo() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/full")), "needs /dev/full (Linux)");
        IOException enospc = assertThrows(IOException.class, () -> {
            try (OutputStream o = Files.newOutputStream(Path.of("/dev/full"))) {
                o.write(new byte[4096]);
                o.flush();
            }
        });
        String[] r = handled(new UncheckedIOException(enospc), false);
        assertEquals("4", r[0]);
        assertTrue(r[1].startsWith("capsim: the disk is full (No space left on device). Free some space, or write "
                + "elsewhere with --out; the output was left as it was."), r[1]);
    }

    @Test
    void outOfMemoryIsExitFourWithHowToGiveItMore() {
        String[] r = handled(new RuntimeException(new OutOfMemoryError("Java heap space")), false);
        assertEquals("4", r[0]);
        assertTrue(r[1].startsWith("capsim: out of memory: the Java heap (") && r[1].contains("-Xmx8g"), r[1]);
    }

    @Test
    void nothingButARegressionExitsOne() throws IOException {
        Path s = Files.writeString(tmp.resolve("s.yaml"), "name: x\n");
        Path csv = Files.writeString(tmp.resolve("t.csv"), "t\n2\n1\n");
        List<String[]> bad = List.of(
                new String[] {},
                new String[] {"runn"},
                new String[] {"run"},
                new String[] {"run", "--nope", s.toString()},
                new String[] {"run", tmp.resolve("missing.yaml").toString()},
                new String[] {"run", s.toString()},
                new String[] {"run", s.toString(), "--seed", "x"},
                new String[] {"validate", tmp.toString()},
                new String[] {"validate", s.toString(), "--limit", "x"},
                new String[] {"validate", s.toString(), "--allow-paths", tmp.resolve("none").toString()},
                new String[] {"trace", "inspect", csv.toString(), "--format", "csv", "--time-column", "t",
                    "--out", tmp.resolve("o").toString()},
                new String[] {"trace", "inspect", csv.toString(), "--format", "nope"},
                new String[] {"trace", "synth", s.toString(), "--out", "/dev/null"});
        for (String[] args : bad) {
            Cli r = Cli.run(args);
            assertNotEquals(1, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.err());
        }
        assertEquals(0, Cli.run("--help").exitCode());
        assertEquals(0, Cli.run("--version").exitCode());
    }

    @Test
    void theHelpListsTheExitCodes() {
        String help = Cli.run("--help").out();
        for (String line : List.of("0 success", "1 an SLO or baseline regression (nothing else)", "2 bad input",
                "3 internal error", "4 out of memory or disk space", "130/143 stopped by SIGINT/SIGTERM")) {
            assertTrue(help.replaceAll(" +", " ").contains(line), line + " in " + help);
        }
    }

    @Test
    void theTerminalNeverGetsControlCharactersOrForgedLines() {
        assertEquals("a\\u{001B}[2Jb\\u{000A}capsim: 0 problems\\u{202E}", Terminal.safe("a\u001b[2Jb\ncapsim: 0 problems\u202e"));
        String huge = "x".repeat(10_000);
        String cut = Terminal.safe(huge);
        assertTrue(cut.length() < 2100 && cut.contains("[... 8000 characters ...]"), cut.length() + "");
        assertEquals("caf\u00e9 \ud83d\ude80", Terminal.safe("caf\u00e9 \ud83d\ude80"), "text is left alone");
    }
}
