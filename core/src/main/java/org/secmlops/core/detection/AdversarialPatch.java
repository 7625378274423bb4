package org.secmlops.core.detection;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.run.Cancellation;
import org.secmlops.core.model.OutputsAndGradient;
import org.secmlops.core.robustness.SampleGeometry;

/**
 * A square patch pasted into every ground-truth box of an image (the printed patch on clothing): its side is
 * {@code relativeSize} × the box's width (at most its height), at a random place inside the box. The patch is
 * {@code resolution} × {@code resolution} RGB texels of 0..255, scaled to the side by nearest neighbour.
 * {@link #optimise} learns one against the vanishing loss with random placement and scale (expectation over
 * transformation); {@link #random} is the baseline of the same size.
 *
 * @param id           the id in reports
 * @param texels       {@code [resolution, resolution, 3]} values 0..255, row-major
 * @param resolution   texels per side
 * @param relativeSize the side relative to the box's width, in (0, 1]
 * @param description  how it was made
 */
public record AdversarialPatch(String id, float[] texels, int resolution, float relativeSize, String description)
        implements DetectionAttack {
    /** The scale jitter of the placement during optimisation: the side times 0.8 … 1.2. */
    static final float SCALE_JITTER = 0.2f;
    /** Images whose gradients (each scaled to a largest value of 1) are summed for one update. */
    static final int BATCH = 4;

    public AdversarialPatch {
        texels = texels.clone();
        if (resolution <= 0 || texels.length != resolution * resolution * 3) {
            throw new IllegalArgumentException("a patch of resolution " + resolution + " has "
                    + resolution * resolution * 3 + " values, not " + texels.length);
        }
        if (!(relativeSize > 0 && relativeSize <= 1)) {
            throw new IllegalArgumentException("the patch size relative to the box must be in (0, 1], not "
                    + relativeSize);
        }
    }

    @Override
    public float[] texels() {
        return texels.clone();
    }

    /** A patch of uniform random texels. */
    public static AdversarialPatch random(int resolution, float relativeSize, SplittableRandom random) {
        float[] texels = new float[resolution * resolution * 3];
        for (int i = 0; i < texels.length; i++) {
            texels[i] = random.nextInt(256);
        }
        return new AdversarialPatch("random-patch", texels, resolution, relativeSize,
                String.format(Locale.ROOT, "uniform random texels, side %.2f × box width", relativeSize));
    }

    /**
     * Optimises a patch against the vanishing loss over {@code steps} image gradients: each on the next image of
     * {@code images} (cycling) with the patch at a random place and scale in every box, its gradient summed over the
     * pixels each texel covers and scaled to a largest value of 1; every {@value #BATCH} images a signed step whose
     * size (in 0..255 units) shrinks linearly from 2 × {@code stepSize} to {@code stepSize} / 4.
     */
    public static AdversarialPatch optimise(Detector detector, List<DetectionSample> images, int resolution,
            float relativeSize, int steps, float stepSize, SplittableRandom random) throws ModelException {
        float[] texels = random(resolution, relativeSize, random).texels();
        List<DetectionSample> usable = images.stream().filter(s -> !s.truths().isEmpty()).toList();
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("the patch needs images with ground-truth boxes");
        }
        AdversarialPatch patch = new AdversarialPatch("patch", texels, resolution, relativeSize, "");
        int batch = Math.min(BATCH, usable.size());
        int updates = Math.max(1, steps / batch);
        float[] texelGradient = new float[texels.length];
        for (int step = 0; step < updates * batch; step++) {
            Cancellation.check();
            DetectionSample sample = usable.get(step % usable.size());
            float[] pixels = sample.pixels();
            List<Placement> placements = patch.placements(sample, random, SCALE_JITTER);
            patch.paint(pixels, sample.width(), placements);
            OutputsAndGradient result = detector.lossGradient(detector.input(sample.withPixels(pixels)),
                    DetectionLoss.vanishing(sample.truths()));
            patch.accumulate(texelGradient, result.gradient()[0], placements, detector.geometry());
            if ((step + 1) % batch == 0) {
                // the step shrinks linearly from 2 × stepSize to stepSize / 4 over the updates
                double progress = (double) (step + 1) / batch / updates;
                float size = (float) (stepSize * (2 - 1.75 * progress));
                for (int i = 0; i < texels.length; i++) {
                    texels[i] = Math.min(255f, Math.max(0f, texels[i] - size * Math.signum(texelGradient[i])));
                }
                java.util.Arrays.fill(texelGradient, 0f);
                patch = new AdversarialPatch("patch", texels, resolution, relativeSize, "");
            }
        }
        return new AdversarialPatch("patch", texels, resolution, relativeSize, String.format(Locale.ROOT,
                "side %.2f × box width, %d×%d texels, %d EOT gradients (steps of %.0f…%.0f/255) over %d images", relativeSize,
                resolution, resolution, updates * batch, 2 * stepSize, stepSize / 4, usable.size()));
    }

    /** Adds one image's texel gradient, scaled so that its largest value is 1, to {@code sum}. */
    private void accumulate(float[] sum, float[] inputGradient, List<Placement> placements, SampleGeometry g) {
        float[] texelGradient = new float[sum.length];
        for (Placement p : placements) {
            for (int r = p.top(); r < p.top() + p.side(); r++) {
                for (int col = p.left(); col < p.left() + p.side(); col++) {
                    int t = p.texel(r, col, resolution);
                    for (int c = 0; c < 3; c++) {
                        texelGradient[3 * t + c] += inputGradient[g.index(Math.min(c, g.channels() - 1), r, col)];
                    }
                }
            }
        }
        float largest = 0;
        for (float v : texelGradient) {
            largest = Math.max(largest, Math.abs(v));
        }
        if (largest > 0 && Float.isFinite(largest)) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += texelGradient[i] / largest;
            }
        }
    }

    @Override
    public String describe() {
        return description;
    }

    /** The input of the image with the patch at a random place (scale 1) in every ground-truth box. */
    @Override
    public float[] perturb(Detector detector, DetectionSample sample, float[] input, SplittableRandom random) {
        float[] pixels = sample.pixels();
        paint(pixels, sample.width(), placements(sample, random, 0f));
        return detector.input(sample.withPixels(pixels));
    }

    /** Where the patch goes in each box: a square of {@code side} pixels at {@code top}, {@code left}. */
    record Placement(int top, int left, int side) {
        int texel(int r, int col, int resolution) {
            int tr = Math.min(resolution - 1, (r - top) * resolution / side);
            int tc = Math.min(resolution - 1, (col - left) * resolution / side);
            return tr * resolution + tc;
        }
    }

    List<Placement> placements(DetectionSample sample, SplittableRandom random, float jitter) {
        List<Placement> placements = new java.util.ArrayList<>();
        for (Box b : sample.truths()) {
            float scale = jitter == 0 ? 1f : 1f + (float) random.nextDouble(-jitter, jitter);
            int x1 = Math.max(0, (int) Math.ceil(b.x1()));
            int y1 = Math.max(0, (int) Math.ceil(b.y1()));
            int x2 = Math.min(sample.width(), (int) Math.floor(b.x2()));
            int y2 = Math.min(sample.height(), (int) Math.floor(b.y2()));
            int side = Math.min(Math.round(relativeSize * scale * b.width()), Math.min(x2 - x1, y2 - y1));
            if (side < 1) {
                continue;
            }
            int top = y1 + random.nextInt(y2 - y1 - side + 1);
            int left = x1 + random.nextInt(x2 - x1 - side + 1);
            placements.add(new Placement(top, left, side));
        }
        return placements;
    }

    void paint(float[] pixels, int width, List<Placement> placements) {
        for (Placement p : placements) {
            for (int r = p.top(); r < p.top() + p.side(); r++) {
                for (int col = p.left(); col < p.left() + p.side(); col++) {
                    int t = p.texel(r, col, resolution);
                    int at = (r * width + col) * 3;
                    pixels[at] = texels[3 * t];
                    pixels[at + 1] = texels[3 * t + 1];
                    pixels[at + 2] = texels[3 * t + 2];
                }
            }
        }
    }
}
