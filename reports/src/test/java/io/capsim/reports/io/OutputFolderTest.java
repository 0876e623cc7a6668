package io.capsim.reports.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The output folder is replaced whole or not at all: staged beside the target, swapped at commit,
 * locked against a second writer, never in a system place, and every leftover of a crash is
 * cleared by the next run. Each case also checks that nothing else beside the target was written
 * or removed.
 */
class OutputFolderTest {

    @TempDir
    Path tmp;

    private static final String CAPSIM_RUN_INFO = "{\"capsimVersion\": \"0.1.0\"}\n";

    private List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static OutputFolder.Content text(String s) {
        return o -> o.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private static OutputFolder.Options noInputs(boolean force) {
        return new OutputFolder.Options(force, List.of());
    }

    /** An earlier capsim run's folder: run-info.json naming a version, plus the given files. */
    private Path oldRun(String... files) throws IOException {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("run-info.json"), CAPSIM_RUN_INFO);
        for (String f : files) {
            Files.writeString(out.resolve(f), "old " + f);
        }
        return out;
    }

    /** Every file listed in SHA256SUMS has that hash, and the folder holds nothing else. */
    static void assertComplete(Path dir) throws Exception {
        Map<String, String> listed = new TreeMap<>();
        for (String line : Files.readAllLines(dir.resolve(OutputFolder.MANIFEST))) {
            listed.put(line.substring(66), line.substring(0, 64));
        }
        Map<String, String> actual = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!p.getFileName().toString().equals(OutputFolder.MANIFEST)) {
                    actual.put(p.getFileName().toString(), HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                }
            }
        }
        assertEquals(listed, actual, "SHA256SUMS lists exactly the files, with their hashes");
    }

    @Test
    void filesAppearOnlyAtCommitWithTheirManifestAndNothingBesideThem() throws Exception {
        Path out = tmp.resolve("out");
        try (OutputFolder f = OutputFolder.open(out, noInputs(false))) {
            f.write("a.json", text("{}"));
            f.write("run-info.json", text(CAPSIM_RUN_INFO));
            assertFalse(Files.exists(out), "nothing at the target before the commit");
            assertEquals(2, names(tmp).size(), "the staging folder and the lock beside it: " + names(tmp));
            f.commit();
        }
        assertEquals(List.of("SHA256SUMS", "a.json", "run-info.json"), names(out));
        assertEquals("{}", Files.readString(out.resolve("a.json")));
        assertComplete(out);
        assertEquals(List.of("out"), names(tmp), "no staging folder, old folder or lock file left");
    }

    @Test
    void aNewRunReplacesTheWholeFolderSoNoFileOfAnEarlierRunStays() throws Exception {
        Path out = oldRun("web.hgrm", "summary.json");
        try (OutputFolder f = OutputFolder.open(out, noInputs(false))) {
            f.write("api.hgrm", text("new"));
            f.write("run-info.json", text(CAPSIM_RUN_INFO));
            f.commit();
        }
        assertEquals(List.of("SHA256SUMS", "api.hgrm", "run-info.json"), names(out), "web.hgrm is gone");
        assertComplete(out);
        assertEquals(List.of("out"), names(tmp));
    }

    @Test
    void aFailureHalfWayLeavesTheOldFolderAsItWas() throws Exception {
        Path out = oldRun("summary.json");
        IOException e = assertThrows(IOException.class, () -> {
            try (OutputFolder f = OutputFolder.open(out, noInputs(false))) {
                f.write("summary.json", text("new"));
                f.write("report.html", o -> {
                    o.write("<html>".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("disk full");
                });
                f.commit();
            }
        });
        assertEquals("disk full", e.getMessage());
        assertEquals(List.of("run-info.json", "summary.json"), names(out));
        assertEquals("old summary.json", Files.readString(out.resolve("summary.json")));
        assertEquals(List.of("out"), names(tmp), "the staging folder and the lock are gone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", ".hidden", "", "x\\y", "/etc/passwd", "a b", "SHA256SUMS"})
    void refusesNamesThatCouldLeaveTheFolder(String name) throws IOException {
        try (OutputFolder out = OutputFolder.open(tmp.resolve("out"), noInputs(false))) {
            assertThrows(IllegalArgumentException.class, () -> out.write(name, o -> { }));
        }
        assertEquals(List.of(), names(tmp));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/dev", "/dev/shm/x", "/etc", "/etc/capsim", "/usr/lib/x", "/proc/self", "/sys/x",
        "/boot/x", "/var/lib/x", "/tmp", "/home"})
    void refusesTheRootAndSystemFoldersEvenWithForce(String place) {
        UnusableOutputException e = assertThrows(UnusableOutputException.class,
                () -> OutputFolder.open(Path.of(place), noInputs(true)));
        assertTrue(e.getMessage().startsWith("cannot write the output to " + place + ": it is"), e.getMessage());
        assertTrue(e.reason().contains("root") || e.reason().contains("system folder"), e.reason());
    }

    @Test
    void refusesTheHomeFolderItselfButNotAFolderInsideIt() {
        Path home = Path.of(System.getProperty("user.home"));
        assertThrows(UnusableOutputException.class, () -> OutputFolder.open(home, noInputs(true)));
        assertEquals(null, OutputPlace.systemFolder(home.resolve("results")));
    }

    @Test
    void refusesADeviceAFileAndASymbolicLink() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/null")));
        UnusableOutputException dev = assertThrows(UnusableOutputException.class,
                () -> OutputFolder.open(Path.of("/dev/null"), noInputs(true)));
        assertTrue(dev.reason().contains("system folder"), dev.reason());
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertEquals("it exists and is not a folder", assertThrows(UnusableOutputException.class,
                () -> OutputFolder.open(file, noInputs(true))).reason());
        Path target = Files.createDirectory(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
        assertTrue(assertThrows(UnusableOutputException.class, () -> OutputFolder.open(link, noInputs(true)))
                .reason().contains("symbolic link"));
        assertEquals(List.of("f", "link", "real"), names(tmp), "nothing written or removed");
        assertEquals(List.of(), names(target));
    }

    @Test
    void aFolderCapsimDidNotWriteIsReplacedOnlyWithForce() throws Exception {
        Path mine = tmp.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("thesis.tex"), "precious");
        UnusableOutputException e = assertThrows(UnusableOutputException.class,
                () -> OutputFolder.open(mine, noInputs(false)));
        assertTrue(e.reason().contains("not empty and capsim did not write it") && e.reason().contains("--force"),
                e.reason());
        assertEquals("precious", Files.readString(mine.resolve("thesis.tex")));
        assertEquals(List.of("mine"), names(tmp));
        try (OutputFolder f = OutputFolder.open(mine, noInputs(true))) {
            f.write("run-info.json", text(CAPSIM_RUN_INFO));
            f.commit();
        }
        assertEquals(List.of("SHA256SUMS", "run-info.json"), names(mine));
    }

    @Test
    void aFolderHoldingAnInputOrTheWorkingFolderIsRefusedEvenWithForce() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path scenario = Files.writeString(data.resolve("s.yaml"), "name: s\n");
        UnusableOutputException e = assertThrows(UnusableOutputException.class,
                () -> OutputFolder.open(data, new OutputFolder.Options(true, List.of(scenario))));
        assertTrue(e.reason().contains("holds " + scenario.toRealPath()), e.reason());
        assertThrows(UnusableOutputException.class,
                () -> OutputFolder.open(tmp, new OutputFolder.Options(true, List.of(scenario))));
        assertThrows(UnusableOutputException.class, () -> OutputFolder.open(Path.of(""), OutputFolder.Options.defaults()));
        assertEquals("name: s\n", Files.readString(scenario));
        assertEquals(List.of("data"), names(tmp));
    }

    @Test
    void aSecondWriterIsRefusedWhileTheFirstHoldsTheFolder() throws Exception {
        Path out = tmp.resolve("out");
        try (OutputFolder first = OutputFolder.open(out, noInputs(false))) {
            UnusableOutputException e = assertThrows(UnusableOutputException.class,
                    () -> OutputFolder.open(out, noInputs(false)));
            assertTrue(e.reason().contains("capsim run " + first.runId()) && e.reason().contains("is writing to it"),
                    e.reason());
            first.write("run-info.json", text(CAPSIM_RUN_INFO));
            first.commit();
        }
        try (OutputFolder second = OutputFolder.open(out, noInputs(false))) {
            second.write("run-info.json", text(CAPSIM_RUN_INFO));
            second.commit();
        }
        assertEquals(List.of("out"), names(tmp), "the lock file is deleted with the lock");
    }

    @Test
    void leftoversOfACrashedRunAreDeletedByTheNextOne() throws Exception {
        Path out = oldRun("summary.json");
        Path half = Files.createDirectory(tmp.resolve(".out.capsim-new-0123456789ab"));
        Files.writeString(half.resolve("summary.json"), "half");
        Path old = Files.createDirectory(tmp.resolve(".out.capsim-old-ba9876543210"));
        Files.writeString(old.resolve("summary.json"), "older");
        Files.writeString(tmp.resolve(".out.capsim-lock"), "pid 1 (killed)\n");
        Path unrelated = Files.createDirectory(tmp.resolve(".out.capsim-new-notours"));
        try (OutputFolder f = OutputFolder.open(out, noInputs(false))) {
            assertFalse(Files.exists(half));
            assertFalse(Files.exists(old));
            f.write("run-info.json", text(CAPSIM_RUN_INFO));
            f.commit();
        }
        assertEquals(List.of(".out.capsim-new-notours", "out"), names(tmp), "only names capsim made are deleted");
        assertTrue(Files.isDirectory(unrelated));
    }

    @Test
    void aCrashBetweenTheTwoRenamesIsCompletedByTheNextRun() throws Exception {
        // The state a SIGKILL between "old away" and "new in" leaves when renameat2 is missing.
        Path out = tmp.resolve("out");
        Path done = Files.createDirectory(tmp.resolve(".out.capsim-new-0123456789ab"));
        Files.writeString(done.resolve("run-info.json"), CAPSIM_RUN_INFO);
        Files.writeString(done.resolve(OutputFolder.MANIFEST), sha(CAPSIM_RUN_INFO) + "  run-info.json\n");
        Path old = Files.createDirectory(tmp.resolve(".out.capsim-old-0123456789ab"));
        Files.writeString(old.resolve("run-info.json"), CAPSIM_RUN_INFO);
        try (OutputFolder f = OutputFolder.open(out, noInputs(false))) {
            assertComplete(out); // the completed new run is in place before this run starts
            assertFalse(Files.exists(old));
        }
        assertComplete(out);
        assertEquals(List.of("out"), names(tmp));
    }

    @Test
    void theTwoRenameSwapAlsoReplacesTheFolder() throws Exception {
        Path out = oldRun("web.hgrm");
        System.setProperty("capsim.test.noExchange", "true");
        try (OutputFolder f = OutputFolder.open(out, noInputs(false))) {
            f.write("run-info.json", text(CAPSIM_RUN_INFO));
            f.commit();
        } finally {
            System.clearProperty("capsim.test.noExchange");
        }
        assertEquals(List.of("SHA256SUMS", "run-info.json"), names(out));
        assertEquals(List.of("out"), names(tmp));
    }

    @Test
    void onLinuxTheSwapIsOneExchange() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux"));
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path b = Files.createDirectory(tmp.resolve("b"));
        Files.writeString(a.resolve("x"), "from a");
        Files.writeString(b.resolve("y"), "from b");
        Path scratch = Files.createDirectory(tmp.resolve("scratch"));
        assertTrue(AtomicSwap.prepare(scratch), "renameat2 is reachable here");
        assertEquals(List.of(), names(scratch), "JNA deleted what it unpacked");
        Files.delete(scratch);
        assertTrue(AtomicSwap.exchange(a, b), "renameat2(RENAME_EXCHANGE) works here");
        assertEquals(List.of("y"), names(a));
        assertEquals(List.of("x"), names(b));
    }

    @Test
    void abortFromAnotherThreadDeletesTheStageAndStopsTheWriter() throws Exception {
        Path out = oldRun("summary.json");
        OutputFolder f = OutputFolder.open(out, noInputs(false));
        f.write("summary.json", text("new"));
        boolean[] aborted = new boolean[1];
        Thread t = new Thread(() -> aborted[0] = f.abort());
        t.start();
        t.join();
        assertTrue(aborted[0]);
        assertThrows(OutputInterruptedException.class, () -> f.write("x.json", text("{}")));
        assertThrows(OutputInterruptedException.class, f::commit);
        f.close();
        assertFalse(f.abort(), "a second abort has nothing to do");
        assertEquals("old summary.json", Files.readString(out.resolve("summary.json")));
        assertEquals(List.of("out"), names(tmp));
    }

    @Test
    void anAbortAfterTheCommitChangesNothing() throws Exception {
        Path out = tmp.resolve("out");
        OutputFolder f = OutputFolder.open(out, noInputs(false));
        f.write("run-info.json", text(CAPSIM_RUN_INFO));
        f.commit();
        assertFalse(f.abort());
        f.close();
        assertComplete(out);
    }

    @Test
    void aFullDiskFailsTheWriteAndLeavesNothing() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")), "needs /dev/full (Linux)");
        Path out = oldRun("summary.json");
        IOException e = assertThrows(IOException.class, () -> {
            try (OutputFolder f = OutputFolder.open(out, noInputs(false))) {
                f.write("summary.json", o -> {
                    // The same failure a full disk gives a real write: ENOSPC from the kernel.
                    try (var full = Files.newOutputStream(Path.of("/dev/full"))) {
                        full.write(new byte[1 << 16]);
                        full.flush();
                    }
                });
                f.commit();
            }
        });
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertEquals("old summary.json", Files.readString(out.resolve("summary.json")));
        assertEquals(List.of("out"), names(tmp));
    }

    private static String sha(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
