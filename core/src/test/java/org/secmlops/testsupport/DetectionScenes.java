package org.secmlops.testsupport;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.secmlops.core.detection.Box;

/**
 * Test images for the tiny detector of {@code make_tiny_detector.py} beside it: 48 x 32 dark images
 * (25) with bright (250) 8 x 8 squares on the detector's grid cells, as COCO JSON and as Pascal VOC XML, and the
 * detector's fixtures.
 */
public final class DetectionScenes {
    /** Per image the grid cells (row, column) holding a bright square. */
    public static final int[][][] CELLS = {{{0, 0}, {2, 3}}, {{1, 1}}, {{3, 5}, {0, 4}}, {{2, 2}}};
    public static final int WIDTH = 48;
    public static final int HEIGHT = 32;

    private DetectionScenes() {
    }

    public static void writeImages(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (int i = 0; i < CELLS.length; i++) {
            BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    image.setRGB(x, y, gray(25));
                }
            }
            for (int[] cell : CELLS[i]) {
                for (int y = 8 * cell[0]; y < 8 * cell[0] + 8; y++) {
                    for (int x = 8 * cell[1]; x < 8 * cell[1] + 8; x++) {
                        image.setRGB(x, y, gray(250));
                    }
                }
            }
            ImageIO.write(image, "png", folder.resolve(name(i)).toFile());
        }
    }

    /** Copies {@code tiny-detector.pt} or {@code tiny-detector.onnx} into {@code dir}. */
    public static Path tinyDetector(Path dir, String name) throws IOException {
        Path target = dir.resolve(name);
        Files.createDirectories(dir);
        try (java.io.InputStream in = DetectionScenes.class.getResourceAsStream("/org/secmlops/testsupport/"
                + name)) {
            if (in == null) {
                throw new IOException("no fixture " + name);
            }
            Files.copy(in, target);
        }
        return target;
    }

    public static String name(int i) {
        return "frame" + i + ".png";
    }

    /** COCO annotations next to an {@code images/} folder; returns the JSON file. */
    public static Path coco(Path dir) throws IOException {
        writeImages(dir.resolve("images"));
        StringBuilder images = new StringBuilder();
        StringBuilder annotations = new StringBuilder();
        int id = 1;
        for (int i = 0; i < CELLS.length; i++) {
            images.append(i == 0 ? "" : ",").append("{\"id\":").append(i + 10).append(",\"file_name\":\"images/")
                    .append(name(i)).append("\",\"width\":48,\"height\":32}");
            for (int[] cell : CELLS[i]) {
                annotations.append(id == 1 ? "" : ",").append("{\"id\":").append(id++).append(",\"image_id\":")
                        .append(i + 10).append(",\"category_id\":1,\"bbox\":[").append(8 * cell[1]).append(',')
                        .append(8 * cell[0]).append(",8,8],\"iscrowd\":0}");
            }
        }
        Path json = dir.resolve("annotations.json");
        Files.writeString(json, "{\"images\":[" + images + "],\"annotations\":[" + annotations
                + "],\"categories\":[{\"id\":1,\"name\":\"person\"}]}");
        return json;
    }

    /** VOC layout: {@code Annotations/} and {@code JPEGImages/}; returns the annotation folder. */
    public static Path voc(Path dir) throws IOException {
        writeImages(dir.resolve("JPEGImages"));
        Path annotations = Files.createDirectories(dir.resolve("Annotations"));
        for (int i = 0; i < CELLS.length; i++) {
            StringBuilder xml = new StringBuilder("<annotation><filename>").append(name(i))
                    .append("</filename><size><width>48</width><height>32</height><depth>3</depth></size>");
            for (int[] cell : CELLS[i]) {
                xml.append("<object><name>person</name><difficult>0</difficult><bndbox><xmin>").append(8 * cell[1])
                        .append("</xmin><ymin>").append(8 * cell[0]).append("</ymin><xmax>").append(8 * cell[1] + 8)
                        .append("</xmax><ymax>").append(8 * cell[0] + 8).append("</ymax></bndbox></object>");
            }
            Files.writeString(annotations.resolve("frame" + i + ".xml"), xml.append("</annotation>").toString());
        }
        return annotations;
    }

    public static List<Box> truths(int i) {
        return java.util.Arrays.stream(CELLS[i]).map(c -> Box.truth(8 * c[1], 8 * c[0], 8 * c[1] + 8, 8 * c[0] + 8, 0))
                .toList();
    }

    private static int gray(int v) {
        return (v << 16) | (v << 8) | v;
    }
}
