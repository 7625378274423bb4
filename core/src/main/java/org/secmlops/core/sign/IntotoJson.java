package org.secmlops.core.sign;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a statement the way the reference implementation's payloads look: two-space indentation,
 * {@code "key": value}, one array element per line, {@code []} and {@code {}} when empty, no final newline.
 * The layout is not signed-over semantics (verifiers parse the payload), but identical-looking payloads
 * make bundles easy to compare.
 */
final class IntotoJson {
    private IntotoJson() {
    }

    static byte[] write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, 0, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonNode node, int indent, StringBuilder out) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                pad(indent + 2, out);
                string(field.getKey(), out);
                out.append(": ");
                write(field.getValue(), indent + 2, out);
                out.append(fields.hasNext() ? ",\n" : "\n");
            }
            pad(indent, out);
            out.append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                pad(indent + 2, out);
                write(node.get(i), indent + 2, out);
                out.append(i + 1 < node.size() ? ",\n" : "\n");
            }
            pad(indent, out);
            out.append(']');
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else if (node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else {
            // Numbers and booleans: integers as integers, as the OMS schema requires of shard_size.
            out.append(node.asText());
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, out);
        out.append('"');
    }

    private static void pad(int indent, StringBuilder out) {
        out.append(" ".repeat(indent));
    }
}
