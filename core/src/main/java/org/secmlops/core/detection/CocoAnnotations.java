package org.secmlops.core.detection;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.result.Json;

/**
 * Reads COCO object-detection annotations: {@code images} ({@code id}, {@code file_name} relative to the JSON's
 * folder), {@code annotations} ({@code image_id}, {@code category_id}, {@code bbox} as {@code [x, y, width, height]}
 * in pixels; {@code iscrowd: 1} regions are skipped) and {@code categories} ({@code id}, {@code name}). Class
 * {@code i} of the model is the {@code i}-th category in order of id.
 */
final class CocoAnnotations {
    private CocoAnnotations() {
    }

    static AnnotatedImageSource open(Path json, int[] size, boolean letterbox) throws DatasetException {
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.newBufferedReader(json));
        } catch (IOException e) {
            throw new DatasetException("Cannot read COCO annotations " + json + ": " + e.getMessage(), e);
        }
        if (root == null || !root.path("images").isArray() || !root.path("categories").isArray()) {
            throw new DatasetException(json + " is not COCO annotations: it needs the arrays 'images' and"
                    + " 'categories' (and 'annotations')");
        }
        List<JsonNode> categories = new ArrayList<>();
        root.path("categories").forEach(categories::add);
        categories.sort(Comparator.comparingLong(c -> c.path("id").asLong()));
        Map<Long, Integer> classOf = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (JsonNode c : categories) {
            if (!c.path("id").canConvertToLong()) {
                throw new DatasetException(json + ": a category has no numeric id: " + c);
            }
            classOf.put(c.path("id").asLong(), names.size());
            names.add(c.path("name").asText("class " + names.size()));
        }
        Map<Long, String> fileOf = new LinkedHashMap<>();
        for (JsonNode image : root.path("images")) {
            if (!image.path("id").canConvertToLong() || !image.path("file_name").isTextual()) {
                throw new DatasetException(json + ": an image needs a numeric 'id' and a 'file_name': " + image);
            }
            fileOf.put(image.path("id").asLong(), image.path("file_name").asText());
        }
        Map<Long, List<Box>> boxesOf = new HashMap<>();
        for (JsonNode a : root.path("annotations")) {
            long imageId = a.path("image_id").asLong(-1);
            if (!fileOf.containsKey(imageId)) {
                throw new DatasetException(json + ": annotation " + a.path("id") + " names image " + a.path("image_id")
                        + ", which is not in 'images'");
            }
            Integer label = classOf.get(a.path("category_id").asLong(Long.MIN_VALUE));
            if (label == null) {
                throw new DatasetException(json + ": annotation " + a.path("id") + " names category "
                        + a.path("category_id") + ", which is not in 'categories'");
            }
            if (a.path("iscrowd").asInt(0) == 1) {
                continue;
            }
            JsonNode bbox = a.path("bbox");
            if (!bbox.isArray() || bbox.size() != 4 || !bbox.get(2).isNumber() || bbox.get(2).asDouble() < 0
                    || bbox.get(3).asDouble() < 0) {
                throw new DatasetException(json + ": annotation " + a.path("id") + " has no bbox [x, y, width, height]"
                        + " with a non-negative size: " + bbox);
            }
            float x = (float) bbox.get(0).asDouble();
            float y = (float) bbox.get(1).asDouble();
            boxesOf.computeIfAbsent(imageId, k -> new ArrayList<>()).add(Box.truth(x, y,
                    x + (float) bbox.get(2).asDouble(), y + (float) bbox.get(3).asDouble(), label));
        }
        if (fileOf.isEmpty()) {
            throw new DatasetException(json + " lists no images");
        }
        Path folder = json.toAbsolutePath().getParent();
        List<AnnotatedImage> images = new ArrayList<>();
        for (Map.Entry<Long, String> e : fileOf.entrySet()) {
            images.add(new AnnotatedImage(e.getValue(), folder.resolve(e.getValue()),
                    boxesOf.getOrDefault(e.getKey(), List.of())));
        }
        return new AnnotatedImageSource("COCO " + json, images, names, size, letterbox);
    }
}
