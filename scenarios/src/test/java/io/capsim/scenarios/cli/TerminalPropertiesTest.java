package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Whatever a message quotes, what reaches the terminal holds no control or reordering character. */
class TerminalPropertiesTest {

    @Property(tries = 3000)
    void noControlCharacterReachesTheTerminal(@ForAll String message) {
        String out = Terminal.safe(message);
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            assertTrue(c == '\t' || c >= 0x20 && !(c >= 0x7F && c <= 0x9F) && !(c >= 0x202A && c <= 0x202E)
                    && !(c >= 0x2066 && c <= 0x2069), "U+" + Integer.toHexString(c) + " in " + out);
        }
        assertTrue(out.length() <= Terminal.MAX_CHARS + 64 + 12 * Terminal.MAX_CHARS, "bounded");
    }
}
