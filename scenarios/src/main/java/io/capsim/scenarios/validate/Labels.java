package io.capsim.scenarios.validate;

import java.util.regex.Pattern;

/**
 * Kubernetes' syntax of label keys and values ({@code apimachinery/pkg/util/validation}): a key is
 * an optional DNS-1123 subdomain prefix (at most 253 characters) and '/', then a name of at most 63
 * characters of alphanumerics, '-', '_' and '.', beginning and ending with an alphanumeric; a value
 * is empty or such a name.
 */
final class Labels {

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    static final String NAME_FORMS = "at most 63 characters: letters, digits, '-', '_' and '.', starting and ending "
            + "with a letter or digit";

    private Labels() {}

    /** What is wrong with a label key, or null if it is valid. */
    static String keyProblem(String key) {
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty() || prefix.length() > 253 || !SUBDOMAIN.matcher(prefix).matches()) {
                return "\"" + key + "\" is not a valid label key: the prefix before '/' must be a DNS subdomain "
                        + "(lower-case letters, digits, '-' and '.', at most 253 characters)";
            }
        }
        if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches()) {
            return "\"" + key + "\" is not a valid label key: the name must be " + NAME_FORMS;
        }
        return null;
    }

    /** What is wrong with a label value, or null if it is valid. */
    static String valueProblem(String value) {
        if (value.isEmpty() || (value.length() <= 63 && NAME.matcher(value).matches())) {
            return null;
        }
        return "\"" + value + "\" is not a valid label value: it must be empty or " + NAME_FORMS;
    }
}
