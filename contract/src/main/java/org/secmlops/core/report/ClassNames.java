package org.secmlops.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The names of a model's classes by index (a label map), as given with {@code --class-names}; classes without a name
 * are shown by their index.
 *
 * @param names the name of class 0, 1, …
 */
public record ClassNames(List<String> names) {
    /** No names: every class is shown by its index. */
    public static final ClassNames NONE = new ClassNames(List.of());

    /** The key under which results store the names in their details. */
    public static final String DETAILS_KEY = "classNames";

    public ClassNames {
        names = List.copyOf(names);
    }

    /**
     * The names from a {@code --class-names} value: a file with one name per line (blank lines at the end ignored)
     * when a file of that path exists, else a comma-separated list.
     *
     * @throws IOException when the file cannot be read
     */
    public static ClassNames parse(String option) throws IOException {
        if (option == null || option.isBlank()) {
            return NONE;
        }
        Path file = Path.of(option);
        List<String> names;
        if (Files.isRegularFile(file)) {
            names = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .toList());
            while (!names.isEmpty() && names.get(names.size() - 1).isEmpty()) {
                names.remove(names.size() - 1);
            }
        } else {
            names = Arrays.stream(option.split(",", -1)).map(String::strip).toList();
        }
        return new ClassNames(names);
    }

    /** The names stored in a result's details under {@link #DETAILS_KEY}; none when absent. */
    public static ClassNames from(JsonNode details) {
        List<String> names = new ArrayList<>();
        for (JsonNode name : details.path(DETAILS_KEY)) {
            names.add(name.asText());
        }
        return new ClassNames(names);
    }

    /** The class's name, or its index when it has none. */
    public String name(int index) {
        return index >= 0 && index < names.size() && !names.get(index).isEmpty() ? names.get(index)
                : String.valueOf(index);
    }

    /** The class's name followed by its index, e.g. {@code cat (3)}; the index alone when it has no name. */
    public String label(int index) {
        String name = name(index);
        return name.equals(String.valueOf(index)) ? name : name + " (" + index + ")";
    }

    /** Whether no class has a name. */
    public boolean isEmpty() {
        return names.isEmpty();
    }
}
