package io.capsim.engine.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DistributionsTest {

    @Test
    void everyBuiltInIsFoundByItsExactName() {
        for (String name : new String[] {"constant", "exponential", "lognormal"}) {
            assertTrue(Distributions.REGISTRY.find(name).isPresent(), name);
            assertEquals(name, Distributions.REGISTRY.find(name).orElseThrow().name());
        }
        assertFalse(Distributions.REGISTRY.find("Exponential").isPresent(), "lookups are exact");
        assertTrue(Distributions.REGISTRY.unknownMessage("exponental").contains("did you mean \"exponential\""));
    }

    /**
     * Sample means over 400,000 draws. Lognormal with cv 1.5: the sample mean's relative standard
     * error is cv/sqrt(n) = 0.24%, so 2% is over 8 standard errors: a false failure has probability
     * far below 1e-9 (and with a fixed seed the test is deterministic anyway).
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "constant,    value=0.25,           0.25",
        "exponential, mean=0.1,             0.1",
        "lognormal,   mean=0.08;cv=1.5,     0.08",
        "lognormal,   median=0.05;sigma=0.8, 0.0688564",
    })
    void sampleMeansMatchTheDistributionMean(String type, String params, double mean) {
        java.util.Map<String, Double> p = new java.util.HashMap<>();
        for (String kv : params.split(";")) {
            String[] a = kv.split("=");
            p.put(a[0].trim(), Double.parseDouble(a[1]));
        }
        DurationDistribution d = Distributions.create(new DistributionSpec(type, p), new RandomStreams(3).stream("t"));
        assertEquals(mean, d.meanSeconds(), mean * 1e-6);
        int n = 400_000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            long t = d.sampleTicks();
            assertTrue(t >= 0);
            sum += t;
        }
        assertEquals(mean, sum / n / 1e9, mean * 0.02);
    }

    @Test
    void invalidParametersAreReportedByName() {
        DistributionFactory ln = Distributions.REGISTRY.find("lognormal").orElseThrow();
        assertEquals("cv", ln.validate(new DistributionSpec("lognormal", Map.of("mean", 1.0))).get(0).parameter());
        assertEquals("median", ln.validate(new DistributionSpec("lognormal",
                Map.of("mean", 1.0, "cv", 1.0, "median", 1.0))).get(0).parameter());
        DistributionFactory exp = Distributions.REGISTRY.find("exponential").orElseThrow();
        assertEquals("mean", exp.validate(new DistributionSpec("exponential", Map.of("mean", -1.0))).get(0).parameter());
        assertThrows(IllegalArgumentException.class, () -> Distributions.create(
                new DistributionSpec("exponential", Map.of("mean", 0.0)), new RandomStreams(1).stream("x")));
    }
}
