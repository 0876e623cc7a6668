package io.capsim.workloads.trace.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static List<String> lines(String text) {
        LineReader r = LineReader.of(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), "t");
        List<String> out = new ArrayList<>();
        while (r.next()) {
            out.add(r.text());
            assertEquals(out.size(), r.line());
        }
        assertFalse(r.next());
        return out;
    }

    @Test
    void terminators() {
        assertEquals(List.of("a", "b", "c"), lines("a\r\nb\nc"));
        assertEquals(List.of("a", "", "b"), lines("a\n\nb\n"));
        assertEquals(List.of("a", "b"), lines("a\r\nb\r"));
        assertEquals(List.of(), lines(""));
        assertEquals(List.of(""), lines("\n"));
        assertEquals(List.of("time", "1"), lines("\u00EF\u00BB\u00BFtime\n1\n"), "UTF-8 byte-order mark dropped");
        assertEquals(1, lines("\u00EF\u00BB").size(), "a short file that is not a BOM stays");
    }

    /** Lines longer than the 64 KiB initial buffer make it grow; lines straddle refills. */
    @Property(tries = 50)
    void anyLinesRoundTrip(@ForAll @Size(max = 20) List<@IntRange(max = 200_000) Integer> lengths, @ForAll boolean crlf) {
        StringBuilder sb = new StringBuilder();
        List<String> expected = new ArrayList<>();
        int k = 0;
        for (int len : lengths) {
            String line = String.valueOf((char) ('a' + k++ % 26)).repeat(len);
            expected.add(line);
            sb.append(line).append(crlf ? "\r\n" : "\n");
        }
        List<String> got = lines(sb.toString());
        assertEquals(expected.size(), got.size());
        for (int i = 0; i < got.size(); i++) {
            assertTrue(expected.get(i).equals(got.get(i)), "line " + i);
        }
    }
}
