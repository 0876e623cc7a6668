package io.capsim.scenarios.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

    @ParameterizedTest(name = "{0} = {1} s")
    @CsvSource({
        "0, 0", "30, 30", "0.25, 0.25", "1e3, 1000", "250ms, 0.25", "1h30m, 5400", "2m, 120", "1d, 86400",
        "100us, 0.0001", "5ns, 0.000000005", "1.5s, 1.5",
    })
    void durations(String text, double seconds) {
        assertEquals(seconds, Quantities.seconds(text), seconds * 1e-12);
    }

    @ParameterizedTest(name = "{0} = {1}m")
    @CsvSource({"2, 2000", "0.5, 500", "250m, 250", "16000m, 16000"})
    void cpu(String text, long millis) {
        assertEquals(millis, Quantities.cpuMillis(text));
    }

    @ParameterizedTest(name = "{0} = {1} MiB")
    @CsvSource({"4Gi, 4096", "512Mi, 512", "1G, 954", "1048576, 1", "1, 1", "1.5Gi, 1536", "1Ti, 1048576"})
    void memory(String text, long mib) {
        assertEquals(mib, Quantities.memoryMiB(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10 minutes", "ms", "1x", "-1s", "", "1h30", "PT1H"})
    void badDurationsSayWhatIsAllowed(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantities.seconds(text));
        assertEquals(true, e.getMessage().contains("ns, us, ms, s, m, h, d"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0001", "2 cores", "1.5k", "-1"})
    void badCpu(String text) {
        assertThrows(IllegalArgumentException.class, () -> Quantities.cpuMillis(text));
    }

    @Property
    void unitsCompose(@ForAll @IntRange(min = 0, max = 1000) int h, @ForAll @IntRange(min = 0, max = 59) int m,
            @ForAll @IntRange(min = 0, max = 59) int s, @ForAll @IntRange(min = 0, max = 999) int ms) {
        String text = h + "h" + m + "m" + s + "s" + ms + "ms";
        assertEquals(h * 3600.0 + m * 60 + s + ms / 1000.0, Quantities.seconds(text), 1e-9);
        assertEquals(h * 3600.0 + m * 60 + s + ms / 1000.0,
                Quantities.seconds(Double.toString(h * 3600.0 + m * 60 + s + ms / 1000.0)), 1e-9);
    }

    @Property
    void cpuRoundTrips(@ForAll @IntRange(min = 0, max = 10_000_000) int millis) {
        assertEquals(millis, Quantities.cpuMillis(millis + "m"));
        if (millis % 1000 == 0) {
            assertEquals(millis, Quantities.cpuMillis(Integer.toString(millis / 1000)));
        }
    }
}
