package io.jenkins.plugins.secmlops;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.secmlops.cli.SecMLOpsCli;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Every Pipeline step parameter is an option (or positional parameter) of its CLI command and every CLI option is a
 * step parameter, by name ({@code labelColumn} is {@code --label-column}), but for the deliberate exceptions below.
 * A new option on one side fails this test until the other side has it too, or it is listed here with the reason.
 */
class StepOptionParityTest {
    /** Step parameters that are not CLI options, by step function ("*" for every step), with why. */
    private static final Map<String, Map<String, String>> JENKINS_ONLY = Map.of(
            "*", Map.of(
                    "id", "tells several runs of the same gate in one build apart; the build's concern",
                    "timeoutMinutes", "the plugin stops the worker process after it",
                    "qualityGates", "passed to the worker as --gates-file with the reference build's metrics"),
            SignModelStep.FUNCTION_NAME, Map.of(
                    "attestGates", "the plugin passes this build's gate results as --attest-gates files and the"
                            + " build as --build-context"),
            VerifyModelStep.FUNCTION_NAME, Map.of(
                    "trustedKey", "a public key from the global configuration, passed as --public-key"));

    /** CLI options that are not step parameters, by command ("*" for every command), with why. */
    private static final Map<String, Map<String, String>> CLI_ONLY = Map.of(
            "*", Map.of(
                    "--report-dir", "the plugin gives the worker a temporary report folder and keeps the report",
                    "--gates-file", "the plugin writes the gates and the reference build's metrics into it",
                    "--gate", "the step's qualityGates",
                    "--reference-result", "the plugin finds the reference build itself (delta gates)",
                    "--help", "picocli's standard option",
                    "--version", "picocli's standard option"),
            "sign", Map.of(
                    "--attest-gates", "the step's attestGates: this build's gate results, written by the plugin",
                    "--build-context", "the step's attestGates: the build and the commit, from Jenkins"),
            "monitor", Map.of(
                    "--follow", "a live monitor runs next to the model server, not in a build: the step is one window",
                    "--alerts", "an option of --follow",
                    "--max-requests", "an option of --follow",
                    "--duration", "an option of --follow",
                    "--from-end", "an option of --follow",
                    "--metrics-port", "an option of --follow",
                    "--metrics-host", "an option of --follow"));

    /** Step parameters whose option is not named after them, by {@code function.parameter}. */
    private static final Map<String, String> RENAMED = Map.of(
            EvaluateRobustnessStep.FUNCTION_NAME + ".attacks", "--attack",
            EvaluateDetectorStep.FUNCTION_NAME + ".attacks", "--attack",
            EvaluateRobustnessStep.FUNCTION_NAME + ".defenses", "--defense",
            EvaluateRobustnessStep.FUNCTION_NAME + ".candidateModels", "--candidate-model",
            SignModelStep.FUNCTION_NAME + ".keyFile", "--key",
            SignModelStep.FUNCTION_NAME + ".signGitPaths", "--no-ignore-git-paths");

    private static final Map<String, Class<? extends GateStep>> STEPS = Map.of(
            "scan", ScanModelStep.class, "sign", SignModelStep.class, "verify", VerifyModelStep.class,
            "evaluate", EvaluateModelStep.class, "robustness", EvaluateRobustnessStep.class,
            "data-check", CheckTrainingDataStep.class, "monitor", MonitorModelStep.class,
            "evaluate-detector", EvaluateDetectorStep.class);

    static Set<String> commands() {
        return new TreeSet<>(STEPS.keySet());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void stepParametersAndCliOptionsShouldMatch(String command) throws Exception {
        Class<? extends GateStep> step = STEPS.get(command);
        String function = (String) step.getDeclaredField("FUNCTION_NAME").get(null);
        CommandSpec spec = new CommandLine(new SecMLOpsCli()).getSubcommands().get(command).getCommandSpec();

        Set<String> expected = new TreeSet<>();
        for (String parameter : parameters(step)) {
            if (!exempt(JENKINS_ONLY, function, parameter)) {
                expected.add(cliName(function, parameter));
            }
        }
        Set<String> cliNames = new TreeSet<>();
        Set<String> withoutParameter = new TreeSet<>();
        for (OptionSpec option : spec.options()) {
            List<String> names = List.of(option.names());
            cliNames.addAll(names);
            boolean exempt = names.stream().anyMatch(name -> exempt(CLI_ONLY, command, name));
            if (!exempt && names.stream().noneMatch(expected::contains)) {
                withoutParameter.add(option.longestName());
            }
        }
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            cliNames.add(positional.paramLabel());
            if (!expected.contains(positional.paramLabel())) {
                withoutParameter.add(positional.paramLabel());
            }
        }
        Set<String> withoutOption = new TreeSet<>(expected);
        withoutOption.removeAll(cliNames);

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(withoutOption).as("parameters of " + function + " without an option of secmlops " + command)
                .isEmpty();
        softly.assertThat(withoutParameter).as("options of secmlops " + command + " without a parameter of "
                + function).isEmpty();
        softly.assertAll();
    }

    /** The CLI name of a step parameter: its option, or {@code PATH} for the positional model path. */
    private static String cliName(String function, String parameter) {
        if (parameter.equals("path")) {
            return "PATH";
        }
        return RENAMED.getOrDefault(function + "." + parameter, option(parameter));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void theExceptionsShouldNameRealParametersAndOptions(String command) throws Exception {
        Class<? extends GateStep> step = STEPS.get(command);
        String function = (String) step.getDeclaredField("FUNCTION_NAME").get(null);
        CommandSpec spec = new CommandLine(new SecMLOpsCli()).getSubcommands().get(command).getCommandSpec();
        Set<String> options = new TreeSet<>();
        spec.options().forEach(option -> options.add(option.longestName()));

        assertThat(parameters(step)).containsAll(JENKINS_ONLY.get("*").keySet())
                .containsAll(JENKINS_ONLY.getOrDefault(function, Map.of()).keySet());
        assertThat(options).containsAll(CLI_ONLY.get("*").keySet())
                .containsAll(CLI_ONLY.getOrDefault(command, Map.of()).keySet());
    }

    private static boolean exempt(Map<String, Map<String, String>> table, String owner, String name) {
        return table.get("*").containsKey(name) || table.getOrDefault(owner, Map.of()).containsKey(name);
    }

    /** {@code labelColumn} as {@code --label-column}. */
    private static String option(String parameter) {
        return "--" + parameter.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The {@code @DataBoundConstructor} parameters and {@code @DataBoundSetter} properties, inherited ones too. */
    static Set<String> parameters(Class<?> step) {
        Set<String> names = new TreeSet<>();
        for (Constructor<?> constructor : step.getConstructors()) {
            if (constructor.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter parameter : constructor.getParameters()) {
                    assertThat(parameter.isNamePresent()).as("compiled with -parameters").isTrue();
                    names.add(parameter.getName());
                }
            }
        }
        for (Class<?> type = step; type != null; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(DataBoundSetter.class) && method.getName().startsWith("set")) {
                    String property = method.getName().substring(3);
                    names.add(Character.toLowerCase(property.charAt(0)) + property.substring(1));
                }
            }
        }
        return names;
    }
}
