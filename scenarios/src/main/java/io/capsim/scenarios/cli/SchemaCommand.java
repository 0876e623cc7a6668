package io.capsim.scenarios.cli;

import io.capsim.scenarios.validate.ScenarioSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code capsim schema [--out FILE]}: the JSON Schema of scenario files, for editors. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        header = "Print the JSON Schema of scenario files, for editors to complete and check them.",
        description = {"The schema is generated from the scenario readers: every field with its type, range, allowed "
                + "values, default and meaning. Point your editor at it to have scenarios completed and checked as you "
                + "type (docs/SCENARIOS.md#editor-support)."})
final class SchemaCommand implements Callable<Integer> {

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the schema to FILE instead of printing it.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String json = ScenarioSchema.json();
        if (out == null) {
            spec.commandLine().getOut().print(json);
            spec.commandLine().getOut().flush();
            return CapsimCommand.OK;
        }
        if (Files.isDirectory(out)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--out: " + out + " is a folder; give the path of the schema file");
        }
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--out: the folder of " + out + " does not exist");
        }
        Path tmp = Files.createTempFile(dir, ".schema-", ".tmp");
        try {
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return CapsimCommand.OK;
    }
}
