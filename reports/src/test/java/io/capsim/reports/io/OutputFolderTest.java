package io.capsim.reports.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputFolderTest {

    @TempDir
    Path tmp;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void filesAppearOnlyAtCommit() throws IOException {
        try (OutputFolder out = new OutputFolder(tmp)) {
            out.write("a.json", o -> o.write("{}".getBytes(StandardCharsets.UTF_8)));
            assertTrue(names().stream().allMatch(n -> n.startsWith(".a.json.")), names().toString());
            out.commit();
        }
        assertEquals(List.of("a.json"), names());
        assertEquals("{}", Files.readString(tmp.resolve("a.json")));
    }

    @Test
    void aFailureHalfWayLeavesNothingAndKeepsTheOldFiles() throws IOException {
        Files.writeString(tmp.resolve("summary.json"), "old");
        assertThrows(IOException.class, () -> {
            try (OutputFolder out = new OutputFolder(tmp)) {
                out.write("summary.json", o -> o.write("new".getBytes(StandardCharsets.UTF_8)));
                out.write("report.html", o -> {
                    o.write("<html>".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("disk full");
                });
                out.commit();
            }
        });
        assertEquals(List.of("summary.json"), names());
        assertEquals("old", Files.readString(tmp.resolve("summary.json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", ".hidden", "", "x\\y", "/etc/passwd", "a b"})
    void refusesNamesThatCouldLeaveTheFolder(String name) throws IOException {
        try (OutputFolder out = new OutputFolder(tmp)) {
            assertThrows(IllegalArgumentException.class, () -> out.write(name, o -> {}));
        }
        assertEquals(List.of(), names());
    }
}
