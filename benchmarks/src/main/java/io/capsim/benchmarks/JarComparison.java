package io.capsim.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A/B of two or more builds of capsim in one JVM: each benchmarks jar is loaded in its own class
 * loader, and their runs alternate round by round (the order rotating), timed in thread CPU. On a
 * shared host, whose speed drifts from minute to minute, separate JVMs of the builds see different
 * hosts; here each round's runs see the same one, and the paired ratio (each build's time over the
 * first's in the same round) has a spread of a few percent instead of ten or more.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.capsim.benchmarks.JarComparison whole-stack 30 a.jar b.jar
 * java -cp benchmarks/target/benchmarks.jar io.capsim.benchmarks.JarComparison llm 10 a.jar b.jar</pre>
 *
 * {@code whole-stack}: the M/M/8 of {@link WholeStackComparison}, with the reference after each
 * round (its ratio to the first jar's reference is printed too). The jar named first has tended to
 * come out up to 2% faster than the same build named second, so trust a difference that holds with
 * the order swapped. {@code llm}: the timed run of
 * {@link LlmServingRun} at its 80% load (timeScale 0.05514), run from the repository root. The first
 * rounds (four, or two for llm) warm up and are not counted. Pin it to one core ({@code taskset}).
 */
public final class JarComparison {

    private JarComparison() {}

    public static void main(String[] args) throws Exception {
        boolean llm = args.length > 0 && args[0].equals("llm");
        int warm = llm ? 2 : 4;
        if (args.length < 3 || !List.of("whole-stack", "llm").contains(args[0]) || !args[1].matches("[0-9]{1,4}")
                || Integer.parseInt(args[1]) <= warm) {
            System.err.println("usage: JarComparison whole-stack|llm ROUNDS JAR... (ROUNDS above the " + warm
                    + " warm-up rounds)");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[1]);
        int k = args.length - 2;
        ClassLoader[] loaders = new ClassLoader[k];
        for (int j = 0; j < k; j++) {
            loaders[j] = new URLClassLoader(new URL[] {Path.of(args[j + 2]).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
        }
        Path scenario = Files.createTempFile("mm8", ".yaml");
        try (var in = loaders[0].getResourceAsStream("mm8.yaml")) {
            Files.copy(in, scenario, StandardCopyOption.REPLACE_EXISTING);
        }
        Run[] runs = new Run[k];
        for (int j = 0; j < k; j++) {
            runs[j] = llm ? llmRun(loaders[j]) : wholeStackRun(loaders[j], scenario);
        }
        Run reference = llm ? null : referenceRun(loaders[0]);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[][] ms = new double[k + 1][rounds - warm];
        long[] events = new long[k + 1]; // per run, for the events/s ratio
        for (int i = 0; i < rounds; i++) {
            for (int r = 0; r < k; r++) {
                int j = (i + r) % k;
                long c0 = mx.getCurrentThreadCpuTime();
                events[j] = runs[j].run();
                long c1 = mx.getCurrentThreadCpuTime();
                if (i >= warm) {
                    ms[j][i - warm] = (c1 - c0) / 1e6;
                }
            }
            if (reference != null) {
                long c0 = mx.getCurrentThreadCpuTime();
                events[k] = reference.run();
                long c1 = mx.getCurrentThreadCpuTime();
                if (i >= warm) {
                    ms[k][i - warm] = (c1 - c0) / 1e6;
                }
            }
        }
        Files.deleteIfExists(scenario);
        for (int j = 0; j < k; j++) {
            double[] paired = new double[rounds - warm];
            for (int i = 0; i < paired.length; i++) {
                paired[i] = ms[j][i] / ms[0][i];
            }
            System.out.printf(Locale.ROOT, "%s: median %.1f ms; paired time / first jar's %.3f%s%n", args[j + 2],
                    median(ms[j]), median(paired), reference == null ? ""
                            : String.format(Locale.ROOT, "; events/s ratio to the reference %.3f (as WholeStackComparison)",
                                    (events[j] / median(ms[j])) / (events[k] / median(ms[k]))));
        }
        if (reference != null) {
            System.out.printf(Locale.ROOT, "reference: median %.1f ms%n", median(ms[k]));
        }
    }

    /** One timed run; returns the events it executed. */
    @FunctionalInterface
    private interface Run {
        long run() throws Exception;
    }

    private static Run wholeStackRun(ClassLoader cl, Path scenario) throws Exception {
        Method read = cl.loadClass("io.capsim.scenarios.validate.ScenarioReader").getMethod("read", Path.class, List.class);
        Method run = null;
        for (Method m : cl.loadClass("io.capsim.scenarios.run.ScenarioRunner").getMethods()) {
            if (m.getName().equals("run") && m.getParameterCount() == 1) {
                run = m;
            }
        }
        Method events = cl.loadClass("io.capsim.engine.results.RunResult").getMethod("eventsExecuted");
        Method runScenario = run;
        return () -> {
            Object result = runScenario.invoke(null, read.invoke(null, scenario, List.of()));
            long n = (long) events.invoke(result);
            if (n < 2 * WholeStackBenchmark.REQUESTS) {
                throw new IllegalStateException("the run did not serve every request");
            }
            return n;
        };
    }

    private static Run referenceRun(ClassLoader cl) throws Exception {
        Class<?> streams = cl.loadClass("io.capsim.engine.random.RandomStreams");
        Class<?> rng = cl.loadClass("org.apache.commons.rng.UniformRandomProvider");
        Method run = cl.loadClass("io.capsim.benchmarks.MM8Reference").getDeclaredMethod("run", int.class, double.class,
                double.class, long.class, rng, rng);
        run.setAccessible(true);
        Method stream = streams.getMethod("stream", String.class);
        Method events = cl.loadClass("io.capsim.benchmarks.MM8Reference$Result").getDeclaredMethod("events");
        events.setAccessible(true);
        return () -> {
            Object s = streams.getConstructor(long.class).newInstance(1L);
            return (long) events.invoke(run.invoke(null, 8, 7.2, 1.0, WholeStackBenchmark.REQUESTS,
                    stream.invoke(s, "arrivals/load"), stream.invoke(s, "service-time/svc")));
        };
    }

    private static Run llmRun(ClassLoader cl) throws Exception {
        Path trace = Path.of("scenarios/examples/data/azure-llm-inference-2023/AzureLLMInferenceTrace_conv.csv")
                .toAbsolutePath();
        if (!Files.isRegularFile(trace)) {
            throw new IllegalArgumentException("no trace at " + trace + "; run from the repository root");
        }
        Method run = cl.loadClass("io.capsim.benchmarks.LlmServingRun").getDeclaredMethod("run", Path.class, int.class,
                double.class, String.class, String.class);
        run.setAccessible(true);
        Method events = cl.loadClass("io.capsim.engine.results.RunResult").getMethod("eventsExecuted");
        return () -> (long) events.invoke(run.invoke(null, trace, 8, 0.05514, "3h", "10m"));
    }

    private static double median(double[] x) {
        double[] y = x.clone();
        Arrays.sort(y);
        int n = y.length;
        return n % 2 == 1 ? y[n / 2] : (y[n / 2 - 1] + y[n / 2]) / 2;
    }
}
