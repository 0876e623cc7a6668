package io.capsim.reports.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * For any old folder (none, empty, or some files) and any run (some files, failing at any write or
 * not, swapping in one step or with two renames), the folder afterwards is exactly the old one or
 * exactly the new one with its manifest, and nothing else is left beside it.
 */
class OutputFolderPropertiesTest {

    @Provide
    Arbitrary<Map<String, String>> files() {
        return Arbitraries.maps(Arbitraries.of("summary.json", "a.hgrm", "b.hgrm", "report.html", "chart.png"),
                Arbitraries.strings().ofMaxLength(20)).ofMaxSize(5);
    }

    private static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        if (!Files.exists(dir)) {
            return null;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                m.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return m;
    }

    @Property(tries = 80)
    void theFolderIsTheOldOneOrTheNewOneAndNothingIsLeftBeside(@ForAll("files") Map<String, String> old,
            @ForAll boolean oldExists, @ForAll("files") Map<String, String> fresh,
            @ForAll @IntRange(min = -1, max = 5) int failAt, @ForAll boolean twoRenames) throws Exception {
        Path root = Files.createTempDirectory("capsim-prop-");
        try {
            Path out = root.resolve("out");
            if (oldExists) {
                Files.createDirectory(out);
                Files.writeString(out.resolve("run-info.json"), "{\"capsimVersion\": \"old\"}");
                for (Map.Entry<String, String> e : old.entrySet()) {
                    Files.writeString(out.resolve(e.getKey()), e.getValue());
                }
            }
            Map<String, String> before = read(out);
            Map<String, String> written = new LinkedHashMap<>();
            written.put("run-info.json", "{\"capsimVersion\": \"new\"}");
            written.putAll(fresh);
            boolean failed = false;
            if (twoRenames) {
                System.setProperty("capsim.test.noExchange", "true");
            }
            try (OutputFolder f = OutputFolder.open(out, new OutputFolder.Options(false, List.of()))) {
                int i = 0;
                for (Map.Entry<String, String> e : written.entrySet()) {
                    if (i++ == failAt) {
                        failed = true;
                        throw new IOException("injected");
                    }
                    f.write(e.getKey(), o -> o.write(e.getValue().getBytes(StandardCharsets.UTF_8)));
                }
                f.commit();
            } catch (IOException e) {
                assertEquals("injected", e.getMessage());
            } finally {
                System.clearProperty("capsim.test.noExchange");
            }
            Map<String, String> after = read(out);
            if (failed) {
                assertEquals(before, after, "a failed run leaves the old folder as it was");
            } else {
                after.remove(OutputFolder.MANIFEST);
                assertEquals(new TreeMap<>(written), after, "a finished run is exactly its files");
                OutputFolderTest.assertComplete(out);
            }
            try (Stream<Path> s = Files.list(root)) {
                assertEquals(Files.exists(out) ? List.of("out") : List.of(),
                        s.map(p -> p.getFileName().toString()).toList());
            }
        } finally {
            DurableFiles.deleteTree(root);
        }
    }
}
