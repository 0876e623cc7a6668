package io.capsim.scenarios.validate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Parses YAML into {@link YamlNode}s with positions, using Jackson's streaming YAML parser.
 * Duplicate keys, several documents, non-scalar keys and merge keys ({@code <<}) are refused.
 *
 * <p>Hostile input is refused with a located message, within the {@link InputLimits}: text that
 * is not UTF-8, or holds characters YAML does not allow (a binary file), is located at the first
 * offending byte; a line longer than {@link InputLimits#maxScalarChars()} is refused in one linear
 * scan before the YAML parser sees it (the parser takes time quadratic in the length of a one-line
 * token); nesting deeper than {@link InputLimits#maxDepth()} is refused where it happens; an alias
 * ({@code *name}) is replaced by a copy of its anchored value ({@code &name}), with all copies
 * together bounded by {@link InputLimits#maxAliasNodes()}.
 */
public final class YamlTree {

    private YamlTree() {}

    /**
     * Parses one YAML document with the default limits.
     *
     * @param source the name used in locations (the file name as the user wrote it)
     * @throws ScenarioException on a syntax error, duplicate key or limit, naming its location
     * @throws IOException if reading fails
     */
    public static YamlNode parse(Reader reader, String source) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        long max = InputLimits.DEFAULTS.maxScenarioBytes();
        for (int n; (n = reader.read(buf)) >= 0; ) {
            sb.append(buf, 0, n);
            if (sb.length() > max) {
                throw tooLarge(source, InputLimits.DEFAULTS);
            }
        }
        return parse(sb.toString(), source, InputLimits.DEFAULTS);
    }

    /**
     * Parses one YAML document held in UTF-8 bytes (a byte-order mark is dropped).
     *
     * @throws ScenarioException if the bytes are not UTF-8 (located at the first bad byte), or as
     *     {@link #parse(String, String, InputLimits)}
     */
    public static YamlNode parse(byte[] bytes, String source, InputLimits limits) {
        if (bytes.length > limits.maxScenarioBytes()) {
            throw tooLarge(source, limits);
        }
        return parse(decode(bytes, source), source, limits);
    }

    /**
     * Parses one YAML document.
     *
     * @throws ScenarioException on a syntax error, duplicate key, disallowed character or limit,
     *     naming its location
     */
    public static YamlNode parse(String text, String source, InputLimits limits) {
        if (text.length() > limits.maxScenarioBytes()) {
            throw tooLarge(source, limits);
        }
        scan(text, source, limits);
        try (JsonParser p = factoryFor(limits).createParser(new StringReader(text))) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ScenarioException(new Problem(Location.of(source), "", "the file is empty"));
            }
            YamlNode root = new Reading(p, source, limits).read(1);
            JsonToken next = p.nextToken();
            if (next != null) {
                throw new ScenarioException(new Problem(loc(p.currentTokenLocation(), source), "",
                        "only one YAML document is allowed"));
            }
            return root;
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            int nl = msg.indexOf('\n');
            if (nl > 0) {
                msg = msg.substring(0, nl);
            }
            JsonLocation l = e.getLocation();
            throw new ScenarioException(new Problem(
                    l == null ? Location.of(source) : loc(l, source), "", "YAML syntax error: " + msg.trim()));
        } catch (IOException e) {
            throw new ScenarioException(new Problem(Location.of(source), "", "cannot parse: " + e.getMessage()));
        }
    }

    /** Parses one scalar written on the command line, such as the value of {@code --set}. */
    public static YamlNode parseValue(String text, String source) {
        return parseValue(text, source, InputLimits.DEFAULTS);
    }

    /** Parses one scalar written on the command line, within {@code limits}. */
    public static YamlNode parseValue(String text, String source, InputLimits limits) {
        YamlNode n = parse(text.isEmpty() ? "''" : text, source, limits);
        if (n instanceof YamlNode.Scalar s) {
            return new YamlNode.Scalar(s.type(), s.text(), Location.of(source));
        }
        throw new ScenarioException(new Problem(Location.of(source), "", "the value must be a single scalar"));
    }

    /** The parser factory for the default limits, built once (a factory is thread-safe once built). */
    private static final YAMLFactory DEFAULT_FACTORY = factory(InputLimits.DEFAULTS);

    private static YAMLFactory factoryFor(InputLimits limits) {
        return limits == InputLimits.DEFAULTS || limits.equals(InputLimits.DEFAULTS) ? DEFAULT_FACTORY : factory(limits);
    }

    private static YAMLFactory factory(InputLimits limits) {
        // A text longer than limits.maxScenarioBytes() is refused before it reaches the parser.
        int chars = (int) Math.min(Integer.MAX_VALUE - 32L, limits.maxScenarioBytes());
        LoaderOptions lo = new LoaderOptions();
        lo.setCodePointLimit(chars + 16);
        // Our own checks come first, with locations; these are backstops in the parser.
        StreamReadConstraints src = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth() + 2)
                .maxStringLength(Math.max(limits.maxScalarChars(), chars) + 16)
                .maxNameLength(Math.max(limits.maxScalarChars(), chars) + 16)
                .build();
        return new AnchorAwareFactory(YAMLFactory.builder().loaderOptions(lo).streamReadConstraints(src));
    }

    /** A factory whose parsers report the anchors of scalars too. */
    private static final class AnchorAwareFactory extends YAMLFactory {
        private static final long serialVersionUID = 1L;

        AnchorAwareFactory(YAMLFactoryBuilder b) {
            super(b);
        }

        @Override
        protected YAMLParser _createParser(Reader r, IOContext ctxt) {
            return new AnchorAwareParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
        }
    }

    /**
     * Jackson's YAML parser reports the anchor ({@code &name}) of a map or list but drops that of a
     * scalar ({@code cpu: &c 4}); this one reads it from the scalar's event.
     */
    private static final class AnchorAwareParser extends YAMLParser {
        AnchorAwareParser(IOContext ctxt, int parserFeatures, int yamlFeatures, LoaderOptions lo, ObjectCodec codec,
                Reader r) {
            super(ctxt, parserFeatures, yamlFeatures, lo, codec, r);
        }

        /** The anchor of the current value, or null. */
        String anchor() {
            String a = getCurrentAnchor();
            if (a == null && currentToken() != null && currentToken().isScalarValue()
                    && _lastTagEvent instanceof ScalarEvent se) {
                a = se.getAnchor();
            }
            return a;
        }
    }

    private static ScenarioException tooLarge(String source, InputLimits limits) {
        return new ScenarioException(new Problem(Location.of(source), "", "the file is larger than "
                + limits.maxScenarioBytes() + " bytes; a scenario is a small YAML file "
                + InputLimits.hint(InputLimits.SCENARIO_SIZE, "SIZE")));
    }

    /** Strict UTF-8 decoding; the first malformed byte is reported at its line and column. */
    private static String decode(byte[] bytes, String source) {
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
                ? 3 : 0;
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) {
            r = d.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            int[] where = position(new String(bytes, start, at - start, StandardCharsets.UTF_8));
            int line = where[0];
            int column = where[1];
            boolean utf16 = bytes.length >= 2 && (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE
                    || bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF);
            String hint = utf16 ? "the file is UTF-16; save it as UTF-8"
                    : "a scenario is a UTF-8 YAML file (is this a binary file?)";
            throw new ScenarioException(new Problem(new Location(source, line, column), "", String.format(Locale.ROOT,
                    "byte 0x%02X is not valid UTF-8; %s", bytes[at] & 0xff, hint)));
        }
        out.flip();
        return out.toString();
    }

    /**
     * One linear pass over the text: the first character YAML does not allow (a control character:
     * a binary file), and the first line longer than the scalar limit, each located.
     */
    private static void scan(String text, String source, InputLimits limits) {
        int line = 1;
        int lineStart = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (isBreak(c)) {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                line++;
                lineStart = i + 1;
                continue;
            }
            if (i - lineStart >= limits.maxScalarChars()) {
                throw new ScenarioException(new Problem(new Location(source, line, limits.maxScalarChars() + 1), "",
                        "the line is longer than " + limits.maxScalarChars() + " characters "
                                + InputLimits.hint(InputLimits.SCALAR_LENGTH, "N")));
            }
            if (!printable(c) && !(c == '\uFEFF' && i == 0)) {
                throw new ScenarioException(new Problem(new Location(source, line, i - lineStart + 1), "",
                        String.format(Locale.ROOT, "character U+%04X is not allowed in YAML (a control character: "
                                + "is this a binary file?)", (int) c)));
            }
        }
    }

    /** A YAML line break, as the parser counts lines: CR, LF (CR LF is one), NEL, LS, PS. */
    private static boolean isBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** 1-based line and column of {@code text}'s end, counting lines as the YAML parser does. */
    private static int[] position(String text) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isBreak(c)) {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                line++;
                lineStart = i + 1;
            }
        }
        String last = text.substring(lineStart);
        return new int[] {line, last.codePointCount(0, last.length()) + 1};
    }

    /** YAML 1.1's printable set, line breaks aside; surrogates pass here (the decoder has paired them). */
    private static boolean printable(char c) {
        return c == '\t' || (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xFFFD);
    }

    private static Location loc(JsonLocation l, String source) {
        return new Location(source, Math.max(l.getLineNr(), 0), Math.max(l.getColumnNr(), 0));
    }

    /** One document's reading state: anchors seen, anchors open, the alias budget. */
    private static final class Reading {
        private final JsonParser p;
        private final String source;
        private final InputLimits limits;
        private final Map<String, YamlNode> anchors = new HashMap<>();
        private final Set<String> open = new HashSet<>();
        private final int[] aliasBudget;

        Reading(JsonParser p, String source, InputLimits limits) {
            this.p = p;
            this.source = source;
            this.limits = limits;
            this.aliasBudget = new int[] {limits.maxAliasNodes()};
        }

        private String anchor() {
            return p instanceof AnchorAwareParser y ? y.anchor() : null;
        }

        private boolean alias() {
            return p instanceof YAMLParser y && y.isCurrentAlias();
        }

        YamlNode read(int depth) throws IOException {
            JsonToken t = p.currentToken();
            Location here = loc(p.currentTokenLocation(), source);
            if (alias()) {
                return expand(p.getText(), here);
            }
            String anchor = anchor();
            if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && depth > limits.maxDepth()) {
                throw new ScenarioException(new Problem(here, "", "maps and lists are nested more than "
                        + limits.maxDepth() + " deep " + InputLimits.hint(InputLimits.YAML_DEPTH, "N")));
            }
            if (anchor != null) {
                open.add(anchor);
            }
            YamlNode n = switch (t) {
                case START_OBJECT -> readMap(here, depth);
                case START_ARRAY -> readList(here, depth);
                case VALUE_STRING -> new YamlNode.Scalar(YamlNode.ScalarType.STRING, text(here), here);
                case VALUE_NUMBER_INT -> new YamlNode.Scalar(YamlNode.ScalarType.INTEGER, text(here), here);
                case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(YamlNode.ScalarType.FLOAT, text(here), here);
                case VALUE_TRUE, VALUE_FALSE -> new YamlNode.Scalar(YamlNode.ScalarType.BOOLEAN, p.getText(), here);
                case VALUE_NULL -> new YamlNode.Scalar(YamlNode.ScalarType.NULL, "null", here);
                default -> throw new ScenarioException(new Problem(here, "", "unsupported YAML content: " + t));
            };
            if (anchor != null) {
                open.remove(anchor);
                anchors.put(anchor, n);
            }
            return n;
        }

        private YamlNode readMap(Location here, int depth) throws IOException {
            YamlNode.MapNode m = new YamlNode.MapNode(here);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                Location keyLoc = loc(p.currentTokenLocation(), source);
                if (key.length() > limits.maxScalarChars()) {
                    throw new ScenarioException(new Problem(keyLoc, "", "a key of " + key.length()
                            + " characters is longer than " + limits.maxScalarChars() + " "
                            + InputLimits.hint(InputLimits.SCALAR_LENGTH, "N")));
                }
                if (key.equals("<<")) {
                    throw new ScenarioException(new Problem(keyLoc, "<<", "YAML merge keys (<<) are not supported; "
                            + "write the fields out, or alias a whole value (key: *name)"));
                }
                if (m.get(key) != null) {
                    throw new ScenarioException(new Problem(keyLoc, key,
                            "duplicate key \"" + key + "\" (first at line " + m.keyLocation(key).line() + ")"));
                }
                p.nextToken();
                m.put(key, keyLoc, read(depth + 1));
            }
            return m;
        }

        private YamlNode readList(Location here, int depth) throws IOException {
            YamlNode.ListNode l = new YamlNode.ListNode(here);
            while (p.nextToken() != JsonToken.END_ARRAY) {
                l.add(read(depth + 1));
            }
            return l;
        }

        private String text(Location here) throws IOException {
            if (p.getTextLength() > limits.maxScalarChars()) {
                throw new ScenarioException(new Problem(here, "", "a value of " + p.getTextLength()
                        + " characters is longer than " + limits.maxScalarChars() + " "
                        + InputLimits.hint(InputLimits.SCALAR_LENGTH, "N")));
            }
            return p.getText();
        }

        private YamlNode expand(String name, Location at) {
            if (open.contains(name)) {
                throw new ScenarioException(new Problem(at, "", "alias *" + name
                        + " refers to a value that contains it; a value cannot include itself"));
            }
            YamlNode target = anchors.get(name);
            if (target == null) {
                throw new ScenarioException(new Problem(at, "", "alias *" + name + " has no anchor &" + name
                        + " before it"));
            }
            YamlNode copy = target.copyAt(at, aliasBudget);
            if (copy == null) {
                throw new ScenarioException(new Problem(at, "", "aliases expand to more than " + limits.maxAliasNodes()
                        + " values in all " + InputLimits.hint(InputLimits.YAML_ALIASES, "N")));
            }
            return copy;
        }
    }
}
