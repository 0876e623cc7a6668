package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad cluster and pod-template fields (pools, taints, affinity, spread, limits, jobs): each is one
 * located problem, exit code 2, nothing run.
 */
class ClusterBadInputTest {

    @TempDir
    Path tmp;

    static final String GOOD = String.join("\n",
            "name: t",                                                  // 1
            "duration: 10m",                                            // 2
            "nodePools:",                                               // 3
            "  gpu:",                                                   // 4
            "    count: 2",                                             // 5
            "    cpu: 8",                                               // 6
            "    memory: 32Gi",                                         // 7
            "    gpus: 2",                                              // 8
            "    gpuModel: A10",                                        // 9
            "    labels: {tier: fast}",                                 // 10
            "    taints: [{key: nvidia.com/gpu, value: present, effect: NoSchedule}]", // 11
            "services:",                                                // 12
            "  web:",                                                   // 13
            "    replicas: 2",                                          // 14
            "    resources: {cpu: 1, memory: 1Gi}",                     // 15
            "    tolerations: [{key: nvidia.com/gpu, operator: Exists}]", // 16
            "    affinity:",                                            // 17
            "      nodeAffinity:",                                      // 18
            "        requiredDuringSchedulingIgnoredDuringExecution:",  // 19
            "          nodeSelectorTerms: [{matchExpressions: [{key: tier, operator: In, values: [fast]}]}]", // 20
            "    topologySpreadConstraints:",                           // 21
            "      - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule,"
                    + " labelSelector: {matchLabels: {app: web}}, matchLabelKeys: [app]}", // 22
            "    serviceTime: {type: exponential, mean: 50ms}",         // 23
            "jobs:",                                                    // 24
            "  batch:",                                                 // 25
            "    resources: {cpu: 1, memory: 1Gi}",                     // 26
            "    tolerations: [{key: nvidia.com/gpu, operator: Exists}]", // 27
            "    runtime: {type: constant, value: 1m}",                 // 28
            "    submitAt: [0]",                                        // 29
            "arrivals:",                                                // 30
            "  load: {service: web, process: poisson, rate: 10}",       // 31
            "");

