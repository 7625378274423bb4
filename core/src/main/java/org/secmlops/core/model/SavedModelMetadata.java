package org.secmlops.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.proto.FingerprintDef;

/**
 * What a SavedModel folder says about the model besides its graph, read where present: the Keras model's name and
 * Keras version from {@code keras_metadata.pb} (the root object's JSON metadata) and the checksum from
 * {@code fingerprint.pb}. Absent or unreadable files leave their fields {@code null}; loading never depends on them.
 *
 * @param kerasName    the Keras model's name, or {@code null}
 * @param kerasVersion the Keras version that saved it, or {@code null}
 * @param checksum     the fingerprint's {@code saved_model_checksum}, or {@code null}
 * @param problems     why a present file could not be read
 */
record SavedModelMetadata(String kerasName, String kerasVersion, Long checksum, List<String> problems) {
    private static final String KERAS = "keras_metadata.pb";
    private static final String FINGERPRINT = "fingerprint.pb";

    SavedModelMetadata {
        problems = List.copyOf(problems);
    }

    static SavedModelMetadata read(Path dir) {
        List<String> problems = new ArrayList<>();
        String name = null;
        String version = null;
        Path keras = dir.resolve(KERAS);
        if (Files.isRegularFile(keras)) {
            try {
                JsonNode root = kerasRoot(Files.readAllBytes(keras));
                if (root != null) {
                    name = text(root, "name");
                    version = text(root, "keras_version");
                }
            } catch (IOException | RuntimeException e) {
                problems.add(KERAS + ": " + e.getMessage());
            }
        }
        Long checksum = null;
        Path fingerprint = dir.resolve(FINGERPRINT);
        if (Files.isRegularFile(fingerprint)) {
            try {
                checksum = FingerprintDef.parseFrom(Files.readAllBytes(fingerprint)).getSavedModelChecksum();
            } catch (IOException e) {
                problems.add(FINGERPRINT + ": " + e.getMessage());
            }
        }
        return new SavedModelMetadata(name, version, checksum, problems);
    }

    /** The JSON of the object at node path {@code root}: {@code SavedMetadata.nodes(1) → SavedObject} fields 2, 5. */
    private static JsonNode kerasRoot(byte[] data) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(data);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag != ((1 << 3) | 2)) {
                in.skipField(tag);
                continue;
            }
            CodedInputStream node = CodedInputStream.newInstance(in.readByteArray());
            String path = null;
            String json = null;
            for (int field = node.readTag(); field != 0; field = node.readTag()) {
                switch (field) {
                    case (2 << 3) | 2 -> path = node.readStringRequireUtf8();
                    case (5 << 3) | 2 -> json = node.readStringRequireUtf8();
                    default -> node.skipField(field);
                }
            }
            if ("root".equals(path) && json != null) {
                return new ObjectMapper().readTree(json);
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    /** E.g. {@code Keras model 'digits_mlp' (Keras 2.15.0), fingerprint checksum 1589844661}; empty when none. */
    String describe() {
        List<String> parts = new ArrayList<>();
        if (kerasName != null) {
            parts.add("Keras model '" + kerasName + "'" + (kerasVersion == null ? "" : " (Keras " + kerasVersion + ")"));
        }
        if (checksum != null) {
            parts.add("fingerprint checksum " + Long.toUnsignedString(checksum));
        }
        for (String problem : problems) {
            parts.add("unreadable " + problem);
        }
        return String.join(", ", parts);
    }
}
