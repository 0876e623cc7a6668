package io.capsim.engine.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void orderedKeepsTheOrderGivenAndRefusesANameGivenTwice() {
        assertEquals(List.of("rate", "mean", "cv"), List.copyOf(Names.ordered("rate", "mean", "cv")));
        assertThrows(UnsupportedOperationException.class, () -> Names.ordered("a").add("b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Names.ordered("random", "lowestName", "random"));
        assertEquals("a name given twice: [random, lowestName, random]", e.getMessage());
    }
}
