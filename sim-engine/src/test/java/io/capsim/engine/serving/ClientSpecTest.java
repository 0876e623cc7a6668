package io.capsim.engine.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The exponential backoff before jitter, and removal from the middle of a FIFO. */
class ClientSpecTest {

    private static final ClientSpec SPEC = new ClientSpec(0, ClientSpec.OnTimeout.CANCEL, 6, 100_000_000L, 2,
            1_000_000_000L, ClientSpec.Jitter.NONE);

    @ParameterizedTest(name = "after attempt {0}: {1} ns")
    @CsvSource({
        "1, 100000000", // the first retry waits backoff: 100 ms
        "2, 200000000", // 100 ms x 2
        "3, 400000000", // 100 ms x 2^2
        "4, 800000000", // 100 ms x 2^3
        "5, 1000000000", // 1.6 s, capped at maxBackoff 1 s
    })
    void backoffDoublesUpToItsCap(int attempt, long expected) {
        assertEquals(expected, SPEC.backoffTicks(attempt));
    }

    @Test
    void aCapBelowTheFirstDelayOrNoAttemptIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ClientSpec(0, ClientSpec.OnTimeout.CANCEL, 1, 10, 2, 5,
                ClientSpec.Jitter.FULL));
        assertThrows(IllegalArgumentException.class, () -> new ClientSpec(0, ClientSpec.OnTimeout.CANCEL, 0, 10, 2, 10,
                ClientSpec.Jitter.FULL));
    }

    @Test
    void aFifoRemovesFromItsMiddleAcrossTheWrap() {
        IntFifo q = new IntFifo();
        for (int i = 0; i < 12; i++) {
            q.add(i);
        }
        for (int i = 0; i < 10; i++) {
            q.poll(); // head at 10 of 16: the next entries wrap around the buffer's end
        }
        for (int i = 12; i < 20; i++) {
            q.add(i);
        }
        assertTrue(q.remove(14));
        assertFalse(q.remove(14));
        assertFalse(q.remove(3));
        StringBuilder order = new StringBuilder();
        q.drainTo(v -> order.append(v).append(' '));
        assertEquals("10 11 12 13 15 16 17 18 19 ", order.toString());
    }
}
