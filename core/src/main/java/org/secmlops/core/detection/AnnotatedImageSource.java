package org.secmlops.core.detection;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.secmlops.core.data.DatasetException;

/** The images of parsed annotations, read and fitted one batch at a time. */
final class AnnotatedImageSource implements DetectionSource {
    private final String description;
    private final List<AnnotatedImage> images;
    private final List<String> classNames;
    private final int[] size;
    private final boolean letterbox;
    private ImageFit fit;
    private int index;

    AnnotatedImageSource(String format, List<AnnotatedImage> images, List<String> classNames, int[] size,
            boolean letterbox) {
        this.images = List.copyOf(images);
        this.classNames = List.copyOf(classNames);
        this.size = size;
        this.letterbox = letterbox;
        long boxes = images.stream().mapToLong(i -> i.boxes().size()).sum();
        this.description = format + " (" + images.size() + " images, " + boxes + " boxes, " + classNames.size()
                + (classNames.size() == 1 ? " class" : " classes")
                + (size == null ? "" : ", fitted to " + size[0] + "x" + size[1] + (letterbox ? " letterboxed" : ""))
                + ")";
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public int[] sampleShape() throws DatasetException {
        if (fit == null) {
            BufferedImage first = read(images.get(0));
            fit = size == null ? new ImageFit(first.getWidth(), first.getHeight(), false)
                    : new ImageFit(size[0], size[1], letterbox);
        }
        return new int[] {fit.height(), fit.width(), 3};
    }

    @Override
    public List<DetectionSample> next(int max) throws DatasetException {
        List<DetectionSample> batch = new ArrayList<>();
        while (batch.size() < max && index < images.size()) {
            AnnotatedImage image = images.get(index++);
            BufferedImage read = read(image);
            if (fit == null) {
                fit = size == null ? new ImageFit(read.getWidth(), read.getHeight(), false)
                        : new ImageFit(size[0], size[1], letterbox);
            } else if (size == null && (read.getWidth() != fit.width() || read.getHeight() != fit.height())) {
                throw new DatasetException(image.id() + " is " + read.getWidth() + "x" + read.getHeight()
                        + ", earlier images are " + fit.width() + "x" + fit.height()
                        + "; declare an image size to fit them");
            }
            batch.add(fit.apply(image.id(), read, image.boxes()));
        }
        return batch;
    }

    private static BufferedImage read(AnnotatedImage image) throws DatasetException {
        try {
            BufferedImage read = ImageIO.read(image.file().toFile());
            if (read == null) {
                throw new DatasetException(image.id() + " (" + image.file() + ") is not a readable image");
            }
            return read;
        } catch (IOException e) {
            throw new DatasetException("Cannot read image " + image.id() + " (" + image.file() + "): "
                    + e.getMessage(), e);
        }
    }
}
