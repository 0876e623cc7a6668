package io.capsim.scenarios.validate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;

/**
 * Parses YAML into {@link YamlNode}s with positions, using Jackson's streaming YAML parser.
 * Duplicate keys, several documents and non-scalar keys are refused.
 */
public final class YamlTree {

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private YamlTree() {}

    /**
     * Parses one YAML document.
     *
     * @param source the name used in locations (the file name as the user wrote it)
     * @throws ScenarioException on a syntax error or duplicate key, naming its location
     * @throws IOException if reading fails
     */
    public static YamlNode parse(Reader reader, String source) throws IOException {
        try (JsonParser p = FACTORY.createParser(reader)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ScenarioException(new Problem(Location.of(source), "", "the file is empty"));
            }
            YamlNode root = read(p, source);
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
        }
    }

    /** Parses one scalar written on the command line, such as the value of {@code --set}. */
    public static YamlNode parseValue(String text, String source) {
        try {
            YamlNode n = parse(new StringReader(text.isEmpty() ? "''" : text), source);
            if (n instanceof YamlNode.Scalar s) {
                return new YamlNode.Scalar(s.type(), s.text(), Location.of(source));
            }
            throw new ScenarioException(new Problem(Location.of(source), "", "the value must be a single scalar"));
        } catch (IOException e) {
            throw new ScenarioException(new Problem(Location.of(source), "", "cannot parse value: " + e.getMessage()));
        }
    }

    private static Location loc(JsonLocation l, String source) {
        return new Location(source, Math.max(l.getLineNr(), 0), Math.max(l.getColumnNr(), 0));
    }

    private static YamlNode read(JsonParser p, String source) throws IOException {
        JsonToken t = p.currentToken();
        Location here = loc(p.currentTokenLocation(), source);
        switch (t) {
            case START_OBJECT: {
                YamlNode.MapNode m = new YamlNode.MapNode(here);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Location keyLoc = loc(p.currentTokenLocation(), source);
                    if (m.get(key) != null) {
                        throw new ScenarioException(new Problem(keyLoc, key,
                                "duplicate key \"" + key + "\" (first at line " + m.keyLocation(key).line() + ")"));
                    }
                    p.nextToken();
                    m.put(key, keyLoc, read(p, source));
                }
                return m;
            }
            case START_ARRAY: {
                YamlNode.ListNode l = new YamlNode.ListNode(here);
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(read(p, source));
                }
                return l;
            }
            case VALUE_STRING:
                return new YamlNode.Scalar(YamlNode.ScalarType.STRING, p.getText(), here);
            case VALUE_NUMBER_INT:
                return new YamlNode.Scalar(YamlNode.ScalarType.INTEGER, p.getText(), here);
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.Scalar(YamlNode.ScalarType.FLOAT, p.getText(), here);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.Scalar(YamlNode.ScalarType.BOOLEAN, p.getText(), here);
            case VALUE_NULL:
                return new YamlNode.Scalar(YamlNode.ScalarType.NULL, "null", here);
            default:
                throw new ScenarioException(new Problem(here, "", "unsupported YAML content: " + t));
        }
    }
}
