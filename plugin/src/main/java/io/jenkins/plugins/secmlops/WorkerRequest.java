package io.jenkins.plugins.secmlops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a worker is asked to do: its arguments, the gates, and small input files the step hands over
 * (trusted keys, earlier results). An argument {@code @input:NAME} stands for the path of input NAME on
 * the agent; inputs are written to the run's temporary folder, never into the workspace.
 *
 * @param arguments the command and its arguments, e.g. {@code scan model/}
 * @param gatesJson the gates and reference metrics for {@code --gates-file}
 * @param inputs    input file contents by name
 */
public record WorkerRequest(List<String> arguments, String gatesJson, Map<String, String> inputs) {
    static final String INPUT_PREFIX = "@input:";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public WorkerRequest {
        arguments = List.copyOf(arguments);
        inputs = Map.copyOf(new LinkedHashMap<>(inputs));
        for (String name : inputs.keySet()) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Illegal worker input name: " + name);
            }
        }
        for (String argument : arguments) {
            if (argument.startsWith(INPUT_PREFIX) && !inputs.containsKey(argument.substring(INPUT_PREFIX.length()))) {
                throw new IllegalArgumentException("Worker argument " + argument + " names no input");
            }
        }
    }

    /** The arguments with every {@code @input:NAME} replaced by that input's path in the folder. */
    List<String> resolvedArguments(String folder, String separator) {
        List<String> resolved = new ArrayList<>();
        for (String argument : arguments) {
            resolved.add(argument.startsWith(INPUT_PREFIX)
                    ? folder + separator + fileName(argument.substring(INPUT_PREFIX.length()))
                    : argument);
        }
        return resolved;
    }

    /** The file name input NAME is written to. */
    static String fileName(String name) {
        return "input-" + name;
    }
}
