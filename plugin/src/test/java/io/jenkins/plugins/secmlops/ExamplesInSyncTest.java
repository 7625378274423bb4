package io.jenkins.plugins.secmlops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** The example pipelines in docs/examples and the README use only parameters the steps really have. */
class ExamplesInSyncTest {
    private static final Map<String, Class<?>> STEPS = Map.of(ScanModelStep.FUNCTION_NAME, ScanModelStep.class,
            SignModelStep.FUNCTION_NAME, SignModelStep.class, VerifyModelStep.FUNCTION_NAME, VerifyModelStep.class,
            EvaluateModelStep.FUNCTION_NAME, EvaluateModelStep.class,
            EvaluateRobustnessStep.FUNCTION_NAME, EvaluateRobustnessStep.class,
            CheckTrainingDataStep.FUNCTION_NAME, CheckTrainingDataStep.class,
            MonitorModelStep.FUNCTION_NAME, MonitorModelStep.class,
            MergeSecMLOpsResultsStep.FUNCTION_NAME, MergeSecMLOpsResultsStep.class,
            EvaluateDetectorStep.FUNCTION_NAME, EvaluateDetectorStep.class);
    private static final Path ROOT = Path.of("..");
    private static final Pattern KEY = Pattern.compile("\\b(\\w+)\\s*:");
    private static final Pattern GATE = Pattern.compile("\\[([^\\[\\]]*)\\]");

    @Test
    void everyStepCallInTheExamplesShouldUseRealParameters() throws IOException {
        List<String> calls = stepCalls();
        Set<String> used = new HashSet<>();

        for (String call : calls) {
            String function = call.substring(0, call.indexOf(' '));
            used.add(function);
            String arguments = call.substring(function.length());
            Matcher gates = GATE.matcher(arguments);
            while (gates.find()) {
                assertThat(keys(gates.group(1))).as("gate in " + call).isSubsetOf(parameters(QualityGateConfig.class));
            }
            String topLevel = arguments.replaceAll("\\[\\[.*\\]\\]", "[]");
            assertThat(keys(topLevel)).as(call).isSubsetOf(parameters(STEPS.get(function)))
                    .containsAll(required(STEPS.get(function)));
        }
        assertThat(used).as("every step has an example").isEqualTo(STEPS.keySet());
    }

    private static List<String> stepCalls() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> examples = Files.list(ROOT.resolve("docs/examples"))) {
            examples.filter(path -> path.getFileName().toString().startsWith("Jenkinsfile")).forEach(files::add);
        }
        files.add(ROOT.resolve("README.md"));
        List<String> calls = new ArrayList<>();
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.trim();
                for (String function : STEPS.keySet()) {
                    if (trimmed.startsWith(function + " ")) {
                        calls.add(trimmed);
                    }
                }
            }
        }
        assertThat(calls).isNotEmpty();
        return calls;
    }

    private static Set<String> keys(String arguments) {
        Set<String> keys = new HashSet<>();
        Matcher matcher = KEY.matcher(arguments.replaceAll("'[^']*'", "''"));
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        return keys;
    }

    static Set<String> parameters(Class<?> type) {
        Set<String> names = new HashSet<>(required(type));
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(DataBoundSetter.class) && method.getName().startsWith("set")) {
                    String name = method.getName().substring(3);
                    names.add(Character.toLowerCase(name.charAt(0)) + name.substring(1));
                }
            }
        }
        return names;
    }

    static Set<String> required(Class<?> type) {
        Set<String> names = new HashSet<>();
        for (Constructor<?> constructor : type.getConstructors()) {
            if (constructor.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter parameter : constructor.getParameters()) {
                    assertThat(parameter.isNamePresent()).as("compiled with -parameters").isTrue();
                    names.add(parameter.getName());
                }
            }
        }
        return names;
    }
}
