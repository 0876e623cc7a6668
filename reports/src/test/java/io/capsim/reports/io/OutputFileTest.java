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
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One output file, written whole or not at all, never over a device, an input or a stranger's file. */
class OutputFileTest {

    @TempDir
    Path tmp;

    private static final Predicate<Path> OURS = p -> {
        try {
            return Files.readString(p).startsWith("time_s");
        } catch (IOException e) {
            return false;
        }
    };

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theFileAppearsWholeAtCommitAndNothingElseStays() throws IOException {
        Path csv = tmp.resolve("a.csv");
        try (OutputFile f = OutputFile.open(csv, false, List.of(), OURS)) {
            f.stream().write("time_s\n1\n".getBytes(StandardCharsets.US_ASCII));
            assertFalse(Files.exists(csv));
            f.commit();
        }
        assertEquals("time_s\n1\n", Files.readString(csv));
        assertEquals(List.of("a.csv"), names());
    }

    @Test
    void aFailureOrAnAbortLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path csv = Files.writeString(tmp.resolve("a.csv"), "time_s\nold\n");
        try (OutputFile f = OutputFile.open(csv, false, List.of(), OURS)) {
            f.stream().write("time_s\nhalf".getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals("time_s\nold\n", Files.readString(csv));
        assertEquals(List.of("a.csv"), names());
        OutputFile f = OutputFile.open(csv, false, List.of(), OURS);
        f.stream().write("x".getBytes(StandardCharsets.US_ASCII));
        assertTrue(f.abort());
        assertThrows(OutputInterruptedException.class, f::commit);
        assertEquals(List.of("a.csv"), names());
    }

    @Test
    void devicesInputsAndStrangersFilesAreRefused() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/null")));
        assertThrows(UnusableOutputException.class, () -> OutputFile.open(Path.of("/dev/null"), true, List.of(), OURS));
        assertTrue(Files.exists(Path.of("/dev/null")) && !Files.isRegularFile(Path.of("/dev/null")));
        Path mine = Files.writeString(tmp.resolve("thesis.tex"), "precious");
        UnusableOutputException e = assertThrows(UnusableOutputException.class,
                () -> OutputFile.open(mine, false, List.of(), OURS));
        assertTrue(e.reason().contains("capsim did not write it") && e.reason().contains("--force"), e.reason());
        Path scenario = Files.writeString(tmp.resolve("s.yaml"), "time_s\n");
        assertTrue(assertThrows(UnusableOutputException.class, () -> OutputFile.open(scenario, true,
                List.of(scenario), OURS)).reason().contains("an input of this run"));
        assertThrows(UnusableOutputException.class, () -> OutputFile.open(tmp, true, List.of(), OURS));
        assertEquals(List.of("s.yaml", "thesis.tex"), names());
        assertEquals("precious", Files.readString(mine));
    }

    @Test
    void aSecondWriterIsRefusedAndLeftoversAreCleared() throws IOException {
        Path csv = tmp.resolve("a.csv");
        Files.writeString(tmp.resolve(".a.csv.capsim-tmp-0123456789ab"), "left by a killed run");
        try (OutputFile f = OutputFile.open(csv, false, List.of(), OURS)) {
            assertThrows(UnusableOutputException.class, () -> OutputFile.open(csv, false, List.of(), OURS));
            f.stream().write("time_s\n".getBytes(StandardCharsets.US_ASCII));
            f.commit();
        }
        assertEquals(List.of("a.csv"), names());
    }
}