    private Cli validate(String yaml) throws IOException {
        Files.writeString(tmp.resolve("t.csv"), "0\n");
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, yaml);
        return Cli.run("validate", f.toString());
    }

    @Test
    void theGoodFileIsValid() throws IOException {
        Cli r = validate(GOOD);
        assertEquals(0, r.exitCode(), r.err());
        // The job's submitAt is not counted as an arrival stream.
        assertTrue(r.out().contains("is valid: 1 node pool(s), 1 service(s), 1 job(s), 1 arrival stream(s), "
                + "1 scheduler profile(s)"), r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // case | text to replace | replacement | expected location | expected message part
        "no node selector terms | 'nodeSelectorTerms: [{matchExpressions: [{key: tier, operator: In, values: [fast]}]}]'"
                + " | 'nodeSelectorTerms: []' | s.yaml:20:30 | services.web.affinity.nodeAffinity."
                + "requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: must have at least one node selector term",
        "empty term             | '[{matchExpressions: [{key: tier, operator: In, values: [fast]}]}]' | '[{matchExpressions: []}]'"
                + " | s.yaml:20:50 | nodeSelectorTerms[0].matchExpressions: is empty: in Kubernetes an empty node selector"
                + " term matches no node",
        "term without require.  | '[{matchExpressions: [{key: tier, operator: In, values: [fast]}]}]' | '[{}]'"
                + " | s.yaml:20 | nodeSelectorTerms[0].matchExpressions: is missing",
        "taint value            | 'value: present' | 'value: \"not ok!\"' | s.yaml:11:43 | nodePools.gpu.taints[0].value: \"not ok!\" is not a valid label value",
        "spread label key       | 'matchLabelKeys: [app]' | 'matchLabelKeys: [\"bad key\"]' | s.yaml:22 |"
                + " services.web.topologySpreadConstraints[0].matchLabelKeys: bad key:",
        "reserved pool label    | 'labels: {tier: fast}' | 'labels: {tier: fast, capsim.io/pool: other}' | s.yaml:10 |"
                + " nodePools.gpu.labels: capsim.io/pool is set by capsim on every node",
        "zone as a label        | 'labels: {tier: fast}' | 'labels: {tier: fast, topology.kubernetes.io/zone: a}' | s.yaml:10 |"
                + " nodePools.gpu.labels: topology.kubernetes.io/zone is set by capsim on every node",
        "gpu limit              | '    resources: {cpu: 1, memory: 1Gi}\n    tolerations' | '    resources: {requests:"
                + " {cpu: 1, memory: 1Gi, nvidia.com/gpu: 1}, limits: {nvidia.com/gpu: 1}}\n    tolerations' | s.yaml:15 |"
                + " services.web.resources.limits.nvidia.com/gpu: is not allowed: capsim models limits of cpu and memory only",
        "job never submitted    | '    submitAt: [0]\n' | '' | s.yaml:26:5 | jobs.batch: no arrival stream and no submitAt"
                + " submits this job",
        "sizes on a job stream  | '  load: {service: web, process: poisson, rate: 10}' | '  load: {service: web, process: poisson,"
                + " rate: 10}\n  more: {job: batch, process: poisson, rate: 1, sizes: {work: {type: constant, value: 1s}}}'"
                + " | s.yaml:32 | arrivals.more.sizes: applies to service streams only",
        "time scale too large   | '  load: {service: web, process: poisson, rate: 10}' | '  load: {service: web, trace: {file:"
                + " t.csv, format: csv, timeScale: 2e6, csv: {time: {column: 0, unit: s}}}}' | s.yaml:31 |"
                + " arrivals.load.trace.timeScale: 2e6 is not in (0, 1000000]",
    })
    void eachIsOneLocatedProblem(String name, String from, String to, String location, String message)
            throws IOException {
        String f = from.replace("\\n", "\n");
        assertTrue(GOOD.contains(f), "the case edits the good file: " + from);
        // The first occurrence only: services come before jobs.
        Cli r = validate(GOOD.replaceFirst(java.util.regex.Pattern.quote(f),
                java.util.regex.Matcher.quoteReplacement(to.replace("\\n", "\n"))));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(location), "location in: " + r.err());
        assertTrue(r.err().contains(message), "message in: " + r.err());
        assertTrue(r.err().contains("1 problem;"), "one problem: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    /**
     * A trace feeding a job with no runtime must give every row a duration: a row without one
     * stops the run at its line (exit 2), or with onBadRow: skip is skipped and counted.
     */
    @Test
    void aTraceRowWithoutTheDurationAJobNeedsIsABadRow() throws IOException {
        Files.writeString(tmp.resolve("jobs.csv"), "t,dur\n0,60\n10,\n20,30\n");
        String yaml = GOOD.replace("    runtime: {type: constant, value: 1m}\n    submitAt: [0]\n", "")
                + "  log:\n    job: batch\n    trace: {file: jobs.csv, format: csv, csv: {time: {column: t, unit: s},"
                + " fields: {duration: {column: dur, unit: s, optional: true}}}}\n";
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, yaml);
        Cli r = Cli.run("run", f.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("jobs.csv:3: "), r.err());
        assertTrue(r.err().contains("no duration, which the job it feeds needs"), r.err());
        Files.writeString(f, yaml.replace("format: csv,", "format: csv, onBadRow: skip,"));
        Cli skip = Cli.run("run", f.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(0, skip.exitCode(), skip.err());
        com.fasterxml.jackson.databind.JsonNode s = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(tmp.resolve("o/summary.json").toFile());
        assertEquals(1, s.get("arrivals").get("log").get("skippedRows").asLong(), s.get("arrivals").toString());
        assertEquals(2, s.get("jobs").get("batch").get("instances").get("completed").asLong() , s.get("jobs").toString());
    }
}
