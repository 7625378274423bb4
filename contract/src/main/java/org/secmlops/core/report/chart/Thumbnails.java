package org.secmlops.core.report.chart;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Small PNG pictures of image samples as {@code data:} URIs, for the reports. A sample is an image when its raw shape
 * is {@code [H, W]} or {@code [H, W, C]} with 1 or 3 channels and it has at most 256×256 pixels. 8-bit samples keep
 * their values; others are stretched from their own minimum to maximum.
 */
public final class Thumbnails {
    /** What every picture starts with. */
    public static final String PREFIX = "data:image/png;base64,";
    private static final int MAX_SIDE = 256;
    private static final Pattern PNG_DATA_URI = Pattern.compile("data:image/png;base64,[A-Za-z0-9+/]+={0,2}");

    private Thumbnails() {
    }

    /** Whether a sample of this raw shape is an image small enough to be shown whole. */
    public static boolean isImage(int[] shape) {
        return (shape.length == 2 || shape.length == 3 && (shape[2] == 1 || shape[2] == 3))
                && shape[0] <= MAX_SIDE && shape[1] <= MAX_SIDE;
    }

    /** Whether text is a PNG data URI and nothing else (checked before it goes into an attribute). */
    public static boolean isDataUri(String text) {
        return text != null && PNG_DATA_URI.matcher(text).matches();
    }

    /** The picture, or {@code null} when the sample is not an image. */
    public static String of(float[] raw, int[] shape, boolean eightBit) {
        if (!isImage(shape)) {
            return null;
        }
        float min = 0;
        float max = 255;
        if (!eightBit) {
            min = Float.POSITIVE_INFINITY;
            max = Float.NEGATIVE_INFINITY;
            for (float v : raw) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return of(raw, shape[0], shape[1], shape.length == 3 ? shape[2] : 1, false, min, max, MAX_SIDE);
    }

    /**
     * The picture of an image of any size, shrunk by sampling every n-th pixel until no side exceeds {@code maxSide};
     * values from {@code low} (black) to {@code high} (white). Channels other than 1 and 3 show the first channel.
     *
     * @param channelsFirst whether {@code values} are {@code [C, H, W]} rather than {@code [H, W, C]}
     */
    public static String of(float[] values, int height, int width, int channels, boolean channelsFirst, float low,
            float high, int maxSide) {
        int step = Math.max(1, (Math.max(height, width) + maxSide - 1) / maxSide);
        int h = (height + step - 1) / step;
        int w = (width + step - 1) / step;
        float range = high > low ? high - low : 1;
        byte[] rgb = new byte[h * w * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int channel = channels == 3 ? c : 0;
                    int row = y * step;
                    int col = x * step;
                    float v = values[channelsFirst ? (channel * height + row) * width + col
                            : (row * width + col) * channels + channel];
                    rgb[(y * w + x) * 3 + c] = (byte) Math.max(0, Math.min(255, Math.round((v - low) / range * 255)));
                }
            }
        }
        return PREFIX + Base64.getEncoder().encodeToString(png(rgb, w, h));
    }

    /** An 8-bit RGB PNG (no filter, one zlib stream) of {@code rgb}, row by row. */
    static byte[] png(byte[] rgb, int width, int height) {
        byte[] scanlines = new byte[height * (1 + width * 3)];
        for (int y = 0; y < height; y++) {
            System.arraycopy(rgb, y * width * 3, scanlines, y * (1 + width * 3) + 1, width * 3);
        }
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(scanlines);
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", header.array());
        chunk(out, "IDAT", compressed.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
