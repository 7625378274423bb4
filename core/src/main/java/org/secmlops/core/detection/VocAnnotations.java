package org.secmlops.core.detection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.secmlops.core.data.DatasetException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads a folder of Pascal VOC annotation files ({@code *.xml}, in name order): each names its image
 * ({@code filename}) and its objects ({@code object} with {@code name} and {@code bndbox} of {@code xmin},
 * {@code ymin}, {@code xmax}, {@code ymax} in pixels). Images are looked up in the given folder, else the XML
 * folder's sibling {@code JPEGImages}, else the XML folder. Class {@code i} is the {@code i}-th given class name, or
 * the {@code i}-th object name in sorted order. DTDs are refused.
 */
final class VocAnnotations {
    private VocAnnotations() {
    }

    static AnnotatedImageSource open(Path folder, Path imageFolder, List<String> givenNames, int[] size,
            boolean letterbox) throws DatasetException {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new DatasetException("Cannot list " + folder + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new DatasetException(folder + " holds no Pascal VOC annotation files (*.xml)");
        }
        Path images = imageFolder != null ? imageFolder
                : Files.isDirectory(folder.toAbsolutePath().resolveSibling("JPEGImages"))
                ? folder.toAbsolutePath().resolveSibling("JPEGImages") : folder;
        DocumentBuilder parser = parser();
        record Parsed(String file, List<Map.Entry<String, float[]>> objects) {
        }
        List<Parsed> parsed = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        for (Path xml : files) {
            Document doc;
            try {
                doc = parser.parse(xml.toFile());
            } catch (SAXException | IOException e) {
                throw new DatasetException(xml.getFileName() + " is not a readable VOC annotation: " + e.getMessage(), e);
            }
            String filename = text(doc.getDocumentElement(), "filename");
            if (filename.isEmpty()) {
                throw new DatasetException(xml.getFileName() + " names no image (<filename>)");
            }
            List<Map.Entry<String, float[]>> objects = new ArrayList<>();
            NodeList nodes = doc.getDocumentElement().getElementsByTagName("object");
            for (int i = 0; i < nodes.getLength(); i++) {
                Element object = (Element) nodes.item(i);
                String name = text(object, "name");
                NodeList boxes = object.getElementsByTagName("bndbox");
                if (name.isEmpty() || boxes.getLength() == 0) {
                    throw new DatasetException(xml.getFileName() + ": object " + (i + 1) + " needs a <name> and a"
                            + " <bndbox>");
                }
                Element box = (Element) boxes.item(0);
                float[] corners = new float[4];
                String[] tags = {"xmin", "ymin", "xmax", "ymax"};
                for (int t = 0; t < 4; t++) {
                    try {
                        corners[t] = Float.parseFloat(text(box, tags[t]));
                    } catch (NumberFormatException e) {
                        throw new DatasetException(xml.getFileName() + ": object " + (i + 1) + " has no number in <"
                                + tags[t] + ">", e);
                    }
                }
                if (corners[2] < corners[0] || corners[3] < corners[1]) {
                    throw new DatasetException(xml.getFileName() + ": object " + (i + 1) + " has xmax < xmin or"
                            + " ymax < ymin");
                }
                objects.add(Map.entry(name, corners));
                seen.add(name);
            }
            parsed.add(new Parsed(filename, objects));
        }
        List<String> names = givenNames.isEmpty() ? List.copyOf(seen) : givenNames;
        List<AnnotatedImage> result = new ArrayList<>();
        for (Parsed p : parsed) {
            List<Box> boxes = new ArrayList<>();
            for (Map.Entry<String, float[]> o : p.objects()) {
                int label = names.indexOf(o.getKey());
                if (label < 0) {
                    throw new DatasetException(p.file() + ": object class '" + o.getKey() + "' is not among the class"
                            + " names " + names);
                }
                float[] c = o.getValue();
                boxes.add(Box.truth(c[0], c[1], c[2], c[3], label));
            }
            result.add(new AnnotatedImage(p.file(), images.resolve(p.file()), boxes));
        }
        return new AnnotatedImageSource("Pascal VOC " + folder, result, names, size, letterbox);
    }

    private static DocumentBuilder parser() throws DatasetException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new DatasetException("No safe XML parser: " + e.getMessage(), e);
        }
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }
}
