package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of every file and folder under a root (path, size, modification time, content hash
 * for small files), to show that a command wrote or removed nothing outside its output place.
 */
record Sandbox(Path root, Map<String, String> entries) {

    static Sandbox of(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
                m.put(root.relativize(dir) + "/", "dir");
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
                String what = a.size() + " " + a.lastModifiedTime().toMillis()
                        + (a.isRegularFile() && a.size() < (1 << 20) ? " " + java.util.Arrays.hashCode(
                                Files.readAllBytes(file)) : "");
                m.put(root.relativize(file).toString(), what);
                return FileVisitResult.CONTINUE;
            }
        });
        return new Sandbox(root, m);
    }

    /** Asserts that nothing changed under the root except inside {@code except} (relative paths). */
    void assertUnchangedExcept(String... except) throws IOException {
        Map<String, String> now = of(root).entries();
        assertEquals(strip(entries, except), strip(now, except),
                "nothing outside " + String.join(", ", except) + " was written or removed under " + root);
    }

    private static Map<String, String> strip(Map<String, String> m, String... except) {
        Map<String, String> out = new TreeMap<>(m);
        out.keySet().removeIf(k -> {
            for (String e : except) {
                if (k.equals(e) || k.equals(e + "/") || k.startsWith(e + "/")) {
                    return true;
                }
            }
            return false;
        });
        return out;
    }
}
