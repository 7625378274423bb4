package org.secmlops.core.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A folder of class folders of images ({@code root/CLASS/image.png}; PNG, JPEG, BMP, GIF). Classes are the folder
 * names: when all are whole numbers they are the labels, otherwise the labels are their indices in name order.
 * Images are resized (bilinear) to the declared size, or must all have the first image's size; pixels are
 * 0..255, RGB or gray.
 */
public final class ImageFolderSource implements SampleSource {
    private final Path root;
    private final List<Path> files;
    private final int[] labels;
    private final List<String> classes;
    private final int width;
    private final int height;
    private final int channels;
    private final boolean resize;
    private int index;

    private ImageFolderSource(Path root, List<Path> files, int[] labels, List<String> classes, int width, int height,
                              int channels, boolean resize) {
        this.resize = resize;
        this.root = root;
        this.files = files;
        this.labels = labels;
        this.classes = classes;
        this.width = width;
        this.height = height;
        this.channels = channels;
    }

    /**
     * @param size     {@code {width, height}} to resize to, or {@code null} for the first image's size
     * @param channels 3 for RGB, 1 for gray
     */
    static ImageFolderSource open(Path root, int[] size, int channels) throws DatasetException {
        if (channels != 1 && channels != 3) {
            throw new DatasetException("Images have 1 (gray) or 3 (RGB) channels, not " + channels);
        }
        List<String> classes = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> classOf = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(classes::add);
            for (int c = 0; c < classes.size(); c++) {
                try (Stream<Path> images = Files.list(root.resolve(classes.get(c)))) {
                    for (Path image : images.filter(ImageFolderSource::isImage).filter(Files::isRegularFile).sorted()
                            .toList()) {
                        files.add(image);
                        classOf.add(c);
                    }
                }
            }
        } catch (IOException e) {
            throw new DatasetException("Cannot list image folder " + root + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new DatasetException(root + " holds no images in class folders (root/CLASS/image.png)");
        }
        boolean numeric = classes.stream().allMatch(name -> name.matches("\\d{1,9}"));
        int[] labels = classOf.stream().mapToInt(c -> numeric ? Integer.parseInt(classes.get(c)) : c).toArray();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= Datasets.MAX_CLASSES) {
                throw new DatasetException(root + ": class folder " + classes.get(classOf.get(i)) + " is above the"
                        + " largest class index " + (Datasets.MAX_CLASSES - 1) + " (at most " + Datasets.MAX_CLASSES
                        + " classes)");
            }
        }
        int[] dims = size;
        if (dims == null) {
            BufferedImage first = read(files.get(0), root);
            dims = new int[] {first.getWidth(), first.getHeight()};
        }
        Values.requireSampleSize(new int[] {dims[1], dims[0], channels}, "image folder " + root);
        return new ImageFolderSource(root, files, labels, classes, dims[0], dims[1], channels, size != null);
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg")
                || name.endsWith(".bmp") || name.endsWith(".gif"));
    }

    private static BufferedImage read(Path file, Path root) throws DatasetException {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new DatasetException(root.relativize(file) + " is not a readable image");
            }
            return image;
        } catch (IOException e) {
            throw new DatasetException("Cannot read image " + root.relativize(file) + ": " + e.getMessage(), e);
        }
    }

    /**
     * One image file read as this folder's images are: its pixels (0..255, height × width × channels), resized to
     * their size where the folder was opened with an image size.
     *
     * @param name how messages name the file
     * @throws DatasetException when the file is not a readable image or, without resizing, has another size
     */
    public float[] readImage(Path file, String name) throws DatasetException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new DatasetException("Cannot read image " + name + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw new DatasetException(name + " is not a readable image");
        }
        return pixels(fit(image, name));
    }

    /** The class folder names in label order. */
    List<String> classes() {
        return List.copyOf(classes);
    }

    @Override
    public String description() {
        return "images " + root + " (" + files.size() + " images, " + classes.size() + " classes, " + width + "x"
                + height + "x" + channels + ")";
    }

    @Override
    public int[] sampleShape() {
        return new int[] {height, width, channels};
    }

    @Override
    public boolean eightBit() {
        return true;
    }

    @Override
    public Batch next(int max) throws DatasetException {
        int n = Math.min(max, files.size() - index);
        if (n <= 0) {
            return null;
        }
        List<String> ids = new ArrayList<>(n);
        float[][] rows = new float[n][];
        int[] y = Arrays.copyOfRange(labels, index, index + n);
        for (int i = 0; i < n; i++, index++) {
            Path file = files.get(index);
            String id = root.relativize(file).toString().replace('\\', '/');
            rows[i] = pixels(fit(read(file, root), id));
            ids.add(id);
        }
        return new Batch(ids, rows, y);
    }

    private BufferedImage fit(BufferedImage image, String id) throws DatasetException {
        if (image.getWidth() == width && image.getHeight() == height) {
            return image;
        }
        if (!resize) {
            throw new DatasetException(id + " is " + image.getWidth() + "x" + image.getHeight() + ", other images are "
                    + width + "x" + height + "; declare an image size to resize");
        }
        BufferedImage resized = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = resized.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return resized;
    }

    private float[] pixels(BufferedImage image) {
        float[] out = new float[width * height * channels];
        int k = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (channels == 1) {
                    out[k++] = Math.round(0.299f * r + 0.587f * g + 0.114f * b);
                } else {
                    out[k++] = r;
                    out[k++] = g;
                    out[k++] = b;
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        // nothing held open between batches
    }
}
