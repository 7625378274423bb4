package io.jenkins.plugins.secmlops;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Lists of names as the step form sends them: a form's text box binds to a one-element list holding the whole
 * text, a Jenkinsfile to a real list. Both become the list of non-blank items.
 */
final class FormLists {
    /** Names: separated by commas or white space. */
    static final Pattern NAMES = Pattern.compile("[,\\s]+");
    /** Specifications with their own commas, such as {@code squeeze-detector:fpr=0.05,bits=4}: white space. */
    static final Pattern SPECS = Pattern.compile("\\s+");
    /** Paths, which may contain spaces: separated by commas or line breaks. */
    static final Pattern PATHS = Pattern.compile("\\s*[,\\r\\n]+\\s*");

    private FormLists() {
    }

    static ArrayList<String> split(List<String> values, Pattern separators) {
        ArrayList<String> items = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                if (value == null) {
                    continue;
                }
                for (String item : separators.split(unbracketed(value.strip()))) {
                    if (!item.isBlank()) {
                        items.add(item.strip());
                    }
                }
            }
        }
        return items;
    }

    /** A form shows a list as {@code [a, b]}; submitted again, that text means the items a and b. */
    private static String unbracketed(String text) {
        return text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    }
}
