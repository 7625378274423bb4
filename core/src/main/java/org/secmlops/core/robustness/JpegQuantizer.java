package org.secmlops.core.robustness;

/**
 * The lossy step of JPEG on each channel: values mapped to 0..255 over the valid range, level-shifted by 128,
 * 8 × 8 DCT-II, quantized with the standard luminance table (ITU-T T.81 Annex K) scaled to a quality (the IJG
 * scaling), dequantized, inverse DCT and mapped back. Blocks at the border repeat the edge pixels.
 */
public final class JpegQuantizer {
    private static final int[] LUMINANCE = {
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99};
    private static final double[][] COS = new double[8][8];

    static {
        for (int x = 0; x < 8; x++) {
            for (int u = 0; u < 8; u++) {
                COS[x][u] = Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
    }

    private JpegQuantizer() {
    }

    /** The quantization table for a quality 1..100. */
    static int[] table(int quality) {
        int q = Math.max(1, Math.min(100, quality));
        int scale = q < 50 ? 5000 / q : 200 - 2 * q;
        int[] out = new int[64];
        for (int i = 0; i < 64; i++) {
            out[i] = Math.max(1, Math.min(255, (LUMINANCE[i] * scale + 50) / 100));
        }
        return out;
    }

    /** The JPEG round trip of one sample at a quality 1..100, each channel on its own; {@code x} is kept. */
    public static float[] compress(float[] x, int quality, SampleGeometry g, InputBounds bounds) {
        int[] table = table(quality);
        float[] out = new float[x.length];
        double[] block = new double[64];
        double[] coefficients = new double[64];
        for (int c = 0; c < g.channels(); c++) {
            for (int top = 0; top < g.height(); top += 8) {
                for (int left = 0; left < g.width(); left += 8) {
                    for (int r = 0; r < 8; r++) {
                        for (int col = 0; col < 8; col++) {
                            int j = g.index(c, Math.min(top + r, g.height() - 1), Math.min(left + col, g.width() - 1));
                            block[r * 8 + col] = (x[j] - bounds.origin(j)) / bounds.span(j) * 255 - 128;
                        }
                    }
                    forward(block, coefficients);
                    for (int k = 0; k < 64; k++) {
                        coefficients[k] = Math.round(coefficients[k] / table[k]) * (double) table[k];
                    }
                    inverse(coefficients, block);
                    for (int r = 0; r < 8 && top + r < g.height(); r++) {
                        for (int col = 0; col < 8 && left + col < g.width(); col++) {
                            int j = g.index(c, top + r, left + col);
                            double pixel = Math.min(255, Math.max(0, block[r * 8 + col] + 128));
                            out[j] = (float) (pixel / 255 * bounds.span(j) + bounds.origin(j));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static double alpha(int u) {
        return u == 0 ? Math.sqrt(0.125) : 0.5;
    }

    static void forward(double[] in, double[] out) {
        for (int u = 0; u < 8; u++) {
            for (int v = 0; v < 8; v++) {
                double sum = 0;
                for (int x = 0; x < 8; x++) {
                    for (int y = 0; y < 8; y++) {
                        sum += in[x * 8 + y] * COS[x][u] * COS[y][v];
                    }
                }
                out[u * 8 + v] = alpha(u) * alpha(v) * sum;
            }
        }
    }

    static void inverse(double[] in, double[] out) {
        for (int x = 0; x < 8; x++) {
            for (int y = 0; y < 8; y++) {
                double sum = 0;
                for (int u = 0; u < 8; u++) {
                    for (int v = 0; v < 8; v++) {
                        sum += alpha(u) * alpha(v) * in[u * 8 + v] * COS[x][u] * COS[y][v];
                    }
                }
                out[x * 8 + y] = sum;
            }
        }
    }
}
