package io.capsim.scenarios.cli;

import io.capsim.reports.io.OutputFile;
import io.capsim.scenarios.validate.ScenarioSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Write the schema to FILE (whole or not at all) instead of printing it.")
    Path out;

    @Option(names = "--force", description = "Replace FILE even if it is not a schema capsim wrote.")
    boolean force;

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
        CapsimCommand top = (CapsimCommand) spec.root().userObject();
        try (OutputFile file = OutputDirs.openFile(out, "--out", force, List.of(), SchemaCommand::isSchema, top.guard)) {
            file.stream().write(json.getBytes(StandardCharsets.UTF_8));
            file.commit();
        }
        return CapsimCommand.OK;
    }

    /** An existing file this command wrote: it names the scenario schema's id near its start. */
    static boolean isSchema(Path p) {
        try (java.io.InputStream in = Files.newInputStream(p)) {
            return new String(in.readNBytes(512), StandardCharsets.UTF_8).contains("\"" + ScenarioSchema.ID + "\"");
        } catch (IOException e) {
            return false;
        }
    }
}
