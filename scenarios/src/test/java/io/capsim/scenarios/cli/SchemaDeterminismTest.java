package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code capsim schema} prints the same bytes in every JVM. {@code Set.of} iterates in an order
 * drawn afresh by each JVM, so a list of allowed values or parameters kept in one (onBadRow's
 * choices, a distribution's parameters) came out in a different order from run to run, in the
 * schema and in error messages alike. Two processes, because within one JVM that order is fixed.
 */
class SchemaDeterminismTest {

    @Test
    void twoJvmsPrintTheSameSchema() throws Exception {
        String first = schemaFromANewJvm();
        String second = schemaFromANewJvm();
        assertTrue(first.contains("\"onBadRow\""), "the schema names onBadRow");
        assertEquals(first, second, "capsim schema differs between two JVMs");
        int onBadRow = first.indexOf("\"onBadRow\"");
        assertTrue(first.indexOf("stop", onBadRow) < first.indexOf("skip", onBadRow),
                "onBadRow's choices come in their documented order: stop, skip");
    }

    private static String schemaFromANewJvm() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path err = Files.createTempFile("schema", ".err");
        try {
            Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    CapsimCommand.class.getName(), "schema").redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "capsim schema did not finish");
            assertEquals(0, p.exitValue(), () -> "capsim schema's exit code; its stderr: " + read(err));
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
