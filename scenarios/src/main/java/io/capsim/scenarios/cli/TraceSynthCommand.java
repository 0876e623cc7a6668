package io.capsim.scenarios.cli;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.workload.ArrivalCursor;
import io.capsim.reports.io.OutputFile;
import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.run.ScenarioRunner;
import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ScenarioException;
import io.capsim.workloads.ArrivalField;
import io.capsim.workloads.trace.csv.ArrivalCsvWriter;
import io.capsim.workloads.transform.Transforms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code capsim trace synth SCENARIO --out FILE}: the arrivals a scenario's streams generate,
 * written as a CSV trace that the {@code csv} format reads back.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Write the arrivals a scenario generates (all its streams merged in time order, or one "
                + "with --arrival) as a CSV trace that the csv format reads back: time_s plus any sizes they carry.")
final class TraceSynthCommand implements Callable<Integer> {

    @Mixin
    ScenarioOptions scenario;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE",
            description = "CSV file to write, whole or not at all (at most --limit synth-size, default 1 GiB).")
    Path out;

    @Option(names = "--force", description = "Replace FILE even if capsim did not write it (never a device or "
            + "an input).")
    boolean force;

    @Option(names = "--arrival", paramLabel = "NAME", description = "Only this arrival stream.")
    String arrival;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Scenario s = scenario.loadServing();
        long maxBytes = scenario.limits.synthBytes();
        RandomStreams streams = new RandomStreams(s.seed());
        List<ArrivalCursor> cursors = new ArrayList<>();
        for (Scenario.ArrivalSpec a : s.arrivals()) {
            if (arrival == null || arrival.equals(a.name())) {
                cursors.add(ScenarioRunner.openStream(a, streams));
            }
        }
        if (cursors.isEmpty()) {
            throw new ScenarioException(new Problem(Location.of("--arrival"), "",
                    "no arrival stream named \"" + arrival + "\""));
        }
        ArrivalCursor merged = cursors.size() == 1 ? cursors.get(0) : Transforms.merge(cursors);
        EnumSet<ArrivalField> fields = EnumSet.of(ArrivalField.WORK, ArrivalField.INPUT_TOKENS,
                ArrivalField.OUTPUT_TOKENS);
        List<Path> inputs = new ArrayList<>(List.of(scenario.file));
        for (Scenario.ArrivalSpec a : s.arrivals()) {
            if (a.trace() != null) {
                inputs.add(a.trace().file());
            }
        }
        CapsimCommand top = (CapsimCommand) spec.root().userObject();
        Path target;
        long rows;
        try (OutputFile file = OutputDirs.openFile(out, "--out", force, inputs, TraceSynthCommand::isSynthOutput, top.guard)) {
            target = file.target();
            try (ArrivalCsvWriter w = new ArrivalCsvWriter(file.stream(), fields, maxBytes,
                    ArrivalCsvWriter.SYNTH_SIZE)) {
                rows = w.writeAll(merged, Long.MAX_VALUE, SimTime.ofSeconds(s.durationSeconds()));
            }
            file.commit();
        } finally {
            merged.close();
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "%s: %d arrivals over %.0f s written to %s%n",
                s.name(), rows, s.durationSeconds(), target);
        for (Scenario.ArrivalSpec a : s.arrivals()) {
            if (a.session() != null && (arrival == null || arrival.equals(a.name()))) {
                spec.commandLine().getOut().printf(Locale.ROOT, "note: arrivals.%s starts agent sessions: its rows "
                        + "are the sessions' starts; their calls depend on the serving and are not written%n",
                        Terminal.safe(a.name()));
            }
        }
        spec.commandLine().getOut().flush();
        return CapsimCommand.OK;
    }

    /** An existing file this command wrote: its first line is a header of {@link ArrivalCsvWriter}'s columns. */
    static boolean isSynthOutput(Path p) {
        try (java.io.InputStream in = Files.newInputStream(p)) {
            String head = new String(in.readNBytes(256), java.nio.charset.StandardCharsets.US_ASCII);
            int nl = head.indexOf('\n');
            return nl > 0 && head.substring(0, nl).matches(
                    "time_s(,(work_s|input_tokens|output_tokens|cpu_millis|memory_mib|gpu_millis))*");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
