package org.secmlops.core.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.secmlops.core.capability.scan.Severity;

/**
 * Walks a Keras model configuration (the {@code config.json} of a {@code .keras} archive, a
 * {@code model.to_json()} file, the {@code model_config} of an {@code .h5} file or the JSON of
 * {@code keras_metadata.pb}) and reports Lambda layers, denied layer classes, custom objects from
 * outside Keras, and function references the pickle policy denies.
 */
final class KerasConfigScanner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DEPTH = 200;
    private static final byte[] CLASS_NAME = "\"class_name\"".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern LAMBDA_TEXT = Pattern.compile("\"class_name\"\\s*:\\s*\"Lambda\"");

    private final ScanPolicy policy;
    private final FindingSink sink;

    KerasConfigScanner(ScanPolicy policy, FindingSink sink) {
        this.policy = policy;
        this.sink = sink;
    }

    void scanConfig(byte[] json, String file) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            sink.unparseable(file, "", "not valid JSON: " + e.getOriginalMessage());
            return;
        } catch (java.io.IOException e) {
            sink.unparseable(file, "", "cannot read the JSON: " + e.getMessage());
            return;
        }
        if (root != null) {
            walk(root, "", file, 0);
        }
    }

    /** Scans one JSON document held in a string; text that is not JSON is ignored. */
    void scanJsonText(String text, String file, String location) {
        try {
            JsonNode root = JSON.readTree(text);
            if (root != null) {
                walk(root, location, file, 0);
            }
        } catch (JsonProcessingException e) {
            // metadata that is not JSON holds no layer configuration
        }
    }

    /** Best effort for HDF5: finds the {@code model_config} JSON text among the file's first bytes. */
    void scanHdf5(byte[] head, String file) {
        boolean parsedAny = false;
        int from = 0;
        while (true) {
            int key = indexOf(head, CLASS_NAME, from);
            if (key < 0) {
                break;
            }
            int start = textRunStart(head, key);
            int end = start < 0 ? -1 : jsonEnd(head, start);
            if (end <= key) {
                from = key + CLASS_NAME.length;
                continue;
            }
            try {
                JsonNode root = JSON.readTree(new String(head, start, end - start, StandardCharsets.UTF_8));
                walk(root, "model_config ", file, 0);
                parsedAny = true;
            } catch (JsonProcessingException e) {
                // not a configuration after all: keep looking
            }
            from = end;
        }
        if (!parsedAny) {
            Matcher m = LAMBDA_TEXT.matcher(new String(head, StandardCharsets.ISO_8859_1));
            if (m.find()) {
                sink.add(file, "byte offset " + m.start(), severityOf("Lambda"), Rules.KERAS_LAMBDA_LAYER,
                        "the HDF5 file mentions a Keras Lambda layer whose configuration could not be read; a Lambda"
                                + " layer holds Python code that runs when the model is loaded or called");
            }
        }
    }

    private Severity severityOf(String className) {
        ScanPolicy.Decision d = policy.kerasLayer(className);
        return d == null || d.allowed() ? Severity.LOW : d.severity();
    }

    private void walk(JsonNode node, String path, String file, int depth) {
        if (depth > MAX_DEPTH) {
            sink.unparseable(file, path, "Keras configuration nested deeper than " + MAX_DEPTH + " levels");
            return;
        }
        if (node.isObject()) {
            JsonNode className = node.get("class_name");
            if (className != null && className.isTextual()) {
                checkObject(node, className.asText(), path.isEmpty() ? "config" : path.trim(), file);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode child = field.getValue();
                if (field.getKey().equals("layers") && child.isArray()) {
                    for (int i = 0; i < child.size(); i++) {
                        walk(child.get(i), join(path, "layers[" + i + "]"), file, depth + 1);
                    }
                } else if (child.isContainerNode()) {
                    walk(child, path, file, depth + 1);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                if (child.isContainerNode()) {
                    walk(child, path, file, depth + 1);
                }
            }
        }
    }

    private static String join(String path, String part) {
        if (path.isEmpty()) {
            return part;
        }
        return path.endsWith(" ") ? path + part : path + "." + part;
    }

    private void checkObject(JsonNode node, String className, String location, String file) {
        JsonNode config = node.get("config");
        String name = config != null && config.isObject() && config.path("name").isTextual()
                ? config.path("name").asText() : null;
        String shownName = name == null ? "" : " '" + Text.quote(name) + "'";
        String module = node.path("module").isTextual() ? node.path("module").asText() : null;
        String registered = node.path("registered_name").isTextual() ? node.path("registered_name").asText() : null;

        if ("function".equals(className) && module != null && config != null && config.isTextual()) {
            ScanPolicy.Decision d = policy.pickleGlobal(module, config.asText());
            if (d != null && !d.allowed()) {
                sink.add(file, location, d.severity(), Rules.KERAS_DANGEROUS_LAYER, "the Keras configuration refers to"
                        + " the function " + Text.quote(module + "." + config.asText()) + ", which " + d.reason()
                        + "; it is called when the model is loaded or run");
                return;
            }
        }
        ScanPolicy.Decision d = policy.kerasLayer(className);
        if (d != null && d.allowed()) {
            return;
        }
        if (d != null) {
            boolean lambda = className.equals("Lambda");
            String code = lambda && hasBytecode(config)
                    ? " It carries serialized Python bytecode, which runs as soon as the layer is rebuilt." : "";
            sink.add(file, location, d.severity(), lambda ? Rules.KERAS_LAMBDA_LAYER : Rules.KERAS_DANGEROUS_LAYER,
                    "Keras " + Text.quote(className) + " layer" + shownName + " " + d.reason() + "." + code);
            return;
        }
        boolean outsideKeras = module != null && !isKerasModule(module);
        boolean customRegistered = registered != null && registered.contains(">");
        if (outsideKeras || customRegistered) {
            String qualified = (module != null ? module : "") + (module != null ? "." : "") + className;
            ScanPolicy.Decision allowed = policy.kerasQualified(qualified);
            if (allowed == null && registered != null) {
                allowed = policy.kerasLayer(registered);
            }
            if (allowed != null && allowed.allowed()) {
                return;
            }
            sink.add(file, location, Severity.MEDIUM, Rules.KERAS_CUSTOM_OBJECT, "Keras object " + Text.quote(className)
                    + shownName + " comes from " + (outsideKeras ? "module '" + Text.quote(module) + "'"
                    : "the custom registration '" + Text.quote(registered) + "'")
                    + ", outside Keras; loading the model imports and runs that code");
        }
    }

    private static boolean isKerasModule(String module) {
        for (String prefix : new String[] {"keras", "tf_keras", "tensorflow.keras", "keras_nlp", "keras_hub",
            "keras_cv"}) {
            if (module.equals(prefix) || module.startsWith(prefix + ".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasBytecode(JsonNode config) {
        if (config == null) {
            return false;
        }
        JsonNode function = config.get("function");
        if (function == null) {
            return false;
        }
        if (function.isObject()) {
            return "__lambda__".equals(function.path("class_name").asText()) || function.path("config").has("code");
        }
        return "lambda".equals(config.path("function_type").asText());
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** @return the first '{' of the run of text holding {@code index}, or -1 */
    private static int textRunStart(byte[] data, int index) {
        int i = index;
        while (i > 0) {
            int b = data[i - 1] & 0xff;
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t') {
                break;
            }
            i--;
        }
        for (int j = i; j < index; j++) {
            if (data[j] == '{') {
                return j;
            }
        }
        return -1;
    }

    /** @return the index after the JSON object starting at {@code start}, or -1 when it does not close */
    private static int jsonEnd(byte[] data, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < data.length; i++) {
            byte b = data[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                if (--depth == 0) {
                    return i + 1;
                }
            } else if (b == 0) {
                return -1;
            }
        }
        return -1;
    }
}
